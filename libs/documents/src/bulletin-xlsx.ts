import type ExcelJS from 'exceljs';
import { loadExcelJS } from './exceljs';
import { BulletinRecord } from '@tracker/read-models';
import {
  chineseDate,
  cjkFont,
  DocumentStamp,
  FONTS,
  heightFor,
  linesIn,
  printSetup,
  textValue,
  THIN_BORDER,
} from './print';

const COLUMNS = [
  { header: '排名', key: 'rank', width: 6 },
  { header: '责任部门', key: 'department', width: 20 },
  { header: '措施总数', key: 'total', width: 9 },
  { header: '未完成', key: 'open', width: 8 },
  { header: '临期', key: 'dueSoon', width: 8 },
  { header: '逾期', key: 'overdue', width: 8 },
  { header: '督办', key: 'escalated', width: 8 },
  { header: '已销号', key: 'signedOff', width: 11 },
  { header: '完成率（%）', key: 'completionRate', width: 12 },
] as const;
const WIDTH = COLUMNS.length;
/** The overdue table's merged measure column: columns 3 to 7. */
const MEASURE_WIDTH = COLUMNS.slice(2, 7).reduce((n, c) => n + c.width, 0);
/** The whole table's width, for text merged across it. */
const TOTAL_WIDTH = COLUMNS.reduce((n, c) => n + c.width, 0);
const BODY_SIZE = 11;
const RED = { argb: 'FFC00000' };

/** Who issues the bulletin and for which court. */
export interface BulletinHeading {
  /** BULLETIN_ISSUER, e.g. 中共某某市某某区人民法院党组. */
  issuer: string;
  stamp: DocumentStamp;
}

/** 第3期 for a numbered bulletin; the date for one issued before numbering. */
export const bulletinIssueLabel = (b: Pick<BulletinRecord, 'year' | 'number' | 'asOf'>): string =>
  b.number === null ? `（${chineseDate(b.asOf)}）` : `${b.year}年第${b.number}期`;

/**
 * 督办通报 as a one-page A4 workbook: the issuing body and 督办通报 in red, 第N期 and the date above
 * a red rule, the period covered, the ranked table of departments with borders (equal figures
 * share a rank), the overdue measures named, a closing request and the issuer's signature line.
 */
export async function bulletinWorkbook(
  bulletin: BulletinRecord,
  heading: BulletinHeading,
  departmentName: (id: string) => string,
): Promise<Buffer> {
  const workbook = new (await loadExcelJS()).Workbook();
  const sheet = workbook.addWorksheet('督办通报', printSetup('portrait', 0, heading.stamp));
  sheet.pageSetup.margins = { left: 0.6, right: 0.6, top: 0.8, bottom: 0.7, header: 0.3, footer: 0.3 };
  sheet.columns = COLUMNS.map((c) => ({ width: c.width }));

  const line = (
    text: string,
    font: Partial<ExcelJS.Font>,
    height: number,
    horizontal: 'center' | 'left' | 'right' = 'center',
  ) => {
    const row = sheet.addRow([textValue(text)]);
    sheet.mergeCells(row.number, 1, row.number, WIDTH);
    row.height = height;
    row.getCell(1).font = font;
    row.getCell(1).alignment = { horizontal, vertical: 'middle', wrapText: true };
    return row;
  };

  // 红头: the issuing body and 督办通报, then 第N期 and the date over a red rule.
  line(heading.issuer, cjkFont(FONTS.title, 20, { bold: true, color: RED }), 30);
  line('督 办 通 报', cjkFont(FONTS.title, 26, { bold: true, color: RED }), 36);
  const numberRow = sheet.addRow([]);
  numberRow.height = 24;
  sheet.mergeCells(numberRow.number, 1, numberRow.number, 4);
  sheet.mergeCells(numberRow.number, 5, numberRow.number, WIDTH);
  numberRow.getCell(1).value = bulletinIssueLabel(bulletin);
  numberRow.getCell(5).value = chineseDate(bulletin.issuedOn);
  numberRow.getCell(1).alignment = { horizontal: 'left', vertical: 'bottom' };
  numberRow.getCell(5).alignment = { horizontal: 'right', vertical: 'bottom' };
  for (let c = 1; c <= WIDTH; c++) {
    const cell = numberRow.getCell(c);
    cell.font = cjkFont(FONTS.body, 12);
    cell.border = { bottom: { style: 'thick', color: RED } };
  }
  sheet.addRow([]).height = 8;

  line(`关于${heading.stamp.courtName}整改任务推进情况的通报`, cjkFont(FONTS.title, 15, { bold: true }), 30);
  line(
    `统计期间：${chineseDate(bulletin.periodStart)}至${chineseDate(bulletin.asOf)}`,
    cjkFont(FONTS.body, BODY_SIZE),
    20,
  );
  const intro = `现将截至${chineseDate(bulletin.asOf)}各部门整改措施推进情况通报如下。排名按整改完成率由高到低、逾期措施由少到多排列，数据相同的部门并列。`;
  line(
    intro,
    cjkFont(FONTS.body, BODY_SIZE),
    heightFor(linesIn(intro, TOTAL_WIDTH, BODY_SIZE), BODY_SIZE),
    'left',
  );

  line('一、各部门整改推进情况', cjkFont(FONTS.heading, 12, { bold: true }), 22, 'left');
  const header = sheet.addRow(COLUMNS.map((c) => c.header));
  header.height = heightFor(2, BODY_SIZE - 1);
  header.eachCell((cell) => {
    cell.font = cjkFont(FONTS.heading, BODY_SIZE - 1, { bold: true });
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = THIN_BORDER;
  });
  for (const l of bulletin.lines) {
    const name = departmentName(l.departmentId);
    const row = sheet.addRow([
      l.rank,
      textValue(name),
      l.total,
      l.open,
      l.dueSoon,
      l.overdue,
      l.escalated,
      l.signedOff,
      l.completionRate,
    ]);
    row.height = heightFor(linesIn(name, COLUMNS[1].width, BODY_SIZE), BODY_SIZE);
    row.getCell(9).numFmt = '0.0';
    row.eachCell((cell) => {
      cell.font = cjkFont(FONTS.body, BODY_SIZE);
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.border = THIN_BORDER;
    });
  }
  if (bulletin.lines.length === 0) line('本期无整改措施。', cjkFont(FONTS.body, BODY_SIZE), 20, 'left');

  sheet.addRow([]).height = 8;
  const overdue = bulletin.overdueMeasures;
  line(
    overdue.length === 0 ? '二、逾期措施：本期无逾期措施。' : `二、逾期措施（${overdue.length}条）`,
    cjkFont(FONTS.heading, 12, { bold: true }),
    22,
    'left',
  );
  if (overdue.length > 0) {
    // 序号 | 责任部门 | 措施 (five columns merged) | 完成时限 | 逾期天数
    const cells = (values: (string | number)[], font: Partial<ExcelJS.Font>, height: number) => {
      const row = sheet.addRow([values[0], values[1], values[2], '', '', '', '', values[3], values[4]]);
      sheet.mergeCells(row.number, 3, row.number, 7);
      row.height = height;
      for (let c = 1; c <= WIDTH; c++) {
        const cell = row.getCell(c);
        cell.font = font;
        cell.border = THIN_BORDER;
        cell.alignment = { horizontal: c === 3 ? 'left' : 'center', vertical: 'middle', wrapText: true };
      }
    };
    cells(
      ['序号', '责任部门', '逾期措施', '完成时限', '逾期天数'],
      cjkFont(FONTS.heading, BODY_SIZE - 1, { bold: true }),
      20,
    );
    overdue.forEach((m, i) => {
      const measure = textValue(`${m.number} ${m.content}`) as string;
      const department = departmentName(m.departmentId);
      cells(
        [i + 1, textValue(department), measure, m.dueDate ?? '', m.daysOverdue],
        cjkFont(FONTS.body, BODY_SIZE - 1),
        heightFor(
          Math.max(
            linesIn(measure, MEASURE_WIDTH, BODY_SIZE - 1),
            linesIn(department, COLUMNS[1].width, BODY_SIZE - 1),
          ),
          BODY_SIZE - 1,
        ),
      );
    });
  }

  sheet.addRow([]).height = 8;
  const closing =
    '请各责任部门对照本通报，对逾期、临期措施逐项分析原因，抓紧推进整改，按期完成销号；对逾期措施，责任部门应于三个工作日内书面说明情况。';
  line(
    closing,
    cjkFont(FONTS.body, BODY_SIZE),
    heightFor(linesIn(closing, TOTAL_WIDTH, BODY_SIZE), BODY_SIZE),
    'left',
  );
  sheet.addRow([]).height = 6;
  line(heading.issuer, cjkFont(FONTS.body, 12), 20, 'right');
  line(chineseDate(bulletin.issuedOn), cjkFont(FONTS.body, 12), 20, 'right');

  return Buffer.from(await workbook.xlsx.writeBuffer());
}
