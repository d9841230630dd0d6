import { loadExcelJS } from './exceljs';
import { Writable } from 'node:stream';
import { LEDGER_COLUMNS } from './ledger-xlsx';
import { cjkFont, FONTS, THIN_BORDER } from './print';

/** What each column of the template takes, shown on the 填写说明 sheet. */
const GUIDE: [string, string][] = [
  ['序号', '可不填；问题的序号，合并单元格或只在第一行填写均可'],
  [
    '问题',
    '必填；一个问题占一格，可向下合并到其各条措施，或只在第一条措施所在行填写；也可单独一行写问题，措施写在下面各行',
  ],
  ['整改措施', '必填；每条措施一行'],
  ['整改目标', '可不填'],
  ['责任领导', '必填；党组成员姓名，须与系统中的账号姓名一致'],
  [
    '责任部门',
    '必填；部门名称或常用简称（如 民一庭 / 民事审判第一庭），多个部门用顿号分隔，第一个为牵头部门',
  ],
  ['责任人', '必填'],
  [
    '完成时限',
    '必填；如 2026-03-31、2026/3/31、2026年3月31日、2026年3月底、3月底前；立行立改（可加日期）；长期坚持（报告周期写在“报告周期”列，如 每月、30天）',
  ],
  ['整改进展 至 是否按期', '导入时不读取（与销号台账的列一致，台账可直接导回）'],
];

/**
 * 导入模板: the ledger's own columns, so a ledger exported from the tracker imports back, with a
 * second sheet saying what each column takes and the date forms that are read.
 */
export async function writeImportTemplateXlsx(out: Writable): Promise<void> {
  const workbook = new (await loadExcelJS()).stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  const sheet = workbook.addWorksheet('问题清单', { views: [{ state: 'frozen', ySplit: 2 }] });
  sheet.columns = LEDGER_COLUMNS.map((c) => ({ width: c.width }));
  const title = sheet.addRow(['整改问题清单（导入模板）']);
  title.font = cjkFont(FONTS.title, 16, { bold: true });
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  title.height = 30;
  sheet.mergeCells(1, 1, 1, LEDGER_COLUMNS.length);
  title.commit();
  const header = sheet.addRow(LEDGER_COLUMNS.map((c) => c.header));
  header.font = cjkFont(FONTS.heading, 10, { bold: true });
  header.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  for (let c = 1; c <= LEDGER_COLUMNS.length; c++) header.getCell(c).border = THIN_BORDER;
  header.commit();
  sheet.commit();

  const guide = workbook.addWorksheet('填写说明');
  guide.columns = [{ width: 22 }, { width: 90 }];
  const head = guide.addRow(['列', '填写要求']);
  head.font = cjkFont(FONTS.heading, 10, { bold: true });
  head.commit();
  for (const [column, rule] of GUIDE) {
    const row = guide.addRow([column, rule]);
    row.font = cjkFont(FONTS.body, 10);
    row.alignment = { vertical: 'middle', wrapText: true };
    row.commit();
  }
  guide.commit();
  await workbook.commit();
}
