import { PassThrough } from 'node:stream';
import { DepartmentFigures, OverdueMeasure } from '@tracker/domain';
import { bulletinWorkbook, DocumentStamp, writeLedgerXlsx } from '@tracker/documents';
import { BulletinRecord, LedgerRow } from '@tracker/read-models';
import { convertToPdf, officeAvailable, squeezed } from './support/office';

/**
 * The printed layout of the ledger and the bulletin at sizes the demo court does not reach: a
 * ledger over several pages, a bulletin of ten departments. LibreOffice converts them to PDF
 * (CI installs it); without it this file prints one SKIPPED line and counts nothing.
 */
const COURT = '某某市某某区人民法院';
const stamp: DocumentStamp = {
  courtName: COURT,
  exportedAt: new Date('2026-03-02T02:00:00Z'),
  timeZone: 'Asia/Shanghai',
  anchor: { fingerprint: '3F9A-C2E1-7B04-D5E8', anchoredAt: new Date('2026-03-01T16:30:00Z') },
};

function ledgerRows(problems: number): LedgerRow[] {
  const rows: LedgerRow[] = [];
  for (let p = 1; p <= problems; p++) {
    for (let m = 1; m <= 3; m++) {
      rows.push({
        serial: p,
        campaignId: 'c-1',
        problemId: `p-${p}`,
        measureId: `m-${p}-${m}`,
        problem: `${p}. 审判执行监督管理机制不健全，案件质效评查发现的问题整改不及时、不彻底，长期未结案件清理工作推进缓慢`,
        measure: `${p}.${m} 建立健全长期未结案件定期通报和督办机制，每月召开一次分析会，逐案明确责任人和办结时限`,
        target: '长期未结案件数量同比下降50%以上',
        responsibleLeader: '王建国',
        department: '审判管理办公室',
        responsiblePerson: '李明',
        deadline: '2026-06-30',
        progress: m === 2 ? '=SUM(A1:A9) 已完成第一轮清理（60%）' : '已召开分析会两次，完成台账建立（40%）',
        completion: '推进中',
        signedOffOn: '',
        signedOffBy: '',
        onTime: '',
      });
    }
  }
  return rows;
}

async function ledgerBytes(rows: LedgerRow[]): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await writeLedgerXlsx({ title: '巡视反馈问题整改销号台账', asOf: '2026-03-02', stamp }, rows, out);
  return Buffer.concat(chunks);
}

const DEPARTMENTS = [
  '立案庭',
  '刑事审判庭',
  '民事审判第一庭',
  '民事审判第二庭',
  '行政审判庭',
  '执行局',
  '审判管理办公室',
  '办公室',
  '政治部',
  '机关党委',
];

function tenDepartmentBulletin(): BulletinRecord {
  // The first two have equal figures, and so share rank 1 (the next is 3), as a real bulletin would.
  const lines: DepartmentFigures[] = DEPARTMENTS.map((_, j) => {
    const i = Math.max(j, 1);
    return {
      rank: j < 2 ? 1 : j + 1,
      departmentId: `d-${j}`,
      total: 12,
      open: 12 - (10 - i),
      dueSoon: i % 3,
      overdue: i % 2,
      escalated: i % 4 === 0 ? 1 : 0,
      signedOff: 10 - i,
      completionRate: Math.round(((10 - i) / 12) * 1000) / 10,
    };
  });
  const overdueMeasures: OverdueMeasure[] = [1, 3, 5, 7, 9].map((i) => ({
    measureId: `m-${i}`,
    number: `${i}.2`,
    content: '建立健全长期未结案件定期通报和督办机制，逐案明确责任人和办结时限',
    departmentId: `d-${i}`,
    dueDate: '2026-02-20',
    daysOverdue: 10,
  }));
  return {
    bulletinId: '2026-003',
    requestId: 'schedule-2026-03-02',
    year: 2026,
    number: 3,
    issuedOn: '2026-03-02',
    periodStart: '2026-02-23',
    asOf: '2026-03-02',
    lines,
    overdueMeasures,
    issuedAt: '2026-03-02T00:00:00.000Z',
  };
}

if (!officeAvailable()) {
  console.log(
    'SKIPPED: printed layout of large documents (LibreOffice soffice and poppler pdftotext not installed)',
  );
} else {
  describe('printed layout (LibreOffice)', () => {
    jest.setTimeout(240_000);

    it('a ledger of several pages is one page wide, with the title and header on every page and 第 N 页 共 M 页', async () => {
      const rows = ledgerRows(20);
      const pdf = await convertToPdf('ledger-long.xlsx', await ledgerBytes(rows));
      expect(pdf.pages.length).toBeGreaterThan(1);
      expect(pdf.size.width).toBeGreaterThan(pdf.size.height);
      pdf.pages.forEach((page, i) => {
        const text = squeezed(page);
        expect([i, text.includes(squeezed(`${COURT}巡视反馈问题整改销号台账`))]).toEqual([i, true]);
        expect([i, text.includes('序号'), text.includes('整改措施'), text.includes('是否按')]).toEqual([
          i,
          true,
          true,
          true,
        ]);
        expect(text).toContain(`第${i + 1}页共${pdf.pages.length}页`);
        // The 校验码 a printed copy is matched to the record by, on every page.
        expect([i, text.includes('校验码3F9A-C2E1-7B04-D5E8（锚点2026-03-0200:30）')]).toEqual([i, true]);
      });
      const all = squeezed(pdf.pages.join('\n'));
      for (const row of rows) expect(all).toContain(row.measure.split(' ')[0]);
      expect(all).toContain('=SUM(A1:A9)');
    });

    it('a bulletin of ten departments with five overdue measures fits one A4 page', async () => {
      const bulletin = tenDepartmentBulletin();
      const bytes = await bulletinWorkbook(
        bulletin,
        { issuer: `中共${COURT}党组`, stamp },
        (id) => DEPARTMENTS[Number(id.slice(2))],
      );
      const pdf = await convertToPdf('bulletin-ten.xlsx', bytes);
      expect(pdf.pages).toHaveLength(1);
      expect(Math.round(pdf.size.width)).toBe(595);
      const text = squeezed(pdf.pages[0]);
      for (const d of DEPARTMENTS) expect(text).toContain(d);
      for (const m of bulletin.overdueMeasures) expect(text).toContain(m.number);
      expect(text).toContain('2026年第3期');
      expect(text).toContain('校验码3F9A-C2E1-7B04-D5E8');
    });
  });
}
