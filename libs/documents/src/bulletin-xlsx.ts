import ExcelJS from 'exceljs';
import { BulletinRecord } from '@tracker/read-models';

const COLUMNS = [
  { header: '排名', key: 'rank', width: 8 },
  { header: '责任部门', key: 'department', width: 18 },
  { header: '措施总数', key: 'total', width: 10 },
  { header: '未完成', key: 'open', width: 10 },
  { header: '临期', key: 'dueSoon', width: 8 },
  { header: '逾期', key: 'overdue', width: 8 },
  { header: '督办', key: 'escalated', width: 8 },
  { header: '已销号', key: 'signedOff', width: 10 },
  { header: '完成率（%）', key: 'completionRate', width: 12 },
];

/** 督办通报 as a workbook: a title row, then one ranked line per department. */
export async function bulletinWorkbook(
  bulletin: BulletinRecord,
  departmentName: (id: string) => string,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('督办通报');
  sheet.columns = COLUMNS;
  sheet.spliceRows(1, 0, [`督办通报（${bulletin.periodStart} 至 ${bulletin.asOf}）`]);
  sheet.mergeCells(1, 1, 1, COLUMNS.length);
  sheet.getRow(1).font = { bold: true, size: 14 };
  sheet.getRow(2).font = { bold: true };
  for (const line of bulletin.lines) sheet.addRow({ ...line, department: departmentName(line.departmentId) });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
