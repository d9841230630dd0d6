import { Document, Packer, Paragraph, Table, TableCell, TableRow, VerticalMergeType } from 'docx';
import ExcelJS from 'exceljs';

/** Test files as courts write them, built with the libraries the court's own tools write with. */
export type SampleCell = string | number | Date | null;

/** A problem cell merged down over rows `from`..`to` (sheet rows, 1-based) in column `column` (1-based). */
export interface Merge {
  column: number;
  from: number;
  to: number;
}

export interface SampleList {
  rows: SampleCell[][];
  /** Vertical merges of problem cells; the cells below the first are null in `rows`. */
  merges: Merge[];
}

/** Excel serial of a date (what a cell formatted as a number holds). */
export const excelSerial = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000 + 25569;

/**
 * The list the checks of issue 14 name: a title row, merged problem cells, Chinese dates, short and
 * long department names, one 长期坚持 measure; unless `fixed`, rows 8 and 9 are bad (民一厅, 2026-02-30).
 */
export function sampleList(fixed = false): SampleList {
  return {
    rows: [
      ['某某区人民法院巡察反馈问题整改清单', null, null, null, null, null, null, null],
      ['序号', '存在问题', '整改措施', '整改目标', '牵头领导', '责任单位', '责任人', '整改时限'],
      [
        1,
        '立案窗口服务不规范',
        '1.优化立案窗口服务流程',
        '群众满意',
        '李敏',
        '立案庭',
        '陈立',
        '2026年3月31日',
      ],
      [null, null, '2.开展当事人满意度回访', null, '李敏', '立案庭、民一庭', '陈立', '3月底前'],
      [2, '执行案款发放不及时', '开展执行案款专项清理', '案款清零', '赵刚', '执行局', '孙强', '2026/4/30'],
      [null, null, '建立案款发放长效机制', null, '赵刚', '执行局', '孙强', '长期坚持'],
      [3, '审判质效有待提升', '开展庭审规范化检查', null, '王建国', '民事审判第一庭', '刘洋', '2026.5.31'],
      [
        null,
        null,
        '开展发改案件评查',
        null,
        '王建国',
        fixed ? '民一庭' : '民一厅',
        '刘洋',
        excelSerial('2026-06-15'),
      ],
      [null, null, '组织审判业务培训', null, '李敏', '民二庭', '周敏', fixed ? '2026年6月底' : '2026-02-30'],
    ],
    // 问题 merged down rows 3-4 and 7-9 (序号 too); rows 5-6 are written once with a blank below.
    merges: [
      { column: 1, from: 3, to: 4 },
      { column: 2, from: 3, to: 4 },
      { column: 1, from: 7, to: 9 },
      { column: 2, from: 7, to: 9 },
    ],
  };
}

export async function sampleXlsx(list: SampleList): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('问题清单');
  for (const row of list.rows) sheet.addRow(row);
  sheet.mergeCells(1, 1, 1, list.rows[1].length);
  for (const m of list.merges) sheet.mergeCells(m.from, m.column, m.to, m.column);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const csvCell = (c: SampleCell) => {
  if (c === null) return '';
  const text =
    c instanceof Date
      ? c.toISOString().slice(0, 10)
      : typeof c === 'number' && c > 20000
        ? serialDate(c)
        : String(c);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};
const serialDate = (serial: number) => new Date((serial - 25569) * 86_400_000).toISOString().slice(0, 10);

/** The list as CSV (merged cells written once with blanks below, as Excel saves them). */
export function sampleCsv(list: SampleList, encoding: 'utf-8' | 'gb18030'): Buffer {
  const text = list.rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
  return encoding === 'utf-8' ? Buffer.from(text, 'utf8') : encodeGb18030(text);
}

let gbTable: Map<string, number[]> | undefined;
/** Node encodes no GB18030; the table is built by decoding every two-byte code (tests only). */
function encodeGb18030(text: string): Buffer {
  if (!gbTable) {
    gbTable = new Map();
    const decoder = new TextDecoder('gb18030');
    for (let lead = 0x81; lead <= 0xfe; lead++)
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        const char = decoder.decode(Uint8Array.of(lead, trail));
        if (char.length === 1 && char !== '\ufffd' && !gbTable.has(char)) gbTable.set(char, [lead, trail]);
      }
  }
  const bytes: number[] = [];
  for (const char of text) {
    if (char.charCodeAt(0) < 0x80) bytes.push(char.charCodeAt(0));
    else {
      const code = gbTable.get(char);
      if (!code) throw new Error(`no two-byte GB18030 code for ${char}`);
      bytes.push(...code);
    }
  }
  return Buffer.from(bytes);
}

/** The list as the first table of a Word document: the title a row spanning all columns, problem cells merged down. */
export async function sampleDocx(list: SampleList): Promise<Buffer> {
  const width = list.rows[1].length;
  const rows = list.rows.map((row, r) => {
    const sheetRow = r + 1;
    if (r === 0)
      return new TableRow({
        children: [new TableCell({ columnSpan: width, children: [new Paragraph(String(row[0]))] })],
      });
    return new TableRow({
      children: row.map((cell, c) => {
        const merge = list.merges.find((m) => m.column === c + 1 && sheetRow >= m.from && sheetRow <= m.to);
        return new TableCell({
          verticalMerge: merge
            ? merge.from === sheetRow
              ? VerticalMergeType.RESTART
              : VerticalMergeType.CONTINUE
            : undefined,
          children: [new Paragraph(csvCell(cell).replace(/^"|"$/g, ''))],
        });
      }),
    });
  });
  const document = new Document({
    sections: [{ children: [new Paragraph('附件：整改清单'), new Table({ rows })] }],
  });
  return Packer.toBuffer(document);
}
