import type ExcelJS from 'exceljs';
import { loadExcelJS } from './exceljs';
import {
  chineseDate,
  cjkFont,
  DocumentStamp,
  FONTS,
  heightFor,
  linesIn,
  printSetup,
  THIN_BORDER,
} from './print';

/** The campaign's figures as GET /campaigns/:id/summary gives them. */
export interface CampaignFigures {
  today: string;
  asOf: string | null;
  problems: number;
  measures: number;
  signedOff: number;
  inProgress: number;
  overdue: number;
  dueSoon: number;
  extensionsGranted: number;
  reopened: number;
  outcomes: number;
  /** 0–1, null when there is nothing to divide by. */
  completionRate: number | null;
  onTimeRate: number | null;
  sentence: string;
}

const rate = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);

/** The rows of the table: what each figure is called, its value, and its unit. */
export function figureRows(f: CampaignFigures): [string, string | number, string][] {
  return [
    ['梳理问题', f.problems, '个'],
    ['整改措施', f.measures, '条'],
    ['已整改到位（销号）', f.signedOff, '条'],
    ['正在推进', f.inProgress, '条'],
    ['逾期', f.overdue, '条'],
    ['临期', f.dueSoon, '条'],
    ['批准延期', f.extensionsGranted, '次'],
    ['回头看重新整改', f.reopened, '条'],
    ['建章立制成果', f.outcomes, '项'],
    ['整改完成率', rate(f.completionRate), ''],
    ['按期完成率', rate(f.onTimeRate), ''],
  ];
}

const WIDTHS = [8, 34, 20, 12];
const TOTAL = WIDTHS.reduce((a, b) => a + b, 0);

/** 整改情况统计表: the campaign's figures as a printed A4 table, with the report sentence under it. */
export async function figuresWorkbook(
  campaignTitle: string,
  figures: CampaignFigures,
  stamp: DocumentStamp,
): Promise<Buffer> {
  const workbook = new (await loadExcelJS()).Workbook();
  const sheet = workbook.addWorksheet('整改情况统计', printSetup('portrait', 3, stamp));
  sheet.columns = WIDTHS.map((width) => ({ width }));
  sheet.views = [{ state: 'frozen', ySplit: 3 }];
  const merged = (
    values: string,
    font: Partial<ExcelJS.Font>,
    height: number,
    horizontal: 'center' | 'right' | 'left',
  ) => {
    const row = sheet.addRow([values]);
    sheet.mergeCells(row.number, 1, row.number, WIDTHS.length);
    row.height = height;
    row.getCell(1).font = font;
    row.getCell(1).alignment = { horizontal, vertical: 'middle', wrapText: true };
  };
  const title = `${stamp.courtName}${campaignTitle}整改情况统计表`;
  merged(title, cjkFont(FONTS.title, 16, { bold: true }), heightFor(linesIn(title, TOTAL, 16), 16), 'center');
  const day = figures.asOf ?? figures.today;
  merged(`截至${chineseDate(day)}${figures.asOf ? '日终' : ''}`, cjkFont(FONTS.body, 11), 20, 'right');
  const header = sheet.addRow(['序号', '指标', '数值', '单位']);
  header.height = 22;
  header.eachCell((cell) => {
    cell.font = cjkFont(FONTS.heading, 11, { bold: true });
    cell.alignment = { horizontal: 'center', vertical: 'middle' };
    cell.border = THIN_BORDER;
  });
  figureRows(figures).forEach(([label, value, unit], i) => {
    const row = sheet.addRow([i + 1, label, value, unit]);
    row.height = 22;
    row.eachCell((cell, column) => {
      cell.font = cjkFont(FONTS.body, 11);
      cell.alignment = { horizontal: column === 2 ? 'left' : 'center', vertical: 'middle' };
      cell.border = THIN_BORDER;
    });
  });
  sheet.addRow([]).height = 8;
  merged(
    `报告表述：${figures.sentence}`,
    cjkFont(FONTS.body, 11),
    heightFor(linesIn(figures.sentence, TOTAL, 11) + 1, 11),
    'left',
  );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
