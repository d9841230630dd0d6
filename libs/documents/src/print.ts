import type ExcelJS from 'exceljs';

/**
 * Who a document is from and when it was made: printed in every document's footer. One place
 * for all three documents (ledger, bulletin, report), so what a footer says is decided here.
 */
export interface DocumentStamp {
  /** COURT_NAME. */
  courtName: string;
  /** The instant the document was made. */
  exportedAt: Date;
  /** The court's time zone (COURT_TIMEZONE): the export time is printed in it. */
  timeZone: string;
  /**
   * The latest audit anchor when the document was made: its 校验码 (fingerprint) and the time it
   * was taken, so a printed copy can be matched to the record (GET /audit/anchors lists them).
   * Null before the court's first anchor.
   */
  anchor: { fingerprint: string; anchoredAt: Date } | null;
}

/** The export time as the court reads it: 2026-03-02 09:30. */
export function exportTime(stamp: DocumentStamp): string {
  return courtTime(stamp.exportedAt, stamp.timeZone);
}

function courtTime(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}

/**
 * The footer's right-hand note: the export time and the latest audit anchor's 校验码 with its
 * time. The only place the anchor is printed: every document's footer calls this.
 */
export function footerNote(stamp: DocumentStamp): string {
  const anchor = stamp.anchor
    ? `  校验码 ${stamp.anchor.fingerprint}（锚点 ${courtTime(stamp.anchor.anchoredAt, stamp.timeZone)}）`
    : '';
  return `导出时间：${exportTime(stamp)}${anchor}`;
}

/** A calendar date (2026-03-02) as documents print it: 2026年3月2日. */
export function chineseDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

// ---- Spreadsheets ----

/** Fonts conventional in court documents; office suites substitute a CJK font where these are missing. */
export const FONTS = { body: '宋体', heading: '黑体', title: '方正小标宋简体' } as const;
/** GB2312 charset: tells an office suite to substitute a Chinese font when the named one is missing. */
const CJK_CHARSET = 134;

export const cjkFont = (
  name: string,
  size: number,
  more: Partial<ExcelJS.Font> = {},
): Partial<ExcelJS.Font> => ({
  name,
  size,
  charset: CJK_CHARSET,
  ...more,
});

export const THIN_BORDER: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

/** Text for the header/footer codes (&P, &N…): a literal & is written &&. */
const footerText = (text: string) => text.replace(/&/g, '&&');

/**
 * A4 page setup for a printed table: fit to one page wide (as many pages high as it takes),
 * the title and header rows repeated on every page, centred horizontally, and a footer with the
 * court, 第 N 页 共 M 页 and the export time.
 */
export function printSetup(
  orientation: 'landscape' | 'portrait',
  repeatRows: number,
  stamp: DocumentStamp,
): { pageSetup: Partial<ExcelJS.PageSetup>; headerFooter: Partial<ExcelJS.HeaderFooter> } {
  return {
    pageSetup: {
      paperSize: 9, // A4
      orientation,
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      ...(repeatRows > 0 ? { printTitlesRow: `1:${repeatRows}` } : {}),
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.7, header: 0.3, footer: 0.3 },
    },
    headerFooter: {
      oddFooter: `&L&9${footerText(stamp.courtName)}&C&9第 &P 页 共 &N 页&R&9${footerText(footerNote(stamp))}`,
    },
  };
}

/**
 * A cell's value as text that stays text: never a formula object, so a note beginning with =,
 * +, - or @ is written as a string cell and read back, printed and shown as typed.
 */
export function textValue(value: string | number | null | undefined): string | number {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return value;
  // Strip control characters an .xlsx cannot hold (XML 1.0), keep line breaks and tabs.
  // eslint-disable-next-line no-control-regex
  return String(value).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');
}

/**
 * How many lines a text takes in a column of `width` characters (Excel's unit: the width of
 * '0' in the default font) at `fontSize` points: a CJK character takes about 1.75 units at 10 pt,
 * Latin letters and digits about one. Errs towards a line too many: a cut-off line is worse.
 */
export function linesIn(text: string, width: number, fontSize = 10): number {
  const capacity = Math.max(1, width - 0.8);
  const cjk = 0.175 * fontSize;
  const latin = 0.1 * fontSize;
  let lines = 0;
  for (const paragraph of text.split('\n')) {
    let units = 0;
    for (const ch of paragraph) units += ch.charCodeAt(0) < 0x100 ? latin : cjk;
    lines += Math.max(1, Math.ceil(units / capacity));
  }
  return lines;
}

/** A row height (points) that holds `lines` lines of text at `fontSize`. */
export const heightFor = (lines: number, fontSize: number): number => Math.ceil(lines * fontSize * 1.35 + 6);
