import { loadExcelJS } from './exceljs';
import { DocumentStamp, FONTS, printSetup, THIN_BORDER } from './print';

/** One event as an inspector reads it in the audit export's history.xlsx. */
export interface HistoryRow {
  /** 2026-03-02 09:30, court time. */
  time: string;
  streamName: string;
  revision: string;
  /** 报告进展 */
  event: string;
  type: string;
  /** 刘洋（部门负责人）, 系统 */
  actor: string;
  /** The event's data as compact JSON (password hashes redacted). */
  content: string;
  hash: string;
}

const COLUMNS: { header: string; key: keyof HistoryRow; width: number }[] = [
  { header: '时间', key: 'time', width: 17 },
  { header: '对象（流）', key: 'streamName', width: 30 },
  { header: '序号', key: 'revision', width: 6 },
  { header: '事件', key: 'event', width: 16 },
  { header: '事件类型', key: 'type', width: 20 },
  { header: '操作人', key: 'actor', width: 18 },
  { header: '内容', key: 'content', width: 60 },
  { header: '哈希（SHA-256）', key: 'hash', width: 20 },
];

/** 审计历史: every exported event in order, for reading; the verifier reads events.jsonl, not this. */
export async function historyWorkbook(
  title: string,
  rows: readonly HistoryRow[],
  stamp: DocumentStamp,
): Promise<Buffer> {
  const book = new (await loadExcelJS()).Workbook();
  const sheet = book.addWorksheet('审计历史', printSetup('landscape', 2, stamp));
  sheet.columns = COLUMNS.map(({ key, width }) => ({ key, width }));
  sheet.mergeCells(1, 1, 1, COLUMNS.length);
  const heading = sheet.getCell(1, 1);
  heading.value = title;
  heading.font = { name: FONTS.title, size: 16 };
  heading.alignment = { horizontal: 'center' };
  const header = sheet.getRow(2);
  COLUMNS.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { name: FONTS.heading, bold: true };
    cell.border = THIN_BORDER;
  });
  for (const row of rows) {
    const added = sheet.addRow({ ...row, hash: row.hash.slice(0, 16) });
    added.eachCell((cell) => {
      cell.font = { name: FONTS.body, size: 10 };
      cell.border = THIN_BORDER;
      cell.alignment = { vertical: 'top', wrapText: true };
    });
  }
  sheet.views = [{ state: 'frozen', ySplit: 2 }];
  return Buffer.from(await book.xlsx.writeBuffer());
}
