import { parse as parseCsv } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';
import { XMLParser } from 'fast-xml-parser';
import JSZip from 'jszip';
import { CellValue, Grid, GridRow, UnreadableFileError } from './grid';

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

const notATable = () =>
  new UnreadableFileError(
    'import.not_a_table',
    '无法读取该文件：请上传 Excel（.xlsx）、CSV（UTF-8 或 GB18030 编码）或 Word（.docx，清单放在第一个表格中）文件',
    'The file is not an .xlsx workbook, a CSV file (UTF-8 or GB18030) or a .docx document with a table',
  );
const empty = () =>
  new UnreadableFileError(
    'import.empty',
    '文件中没有内容：请在第一个工作表（或 Word 的第一个表格）中填写问题清单',
    'The file holds no rows',
  );

/**
 * Reads the first worksheet of an .xlsx, a CSV (UTF-8 or GB18030, told apart by trying UTF-8
 * strictly first) or the first table of a .docx, whichever the bytes are; the file name is not
 * trusted. Merged cells read as their top-left value on every row they span, as people see them.
 */
export async function readTable(bytes: Buffer): Promise<Grid> {
  if (bytes.length === 0) throw empty();
  const grid = ZIP_MAGIC.every((b, i) => bytes[i] === b) ? await readZip(bytes) : readCsv(bytes);
  const rows = grid.rows.filter((r) => r.cells.some((c) => c !== null && String(c).trim() !== ''));
  if (rows.length === 0) throw empty();
  return { ...grid, rows };
}

async function readZip(bytes: Buffer): Promise<Grid> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch {
    throw notATable();
  }
  if (zip.file('xl/workbook.xml')) return readXlsx(bytes);
  const document = zip.file('word/document.xml');
  if (document) return readDocx(await document.async('string'));
  throw notATable();
}

async function readXlsx(bytes: Buffer): Promise<Grid> {
  const workbook = new (await import('exceljs')).default.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw notATable();
  }
  const sheet = workbook.worksheets.find((s) => s.actualRowCount > 0) ?? workbook.worksheets[0];
  if (!sheet) throw empty();
  const rows: GridRow[] = [];
  // columnCount walks every row: read it once, not per row.
  const width = sheet.columnCount;
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: CellValue[] = [];
    for (let c = 1; c <= width; c++) cells.push(excelValue(row.getCell(c).value));
    rows.push({ row: rowNumber, cells });
  });
  return { format: 'xlsx', rows };
}

/** exceljs values: text, numbers, dates, rich text, formulas (their cached result), hyperlinks. */
function excelValue(value: ExcelJS.CellValue): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || value instanceof Date) return value;
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('formula' in value || 'sharedFormula' in value) {
      const result = (value as ExcelJS.CellFormulaValue).result;
      return result === undefined ||
        result === null ||
        (typeof result === 'object' && !(result instanceof Date))
        ? null
        : (result as CellValue);
    }
    if ('text' in value) return excelValue((value as ExcelJS.CellHyperlinkValue).text);
    if ('error' in value) return null;
  }
  return null;
}

function readCsv(bytes: Buffer): Grid {
  const text = decodeText(bytes);
  let records: string[][];
  try {
    records = parseCsv(text, {
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      bom: true,
    });
  } catch {
    throw notATable();
  }
  return {
    format: 'csv',
    rows: records.map((cells, i) => ({ row: i + 1, cells: cells.map((c) => (c === '' ? null : c)) })),
  };
}

/** UTF-8 if the bytes are valid UTF-8 (with or without a BOM), else GB18030 (which GBK and GB2312 are part of). */
function decodeText(bytes: Buffer): string {
  // Binary files (a PDF, an image, an old .xls) are not text in any encoding a court would use.
  if (bytes.subarray(0, 4096).includes(0)) throw notATable();
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    try {
      return new TextDecoder('gb18030', { fatal: true }).decode(bytes);
    } catch {
      throw notATable();
    }
  }
}

type XmlNode = Record<string, unknown> & { ':@'?: Record<string, string> };
const childrenOf = (node: XmlNode, tag: string): XmlNode[] => (node[tag] as XmlNode[] | undefined) ?? [];
const tagOf = (node: XmlNode) => Object.keys(node).find((k) => k !== ':@') ?? '';

/** Every node with this tag under `nodes`, in document order, not looking inside a match. */
function findAll(nodes: XmlNode[], tag: string, out: XmlNode[] = []): XmlNode[] {
  for (const node of nodes) {
    const name = tagOf(node);
    if (name === tag) out.push(node);
    else if (Array.isArray(node[name])) findAll(node[name] as XmlNode[], tag, out);
  }
  return out;
}

/** The text of a node: its w:t runs, a paragraph per line, tabs and breaks as spaces. */
function textOf(nodes: XmlNode[]): string {
  const paragraphs = findAll(nodes, 'w:p');
  const source = paragraphs.length > 0 ? paragraphs : [{ 'w:p': nodes } as XmlNode];
  return source
    .map((p) => {
      let text = '';
      const walk = (list: XmlNode[]) => {
        for (const node of list) {
          const name = tagOf(node);
          if (name === '#text') text += String(node['#text']);
          else if (name === 'w:tab' || name === 'w:br') text += ' ';
          else if (name === 'w:t') walk(childrenOf(node, 'w:t'));
          else if (name !== 'w:rPr' && name !== 'w:pPr' && name !== 'w:delText' && Array.isArray(node[name]))
            walk(node[name] as XmlNode[]);
        }
      };
      walk(childrenOf(p, 'w:p'));
      return text;
    })
    .join('\n');
}

/**
 * The first table of a Word document. mammoth and similar converters drop vertical merges, so
 * the XML is read directly: `w:gridSpan` spans columns, `w:vMerge` without `restart` continues
 * the cell above (its value is repeated, as a merged Excel cell reads).
 */
function readDocx(xml: string): Grid {
  let tree: XmlNode[];
  try {
    tree = new XMLParser({
      preserveOrder: true,
      ignoreAttributes: false,
      attributeNamePrefix: '',
      trimValues: false,
    }).parse(xml) as XmlNode[];
  } catch {
    throw notATable();
  }
  const table = findAll(tree, 'w:tbl')[0];
  if (!table) {
    throw new UnreadableFileError(
      'import.no_table',
      'Word 文件中没有表格：请把问题清单做成表格（第一个表格）后再上传',
      'The Word document holds no table',
    );
  }
  const rows: GridRow[] = [];
  let previous: CellValue[] = [];
  findAll(childrenOf(table, 'w:tbl'), 'w:tr').forEach((tr, index) => {
    const cells: CellValue[] = [];
    for (const tc of findAll(childrenOf(tr, 'w:tr'), 'w:tc')) {
      const properties = findAll(childrenOf(tc, 'w:tc'), 'w:tcPr')[0];
      const props = properties ? childrenOf(properties, 'w:tcPr') : [];
      const span = Number(findAll(props, 'w:gridSpan')[0]?.[':@']?.['w:val'] ?? 1) || 1;
      const vMerge = findAll(props, 'w:vMerge')[0];
      const continues = vMerge !== undefined && vMerge[':@']?.['w:val'] !== 'restart';
      const column = cells.length;
      const text = textOf(childrenOf(tc, 'w:tc')).trim();
      cells.push(continues ? (previous[column] ?? null) : text === '' ? null : text);
      for (let s = 1; s < span; s++) cells.push(null);
    }
    rows.push({ row: index + 1, cells });
    previous = cells;
  });
  return { format: 'docx', rows };
}
