import { binaryBody } from './support/raw-http';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { bearer } from './support/court';
import { convertToPdf, officeAvailable, squeezed } from './support/office';
import { login, startTestApp, TestApp } from './support/test-app';

/**
 * Documents that print right (issue 17): the ledger and the bulletin as printed tables, the
 * bulletin as a numbered 督办通报, the progress report as a Word document. Each is fetched over
 * HTTP, parsed back, and — where LibreOffice is installed — converted to PDF and read as printed.
 */
const PASSWORD = 'Demo@2026';
const COURT = '青山市东湖区人民法院';
const ISSUER = '中共青山市东湖区人民法院党组';
const FORMULA_NOTE = '=HYPERLINK("http://example.invalid","点此")';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function workbookOf(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(new Uint8Array(bytes).buffer as ArrayBuffer);
  return workbook;
}

/** The raw sheet XML: proves no cell was written as a formula (<f>). */
async function sheetXml(bytes: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  return zip.file('xl/worksheets/sheet1.xml')!.async('string');
}

const office = officeAvailable();
if (!office) {
  // Printed, not counted: a skipped run must not look like a passing one.
  console.log(
    'SKIPPED: documents converted to PDF (LibreOffice soffice and poppler pdftotext not installed)',
  );
}
const withOffice = office ? it : undefined;

describe('documents that print right', () => {
  jest.setTimeout(240_000);
  let t: TestApp;
  const token: Record<string, string> = {};
  let campaignId: string;
  let noteMeasure: string;

  const get = (path: string, as = 'shuji') =>
    t.http.get(path).set(bearer(token[as])).buffer(true).parse(binaryBody).expect(200);

  beforeAll(async () => {
    t = await startTestApp({
      demo: true,
      now: '2026-03-02T02:00:00Z',
      config: { courtName: COURT, bulletinIssuer: ISSUER },
    });
    for (const u of ['shuji', 'limin', 'minyi', 'jijian', 'admin'])
      token[u] = await login(t.http, u, PASSWORD);
    campaignId = (await t.http.get('/api/v1/campaigns').set(bearer(token.shuji)).expect(200)).body[0].id;
    // A department head's progress note that a spreadsheet would take for a formula.
    const own = (await t.http.get('/api/v1/ledger').set(bearer(token.minyi)).expect(200)).body.rows as {
      measureId: string;
      completion: string;
    }[];
    noteMeasure = own.find((r) => r.completion === '推进中' || r.completion === '未启动')!.measureId;
    await t.http
      .post(`/api/v1/measures/${noteMeasure}/progress`)
      .set(bearer(token.minyi))
      .send({ note: FORMULA_NOTE, percent: 40 })
      .expect(200);
  });
  afterAll(() => t?.close());

  describe('GET /court', () => {
    it('names the court and the bulletin issuer, without a login', async () => {
      const { body } = await t.http.get('/api/v1/court').expect(200);
      expect(body).toEqual({ name: COURT, bulletinIssuer: ISSUER });
    });
  });

  describe('the ledger as a printed table', () => {
    let bytes: Buffer;
    let rows: { measure: string; measureId: string; progress: string }[];
    let title: string;

    beforeAll(async () => {
      const ledger = (await t.http.get(`/api/v1/ledger?campaignId=${campaignId}`).set(bearer(token.shuji)))
        .body;
      rows = ledger.rows;
      title = ledger.title;
      const res = await get(`/api/v1/ledger.xlsx?campaignId=${campaignId}`);
      expect(res.headers['content-type']).toContain(XLSX);
      expect(decodeURIComponent(res.headers['content-disposition'])).toContain(`${COURT}${title}.xlsx`);
      bytes = res.body as Buffer;
    });

    it('is set up for A4 landscape, one page wide, title and header repeated, page fields in the footer', async () => {
      const sheet = (await workbookOf(bytes)).worksheets[0];
      expect(sheet.pageSetup).toMatchObject({
        paperSize: 9,
        orientation: 'landscape',
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
        printTitlesRow: '1:3',
      });
      expect(sheet.headerFooter.oddFooter).toContain('第 &P 页 共 &N 页');
      expect(sheet.headerFooter.oddFooter).toContain(COURT);
      expect(sheet.headerFooter.oddFooter).toMatch(/导出时间：2026-03-02 10:00/);
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    });

    it('has the court and campaign in the title, the as-of date, borders on every cell and fonts named', async () => {
      const sheet = (await workbookOf(bytes)).worksheets[0];
      expect(sheet.getCell('A1').value).toBe(`${COURT}${title}`);
      expect(sheet.getCell('A2').value).toMatch(/^截至2026年3月2日/);
      expect(sheet.rowCount).toBe(3 + rows.length);
      for (let r = 3; r <= sheet.rowCount; r++) {
        for (let c = 1; c <= 13; c++) {
          const cell = sheet.getCell(r, c);
          expect([r, c, cell.border?.top?.style, cell.border?.bottom?.style]).toEqual([r, c, 'thin', 'thin']);
          expect(cell.font?.name).toMatch(/宋体|黑体/);
        }
        // Rows are tall enough for the wrapped text (at least one line).
        expect(sheet.getRow(r).height).toBeGreaterThanOrEqual(19);
      }
    });

    it('writes a note beginning with = as text, never as a formula', async () => {
      const sheet = (await workbookOf(bytes)).worksheets[0];
      const index = rows.findIndex((r) => r.measureId === noteMeasure);
      const cell = sheet.getCell(4 + index, 9);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.value).toBe(`${FORMULA_NOTE}（40%）`);
      expect(await sheetXml(bytes)).not.toMatch(/<f[ >]/);
    });

    withOffice?.(
      'prints one page wide, the title on page 1, the header on every page, every measure number',
      async () => {
        const pdf = await convertToPdf('ledger.xlsx', bytes);
        expect(pdf.size.width).toBeGreaterThan(pdf.size.height); // landscape
        expect(Math.round(pdf.size.width)).toBe(842); // A4
        expect(squeezed(pdf.pages[0])).toContain(squeezed(`${COURT}${title}`));
        pdf.pages.forEach((page, i) => {
          const text = squeezed(page);
          // Both ends of the header on every page: no column was pushed onto a page of its own.
          expect([i, text.includes('序号'), text.includes('整改措施'), text.includes('是否按')]).toEqual([
            i,
            true,
            true,
            true,
          ]);
          expect(text).toContain(squeezed(`第 ${i + 1} 页 共 ${pdf.pages.length} 页`));
          expect(text).toContain(COURT);
        });
        const all = squeezed(pdf.pages.join('\n'));
        for (const row of rows) expect(all).toContain(row.measure.split(' ')[0]);
        expect(all).toContain(squeezed('=HYPERLINK('));
      },
    );
  });

  describe('the campaign’s figures as a printed table', () => {
    it('holds every figure of the summary and the sentence, set up for A4 with the page fields', async () => {
      const summary = (
        await t.http.get(`/api/v1/campaigns/${campaignId}/summary?asOf=2026-02-20`).set(bearer(token.limin))
      ).body;
      const res = await get(`/api/v1/campaigns/${campaignId}/summary.xlsx?asOf=2026-02-20`, 'limin');
      expect(decodeURIComponent(res.headers['content-disposition'])).toContain(
        '整改情况统计表（2026-02-20）.xlsx',
      );
      const sheet = (await workbookOf(res.body as Buffer)).worksheets[0];
      expect(sheet.pageSetup).toMatchObject({
        paperSize: 9,
        fitToPage: true,
        fitToWidth: 1,
        printTitlesRow: '1:3',
      });
      expect(sheet.headerFooter.oddFooter).toContain('第 &P 页 共 &N 页');
      expect(sheet.getCell('A2').value).toBe('截至2026年2月20日日终');
      const value = (label: string) => {
        let found: unknown;
        sheet.eachRow((row) => {
          if (row.getCell(2).value === label) found = row.getCell(3).value;
        });
        return found;
      };
      expect([value('梳理问题'), value('整改措施'), value('已整改到位（销号）'), value('逾期')]).toEqual([
        summary.problems,
        summary.measures,
        summary.signedOff,
        summary.overdue,
      ]);
      const texts = sheet
        .getSheetValues()
        .flatMap((row) => (Array.isArray(row) ? row : []))
        .map(String);
      expect(texts).toContain(`报告表述：${summary.sentence}`);
    });

    withOffice?.('prints on one A4 page with the sentence', async () => {
      const { sentence } = (
        await t.http.get(`/api/v1/campaigns/${campaignId}/summary`).set(bearer(token.limin))
      ).body;
      const pdf = await convertToPdf(
        'summary.xlsx',
        (await get(`/api/v1/campaigns/${campaignId}/summary.xlsx`)).body as Buffer,
      );
      expect(pdf.pages).toHaveLength(1);
      expect(Math.round(pdf.size.width)).toBe(595);
      expect(squeezed(pdf.pages[0])).toContain(squeezed(sentence));
    });
  });

  describe('the 督办通报', () => {
    it('is issued on request by the secretary, numbered per year; a retry with the same Idempotency-Key issues nothing new', async () => {
      const first = await t.http
        .post('/api/v1/bulletins')
        .set(bearer(token.shuji))
        .set('Idempotency-Key', 'bulletin-a')
        .send({})
        .expect(201);
      expect(first.body).toMatchObject({
        id: '2026-001',
        number: 1,
        label: '2026年第1期',
        issuer: ISSUER,
        issuedOn: '2026-03-02',
        periodStart: '2026-02-23',
        asOf: '2026-03-02',
      });
      const before = await t.dump();
      const retry = await t.http
        .post('/api/v1/bulletins')
        .set(bearer(token.shuji))
        .set('Idempotency-Key', 'bulletin-a')
        .send({})
        .expect(201);
      expect(retry.body.id).toBe('2026-001');
      expect(await t.dump()).toEqual(before);
      const second = await t.http
        .post('/api/v1/bulletins')
        .set(bearer(token.jijian))
        .send({ periodStart: '2026-02-01', periodEnd: '2026-02-28' })
        .expect(201);
      expect(second.body).toMatchObject({
        id: '2026-002',
        number: 2,
        periodStart: '2026-02-01',
        asOf: '2026-02-28',
      });
      const list = (await t.http.get('/api/v1/bulletins').set(bearer(token.minyi)).expect(200)).body;
      expect(list.map((b: { id: string }) => b.id)).toEqual(['2026-002', '2026-001']);
    });

    it('numbers bulletins issued at the same moment without a gap or a duplicate', async () => {
      const before = (await t.http.get('/api/v1/bulletins').set(bearer(token.shuji))).body.length;
      const issued = await Promise.all(
        ['shuji', 'jijian', 'shuji', 'jijian', 'shuji'].map((as) =>
          t.http.post('/api/v1/bulletins').set(bearer(token[as])).send({}),
        ),
      );
      expect(issued.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
      const numbers = issued.map((r) => r.body.number as number).sort((a, b) => a - b);
      expect(numbers).toEqual([before + 1, before + 2, before + 3, before + 4, before + 5]);
    });

    it('refuses other leaders, department heads and the administrator with 403, writing nothing', async () => {
      const before = await t.dump();
      for (const as of ['limin', 'minyi', 'admin']) {
        const res = await t.http.post('/api/v1/bulletins').set(bearer(token[as])).send({}).expect(403);
        expect(res.body.code).toMatch(/bulletin.issue_forbidden|read_forbidden/);
      }
      expect(await t.dump()).toEqual(before);
    });

    it('refuses a bad period naming the field and the rule, writing nothing', async () => {
      const before = await t.dump();
      const cases: [object, string][] = [
        [{ periodStart: 'yesterday' }, 'periodStart'],
        [{ periodEnd: '2026-02-30' }, 'periodEnd'],
        [{ periodEnd: '2026-03-03' }, 'periodEnd'],
        [{ periodStart: '2026-03-02', periodEnd: '2026-03-01' }, 'periodStart'],
        [{ periodStart: 5 }, 'periodStart'],
      ];
      for (const [body, field] of cases) {
        const res = await t.http.post('/api/v1/bulletins').set(bearer(token.shuji)).send(body);
        expect([JSON.stringify(body), res.status]).toEqual([JSON.stringify(body), 400]);
        expect(res.body.errors[0].field).toBe(field);
        expect(res.body.errors[0].rule).toEqual(expect.any(String));
      }
      expect(await t.dump()).toEqual(before);
    });

    describe('as a workbook', () => {
      let bytes: Buffer;
      let bulletin: {
        lines: { rank: number; departmentName: string }[];
        overdueMeasures: { number: string }[];
      };
      beforeAll(async () => {
        bulletin = (await t.http.get('/api/v1/bulletins/2026-001').set(bearer(token.shuji)).expect(200)).body;
        bytes = (await get('/api/v1/bulletins/2026-001.xlsx')).body as Buffer;
      });

      it('carries the issuing unit, 督办通报, the number, the date, the period and the ranked, bordered table', async () => {
        const sheet = (await workbookOf(bytes)).worksheets[0];
        const texts = sheet
          .getSheetValues()
          .flatMap((row) => (Array.isArray(row) ? row : []))
          .map(String);
        expect(texts).toEqual(
          expect.arrayContaining([
            ISSUER,
            '督 办 通 报',
            '2026年第1期',
            '2026年3月2日',
            `关于${COURT}整改任务推进情况的通报`,
            '统计期间：2026年2月23日至2026年3月2日',
          ]),
        );
        expect(sheet.pageSetup).toMatchObject({
          paperSize: 9,
          orientation: 'portrait',
          fitToPage: true,
          fitToWidth: 1,
        });
        expect(sheet.headerFooter.oddFooter).toContain('第 &P 页 共 &N 页');
        let header = 0;
        sheet.eachRow((row, n) => {
          if (row.getCell(2).value === '责任部门' && header === 0) header = n;
        });
        bulletin.lines.forEach((line, i) => {
          const row = sheet.getRow(header + 1 + i);
          expect([row.getCell(1).value, row.getCell(2).value]).toEqual([line.rank, line.departmentName]);
          for (let c = 1; c <= 9; c++) expect(row.getCell(c).border?.left?.style).toBe('thin');
        });
        for (const m of bulletin.overdueMeasures)
          expect(texts.some((x) => x.startsWith(`${m.number} `))).toBe(true);
      });

      withOffice?.('prints on one A4 page with the court, the number and every overdue measure', async () => {
        const pdf = await convertToPdf('bulletin.xlsx', bytes);
        expect(pdf.pages).toHaveLength(1);
        expect(Math.round(pdf.size.width)).toBe(595); // A4 portrait
        const text = squeezed(pdf.pages[0]);
        for (const s of [ISSUER, '督办通报', '2026年第1期', COURT, '第1页共1页'])
          expect(text).toContain(squeezed(s));
        for (const m of bulletin.overdueMeasures) expect(text).toContain(m.number);
      });
    });

    it('still lists and exports a bulletin issued before numbering (schema 1), by its date', async () => {
      const departmentId = (await t.http.get('/api/v1/departments').set(bearer(token.shuji))).body[0].id;
      const v1 = {
        bulletinId: '2026-02-23',
        periodStart: '2026-02-16',
        asOf: '2026-02-23',
        lines: [
          {
            rank: 1,
            departmentId,
            total: 2,
            open: 1,
            dueSoon: 0,
            overdue: 0,
            escalated: 0,
            signedOff: 1,
            completionRate: 50,
          },
        ],
      };
      await t.store.appendToStream(
        'bulletin-2026-02-23',
        [
          {
            eventId: '00000000-0000-4000-8000-000000000001',
            type: 'BulletinIssued',
            schemaVersion: 1,
            data: v1,
            metadata: {
              actor: { userId: 'system', role: 'system' },
              recordedAt: '2026-02-23T00:00:00.000Z',
              correlationId: 'bulletin-2026-02-23',
              causationId: null,
              idempotencyKey: null,
              command: 'IssueBulletin',
            },
          },
        ],
        'no_stream',
      );
      // A write through the API answers once the read models have passed it, and so the event before it.
      const next = await t.http.post('/api/v1/bulletins').set(bearer(token.shuji)).send({}).expect(201);
      const list = (await t.http.get('/api/v1/bulletins').set(bearer(token.shuji)).expect(200)).body;
      expect(list[0].id).toBe(next.body.id);
      expect(list[list.length - 1]).toMatchObject({
        id: '2026-02-23',
        number: null,
        label: '（2026年2月23日）',
        asOf: '2026-02-23',
        overdueMeasures: [],
      });
      const sheet = (await workbookOf((await get('/api/v1/bulletins/2026-02-23.xlsx')).body as Buffer))
        .worksheets[0];
      const texts = sheet
        .getSheetValues()
        .flatMap((row) => (Array.isArray(row) ? row : []))
        .map(String);
      expect(texts).toContain('（2026年2月23日）');
      expect(texts).toContain('二、逾期措施：本期无逾期措施。');
    });
  });

  describe('the progress report as a Word document', () => {
    const docxText = async (bytes: Buffer) => (await mammoth.extractRawText({ buffer: bytes })).value;
    const sentenceOn = async (asOf?: string) =>
      (
        await t.http
          .get(`/api/v1/campaigns/${campaignId}/summary${asOf ? `?asOf=${asOf}` : ''}`)
          .set(bearer(token.shuji))
          .expect(200)
      ).body.sentence as string;

    it('has the title, the report sentence of today, every problem and measure, outcomes, overdue measures and extensions', async () => {
      const res = await get(`/api/v1/campaigns/${campaignId}/report.docx`);
      expect(res.headers['content-type']).toContain('wordprocessingml');
      const text = await docxText(res.body as Buffer);
      const campaign = (await t.http.get(`/api/v1/campaigns/${campaignId}`).set(bearer(token.shuji))).body;
      expect(text).toContain(`${COURT}关于${campaign.title.replace(/^关于/, '')}整改进展情况的报告`);
      expect(text).toContain(await sentenceOn());
      for (const p of campaign.problems as {
        number: number;
        title: string;
        measures: { number: string }[];
      }[]) {
        expect(text).toContain(`问题${p.number}：${p.title}`);
        for (const m of p.measures) expect(text).toContain(`${m.number} `);
      }
      for (const h of ['一、整改措施推进情况', '二、建章立制成果', '三、逾期措施及最新进展', '四、延期情况'])
        expect(text).toContain(h);
      expect(text).toContain(FORMULA_NOTE);
    });

    it('as of a past date shows that day’s figures', async () => {
      const past = '2026-02-10';
      const [then, now] = [await sentenceOn(past), await sentenceOn()];
      expect(then).not.toBe(now); // the demo history moved since, so the check means something
      const text = await docxText(
        (await get(`/api/v1/campaigns/${campaignId}/report.docx?asOf=${past}`)).body as Buffer,
      );
      expect(text).toContain(`截至2026年2月10日，${then}`);
      expect(text).not.toContain(now);
      // The note was written today: a report of a past day does not know it.
      expect(text).not.toContain(FORMULA_NOTE);
    });

    it('refuses a bad or future asOf naming the field, an unknown campaign with 404, the administrator with 403', async () => {
      for (const asOf of ['2026-13-01', '2026-03-03']) {
        const res = await t.http
          .get(`/api/v1/campaigns/${campaignId}/report.docx?asOf=${asOf}`)
          .set(bearer(token.shuji))
          .expect(400);
        expect(res.body.errors[0].field).toBe('asOf');
      }
      await t.http.get('/api/v1/campaigns/no-such/report.docx').set(bearer(token.shuji)).expect(404);
      await t.http.get(`/api/v1/campaigns/${campaignId}/report.docx`).set(bearer(token.admin)).expect(403);
      await t.http.get(`/api/v1/campaigns/${campaignId}/report.docx`).expect(401);
    });

    withOffice?.('prints on A4 with the court, the sentence and page numbers', async () => {
      const bytes = (await get(`/api/v1/campaigns/${campaignId}/report.docx`)).body as Buffer;
      const pdf = await convertToPdf('report.docx', bytes);
      expect([Math.round(pdf.size.width), Math.round(pdf.size.height)]).toEqual([595, 842]);
      const all = squeezed(pdf.pages.join('\n'));
      expect(all).toContain(squeezed(await sentenceOn()));
      expect(all).toContain(COURT);
      pdf.pages.forEach((page, i) => expect(squeezed(page)).toContain(`—${i + 1}—`));
    });
  });
});
