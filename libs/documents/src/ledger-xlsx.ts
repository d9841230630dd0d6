import ExcelJS from 'exceljs';
import { Writable } from 'node:stream';
import { LedgerRow } from '@tracker/read-models';

/** The 整改台账 columns courts use, in order, with what each shows. */
export const LEDGER_COLUMNS: readonly {
  header: string;
  width: number;
  value: (r: LedgerRow) => string | number;
}[] = [
  { header: '序号', width: 6, value: (r) => r.serial },
  { header: '问题', width: 36, value: (r) => r.problem },
  { header: '整改措施', width: 40, value: (r) => r.measure },
  { header: '整改目标', width: 24, value: (r) => r.target },
  { header: '责任领导', width: 10, value: (r) => r.responsibleLeader },
  { header: '责任部门', width: 12, value: (r) => r.department },
  { header: '责任人', width: 10, value: (r) => r.responsiblePerson },
  { header: '完成时限', width: 14, value: (r) => r.deadline },
  { header: '整改进展', width: 30, value: (r) => r.progress },
  { header: '完成情况', width: 16, value: (r) => r.completion },
  { header: '销号时间', width: 12, value: (r) => r.signedOffOn },
  { header: '销号审核人', width: 10, value: (r) => r.signedOffBy },
  { header: '是否按期', width: 8, value: (r) => r.onTime },
];

/** Columns merged down a problem's rows: 序号 and 问题. */
const MERGED_COLUMNS = [1, 2];
const FIRST_DATA_ROW = 3;
const BORDER: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

/**
 * Streams the ledger as an .xlsx workbook (title row, header row, one row per measure with the
 * problem's cells merged down its measures). Streaming keeps memory flat for large ledgers.
 */
export async function writeLedgerXlsx(
  title: string,
  rows: readonly LedgerRow[],
  out: Writable,
): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: true,
  });
  const sheet = workbook.addWorksheet('整改台账', { views: [{ state: 'frozen', ySplit: 2 }] });
  sheet.columns = LEDGER_COLUMNS.map((c) => ({ width: c.width }));

  const titleRow = sheet.addRow([title]);
  titleRow.font = { bold: true, size: 16 };
  titleRow.alignment = { horizontal: 'center', vertical: 'middle' };
  titleRow.height = 30;
  sheet.mergeCells(1, 1, 1, LEDGER_COLUMNS.length);
  titleRow.commit();

  const header = sheet.addRow(LEDGER_COLUMNS.map((c) => c.header));
  header.font = { bold: true };
  header.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  header.eachCell((cell) => (cell.border = BORDER));
  header.commit();

  // The streaming writer merges only rows not yet committed: write a problem's rows, merge, then commit.
  let next = FIRST_DATA_ROW;
  for (const group of byProblem(rows)) {
    const written = group.map((row) => {
      const line = sheet.addRow(LEDGER_COLUMNS.map((c) => c.value(row)));
      line.alignment = { vertical: 'middle', wrapText: true };
      line.eachCell((cell) => (cell.border = BORDER));
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
