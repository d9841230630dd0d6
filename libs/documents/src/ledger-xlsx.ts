import { loadExcelJS } from './exceljs';
import { Writable } from 'node:stream';
import { LedgerRow } from '@tracker/read-models';
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

/** The 整改台账 columns courts use, in order, with what each shows; widths fit A4 landscape at about 80 %. */
export const LEDGER_COLUMNS: readonly {
  header: string;
  width: number;
  value: (r: LedgerRow) => string | number;
}[] = [
  { header: '序号', width: 5, value: (r) => r.serial },
  { header: '问题', width: 24, value: (r) => r.problem },
  { header: '整改措施', width: 28, value: (r) => r.measure },
  { header: '整改目标', width: 18, value: (r) => r.target },
  { header: '责任领导', width: 8, value: (r) => r.responsibleLeader },
  { header: '责任部门', width: 10, value: (r) => r.department },
  { header: '责任人', width: 8, value: (r) => r.responsiblePerson },
  { header: '完成时限', width: 11, value: (r) => r.deadline },
  { header: '整改进展', width: 22, value: (r) => r.progress },
  { header: '完成情况', width: 11, value: (r) => r.completion },
  { header: '销号时间', width: 11, value: (r) => r.signedOffOn },
  { header: '销号审核人', width: 8, value: (r) => r.signedOffBy },
  { header: '是否按期', width: 6, value: (r) => r.onTime },
];

/** What the ledger's first rows say: the title (court and campaign) and the day it is as of. */
export interface LedgerHeading {
  /** e.g. 执行难专项整改销号台账; the court name is put before it. */
  title: string;
  asOf: string;
  stamp: DocumentStamp;
}

/** Columns merged down a problem's rows: 序号 and 问题. */
const MERGED_COLUMNS = [1, 2];
/** Title, as-of line and header: repeated on every printed page. */
const HEADING_ROWS = 3;
const BODY_SIZE = 10;

/** The printed title: `<court><campaign>整改销号台账`. */
export const ledgerTitle = (heading: LedgerHeading): string => `${heading.stamp.courtName}${heading.title}`;

/**
 * Streams the ledger as an .xlsx workbook laid out for print: A4 landscape, one page wide, the
 * title, as-of line and header repeated on every page, borders on every cell, row heights that
 * hold the wrapped Chinese text, the header frozen on screen, 第 N 页 共 M 页 in the footer; one
 * row per measure with the problem's cells merged down its measures. Streaming keeps memory flat.
 */
export async function writeLedgerXlsx(
  heading: LedgerHeading,
  rows: readonly LedgerRow[],
  out: Writable,
): Promise<void> {
  const workbook = new (await loadExcelJS()).stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: true,
  });
  const columns = LEDGER_COLUMNS.length;
  const sheet = workbook.addWorksheet('整改台账', {
    views: [{ state: 'frozen', ySplit: HEADING_ROWS }],
    ...printSetup('landscape', HEADING_ROWS, heading.stamp),
  });
  sheet.columns = LEDGER_COLUMNS.map((c) => ({ width: c.width }));

  const titleRow = sheet.addRow([ledgerTitle(heading)]);
  titleRow.font = cjkFont(FONTS.title, 18, { bold: true });
  titleRow.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  titleRow.height = 34;
  sheet.mergeCells(1, 1, 1, columns);
  titleRow.commit();

  const problems = new Set(rows.map((r) => r.problemId)).size;
  const asOfRow = sheet.addRow([
    `截至${chineseDate(heading.asOf)}\u3000共${problems}个问题、${rows.length}条整改措施`,
  ]);
  asOfRow.font = cjkFont(FONTS.body, 11);
  asOfRow.alignment = { horizontal: 'right', vertical: 'middle' };
  asOfRow.height = 20;
  sheet.mergeCells(2, 1, 2, columns);
  asOfRow.commit();

  const header = sheet.addRow(LEDGER_COLUMNS.map((c) => c.header));
  header.font = cjkFont(FONTS.heading, BODY_SIZE, { bold: true });
  header.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  header.height = heightFor(
    Math.max(...LEDGER_COLUMNS.map((c) => linesIn(c.header, c.width, BODY_SIZE))),
    BODY_SIZE,
  );
  for (let c = 1; c <= columns; c++) header.getCell(c).border = THIN_BORDER;
  header.commit();

  // The streaming writer merges only rows not yet committed: write a problem's rows, merge, then commit.
  let next = HEADING_ROWS + 1;
  for (const group of byProblem(rows)) {
    const heights = group.map((row) =>
      heightFor(
        Math.max(
          ...LEDGER_COLUMNS.map((c, i) =>
            MERGED_COLUMNS.includes(i + 1) ? 1 : linesIn(String(c.value(row)), c.width, BODY_SIZE),
          ),
        ),
        BODY_SIZE,
      ),
    );
    // The merged problem cell spans the group: give the group the height its text needs.
    const needed = heightFor(
      Math.max(
        ...MERGED_COLUMNS.map((c) =>
          linesIn(String(LEDGER_COLUMNS[c - 1].value(group[0])), LEDGER_COLUMNS[c - 1].width, BODY_SIZE),
        ),
      ),
      BODY_SIZE,
    );
    const short = needed - heights.reduce((a, b) => a + b, 0);
    if (short > 0) heights.forEach((_, i) => (heights[i] += Math.ceil(short / group.length)));

    const written = group.map((row, index) => {
      const line = sheet.addRow(LEDGER_COLUMNS.map((c) => textValue(c.value(row))));
      line.font = cjkFont(FONTS.body, BODY_SIZE);
      line.alignment = { vertical: 'middle', wrapText: true };
      line.height = heights[index];
      for (let c = 1; c <= columns; c++) {
        const cell = line.getCell(c);
        cell.border = THIN_BORDER;
        if (c === 1 || (c >= 5 && c !== 9))
          cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      }
      return line;
    });
    if (group.length > 1) {
      for (const column of MERGED_COLUMNS) sheet.mergeCells(next, column, next + group.length - 1, column);
    }
    written.forEach((line) => line.commit());
    next += group.length;
  }
  sheet.commit();
  await workbook.commit();
}

/** Consecutive rows of the same problem. */
function byProblem(rows: readonly LedgerRow[]): LedgerRow[][] {
  const groups: LedgerRow[][] = [];
  for (const row of rows) {
    const last = groups[groups.length - 1];
    if (last && last[0].problemId === row.problemId) last.push(row);
    else groups.push([row]);
  }
  return groups;
}
