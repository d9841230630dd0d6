import type ExcelJS from 'exceljs';

/**
 * exceljs, loaded on the first workbook: it takes about 0.3 s to load, which every start of the
 * API and the worker (and every test file) paid whether or not it ever wrote a workbook.
 */
export async function loadExcelJS(): Promise<typeof ExcelJS> {
  return (await import('exceljs')).default;
}
