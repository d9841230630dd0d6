/** A cell as read from a file: text, a number, a date (Excel), or nothing. */
export type CellValue = string | number | Date | null;

/** One row of the table as the file has it, with the row number the user sees (第N行). */
export interface GridRow {
  row: number;
  cells: CellValue[];
}

/** The file the court uploaded, reduced to its first table. */
export interface Grid {
  format: 'xlsx' | 'csv' | 'docx';
  rows: GridRow[];
}

/** The file cannot be read as a table at all (not a spreadsheet, empty, damaged): a 400, nothing kept. */
export class UnreadableFileError extends Error {
  constructor(
    readonly code: string,
    readonly zh: string,
    readonly en: string,
  ) {
    super(en);
  }
}

/** Text of a cell with whitespace runs (full-width spaces and line breaks included) kept readable. */
export function cellText(value: CellValue): string {
  if (value === null) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value)
    .replace(/\r\n?/g, '\n')
    .replace(/[\t\u00a0\u3000 ]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .trim();
}
