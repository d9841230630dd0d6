import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { bearer, Court, setUpCourt } from './support/court';
import { CHINESE, Fixtures, MeasureFixture } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';

// 佐证材料 over HTTP: upload, download, history, refusals that write nothing, integrity.

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** A small but real PDF and JPEG: what a scanner and a phone produce. */
const PDF = Buffer.concat([
  Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n'),
  randomBytes(2048),
  Buffer.from('\n%%EOF\n'),
]);
const JPEG = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]),
  randomBytes(4096),
  Buffer.from([0xff, 0xd9]),
]);
/** A Windows executable (MZ header) named as a PDF. */
const EXE = Buffer.concat([
  Buffer.from('MZ'),
  Buffer.alloc(58),
  Buffer.from([0x80, 0, 0, 0]),
  randomBytes(512),
]);

/** Every file under DATA_DIR/blobs and DATA_DIR/uploads (temporary folders included). */
function filesUnder(dataDir: string): string[] {
  const found: string[] = [];
  const visit = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else found.push(path);
    }
  };
  visit(join(dataDir, 'blobs'));
  visit(join(dataDir, 'uploads'));
  return found.sort();
}

/** supertest's binary parser: the body as a Buffer whatever its type. */
function binary(res: request.Response, done: (error: Error | null, body: Buffer) => void) {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

describe('evidence files (佐证材料)', () => {
  let t: TestApp;
  let court: Court;
  let fixtures: Fixtures;
  let measure: MeasureFixture;
  const head = () => bearer(court.users.civilHead.token);

  beforeAll(async () => {
    t = await startTestApp({ config: { attachmentMaxBytes: 64 * 1024 } });
    court = await setUpCourt(t);
    fixtures = new Fixtures(t, court);
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(async () => {
    measure = await fixtures.measure();
  });

  const upload = (bytes: Buffer, fileName: string, auth = head(), url = `${measure.url}/attachments`) =>
    t.http.post(url).set(auth).attach('file', bytes, { filename: fileName });

  it('a PDF and a JPEG uploaded come back byte for byte, with the Chinese name, type and SHA-256 ETag', async () => {
    const pdf = await upload(PDF, '关于建立周通报制度的通知.pdf').field('note', '党组会审议通过').expect(201);
    expect(pdf.body).toEqual({
      id: expect.any(String),
      fileName: '关于建立周通报制度的通知.pdf',
      mediaType: 'application/pdf',
      size: PDF.length,
      sha256: sha256(PDF),
    });
    const jpeg = await upload(JPEG, '整改现场照片.jpg').expect(201);
    expect(jpeg.body).toMatchObject({ mediaType: 'image/jpeg', size: JPEG.length, sha256: sha256(JPEG) });

    for (const [body, bytes, name] of [
      [pdf.body, PDF, '关于建立周通报制度的通知.pdf'],
      [jpeg.body, JPEG, '整改现场照片.jpg'],
    ] as const) {
      for (const reader of [court.users.leader, court.users.inspector, court.users.civilHead]) {
        const got = await t.http
          .get(`/api/v1/attachments/${body.id}`)
          .set(bearer(reader.token))
          .buffer(true)
          .parse(binary)
          .expect(200);
        expect(Buffer.compare(got.body as Buffer, bytes)).toBe(0);
        expect(got.headers['content-type']).toBe(body.mediaType);
        expect(got.headers.etag).toBe(`"${sha256(bytes)}"`);
        expect(got.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent(name)}`);
      }
      await t.http
        .get(`/api/v1/attachments/${body.id}`)
        .set(head())
        .set('If-None-Match', `"${sha256(bytes)}"`)
        .expect(304);
    }

    const history = await t.http
      .get(`${measure.url}/history`)
      .set(bearer(court.users.leader.token))
      .expect(200);
    const attachedEvents = history.body.filter((e: { type: string }) => e.type === 'EvidenceAttached');
    expect(attachedEvents.map((e: { data: object }) => e.data)).toEqual([
      {
        measureId: measure.id,
        attachmentId: pdf.body.id,
        fileName: '关于建立周通报制度的通知.pdf',
        mediaType: 'application/pdf',
        size: PDF.length,
        sha256: sha256(PDF),
        note: '党组会审议通过',
      },
      expect.objectContaining({ attachmentId: jpeg.body.id, sha256: sha256(JPEG) }),
    ]);
    expect(attachedEvents[0].actor).toMatchObject({ userId: court.users.civilHead.id });

    const list = await t.http
      .get(`${measure.url}/attachments`)
      .set(bearer(court.users.inspector.token))
      .expect(200);
    expect(list.body).toEqual([
      expect.objectContaining({
        id: pdf.body.id,
        note: '党组会审议通过',
        attachedBy: { userId: court.users.civilHead.id, displayName: 'civil-head' },
        attachedAt: expect.any(String),
        withdrawn: null,
      }),
      expect.objectContaining({ id: jpeg.body.id }),
    ]);
  });

  it('another department’s head is refused with 403: no event and no file written', async () => {
    const before = await t.dump();
    const filesBefore = filesUnder(t.dataDir);
    const refused = await upload(PDF, '越权.pdf', bearer(court.users.enforcementHead.token)).expect(403);
    expect(refused.body.code).toBe('measure.department_only');
    expect(refused.body.message).toMatch(CHINESE);
    expect(await t.dump()).toEqual(before);
    expect(filesUnder(t.dataDir)).toEqual(filesBefore);

    // Nor may they read another department's files or their list.
    const mine = await upload(JPEG, '照片.jpg').expect(201);
    await t.http
      .get(`/api/v1/attachments/${mine.body.id}`)
      .set(bearer(court.users.enforcementHead.token))
      .expect(403);
    await t.http.get(`${measure.url}/attachments`).set(bearer(court.users.enforcementHead.token)).expect(403);
    await t.http.get(`/api/v1/attachments/${mine.body.id}`).set(bearer(court.users.admin.token)).expect(403);
  });

  it('an executable renamed .pdf is 415 naming the detected type; one byte over the limit is 413; neither leaves a file', async () => {
    const before = await t.dump();
    const filesBefore = filesUnder(t.dataDir);
    const exe = await upload(EXE, '整改方案.pdf').expect(415);
    expect(exe.body).toMatchObject({ code: 'attachment_type_not_accepted', field: 'file' });
    expect(exe.body.message).toContain('application/x-msdownload');

    const limit = 64 * 1024;
    const over = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(limit + 1 - 9)]);
    expect(over.length).toBe(limit + 1);
    const tooLarge = await upload(over, '过大.pdf').expect(413);
    expect(tooLarge.body).toMatchObject({ code: 'attachment_too_large', field: 'file' });
    const exactly = over.subarray(0, limit);
    await upload(exactly, '刚好.pdf').expect(201);

    const written = (await t.dump()).slice(before.length);
    expect(written.map((e) => e.type)).toEqual(['EvidenceAttached']);
    expect(filesUnder(t.dataDir)).toEqual(
      [
        ...filesBefore,
        join(t.dataDir, 'blobs', sha256(exactly).slice(0, 2), sha256(exactly).slice(2, 4), sha256(exactly)),
      ].sort(),
    );
  });

  it('refuses a body that is not multipart, or has no file, with a 4xx naming the field', async () => {
    const json = await t.http.post(`${measure.url}/attachments`).set(head()).send({ file: 'x' }).expect(415);
    expect(json.body.field).toBe('Content-Type');
    const noFile = await t.http
      .post(`${measure.url}/attachments`)
      .set(head())
      .field('note', '无文件')
      .expect(400);
    expect(noFile.body.field).toBe('file');
    const twoFiles = await t.http
      .post(`${measure.url}/attachments`)
      .set(head())
      .attach('file', PDF, 'a.pdf')
      .attach('file', JPEG, 'b.jpg')
      .expect(400);
    expect(twoFiles.body.field).toBe('file');
    await upload(PDF, 'x.pdf', head(), '/api/v1/measures/no-such-measure/attachments').expect(404);
  });

  it('the same file twice: stored once, two events', async () => {
    const bytes = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(1000)]);
    const first = await upload(bytes, '会议纪要.pdf').expect(201);
    const second = await upload(bytes, '会议纪要（复印件）.pdf').expect(201);
    expect(first.body.id).not.toBe(second.body.id);
    expect(second.body.sha256).toBe(first.body.sha256);
    const stored = filesUnder(t.dataDir).filter((path) => path.endsWith(sha256(bytes)));
    expect(stored).toHaveLength(1);
    const history = await t.http.get(`${measure.url}/history`).set(head()).expect(200);
    expect(history.body.filter((e: { type: string }) => e.type === 'EvidenceAttached')).toHaveLength(2);
  });

  it('a retried upload (same Idempotency-Key) records once and answers the same', async () => {
    const bytes = Buffer.concat([Buffer.from('%PDF-1.5\n'), randomBytes(800)]);
    const first = await upload(bytes, '制度.pdf').set('Idempotency-Key', 'evidence-retry-1').expect(201);
    const before = await t.dump();
    const again = await upload(bytes, '制度.pdf').set('Idempotency-Key', 'evidence-retry-1').expect(201);
    expect(again.body).toEqual(first.body);
    expect(await t.dump()).toEqual(before);
  });

  it('completion cites its evidence; GET /measures/:id shows it to the deciding leader', async () => {
    const file = await upload(PDF, '结案报告.pdf').expect(201);
    const done = await t.http
      .post(`${measure.url}/completion`)
      .set(head())
      .send({ summary: '已清结', evidence: '结案报告', attachmentIds: [file.body.id] })
      .expect(200);
    expect(done.body.measure.submission).toMatchObject({ attachmentIds: [file.body.id] });
    const seen = await t.http.get(measure.url).set(bearer(court.users.leader.token)).expect(200);
    expect(seen.body.submission.attachments).toEqual([
      {
        id: file.body.id,
        fileName: '结案报告.pdf',
        mediaType: 'application/pdf',
        size: PDF.length,
        sha256: sha256(PDF),
        withdrawn: false,
      },
    ]);
    expect(seen.body.attachments).toHaveLength(1);
  });

  it('completion citing another measure’s attachment: 422 naming it, nothing written', async () => {
    const other = await fixtures.measure();
    const foreign = await upload(PDF, '他案材料.pdf', head(), `${other.url}/attachments`).expect(201);
    const before = await t.dump();
    const refused = await t.http
      .post(`${measure.url}/completion`)
      .set(head())
      .send({ summary: '已清结', attachmentIds: [foreign.body.id] })
      .expect(422);
    expect(refused.body).toMatchObject({ code: 'attachment.not_of_measure', field: 'attachmentIds' });
    expect(refused.body.message).toContain(foreign.body.id);
    expect(await t.dump()).toEqual(before);
    const badShape = await t.http
      .post(`${measure.url}/progress`)
      .set(head())
      .send({ note: '进展', percent: 10, attachmentIds: 'abc' })
      .expect(400);
    expect(badShape.body.field).toBe('attachmentIds');
  });

  it('a withdrawn file is kept and still served, but can no longer be cited', async () => {
    const file = await upload(JPEG, '错传的照片.jpg').expect(201);
    const withdrawn = await t.http
      .post(`${measure.url}/attachments/${file.body.id}/withdraw`)
      .set(head())
      .send({ reason: '传错了文件' })
      .expect(200);
    expect(withdrawn.body.measure.attachments).toEqual([
      expect.objectContaining({ id: file.body.id, withdrawn: true }),
    ]);
    await t.http.get(`/api/v1/attachments/${file.body.id}`).set(head()).expect(200);
    const list = await t.http.get(`${measure.url}/attachments`).set(head()).expect(200);
    expect(list.body[0].withdrawn).toMatchObject({
      reason: '传错了文件',
      by: { userId: court.users.civilHead.id },
    });
    const refused = await t.http
      .post(`${measure.url}/progress`)
      .set(head())
      .send({ note: '进展', percent: 30, attachmentIds: [file.body.id] })
      .expect(422);
    expect(refused.body.code).toBe('attachment.withdrawn');
    await t.http
      .post(`${measure.url}/attachments/${file.body.id}/withdraw`)
      .set(bearer(court.users.enforcementHead.token))
      .send({ reason: '越权' })
      .expect(403);
  });

  it('the integrity check names the measure, the attachment and both hashes of an altered file, and a missing one', async () => {
    const clean = await t.http
      .get('/api/v1/audit/integrity')
      .set(bearer(court.users.inspector.token))
      .expect(200);
    expect(clean.body.ok).toBe(true);
    expect(clean.body.files.failures).toEqual([]);
    expect(clean.body.files.checked).toBeGreaterThan(0);

    const bytes = Buffer.concat([Buffer.from('%PDF-1.6\n'), randomBytes(1500)]);
    const file = await upload(bytes, '被篡改的文件.pdf').expect(201);
    const path = join(
      t.dataDir,
      'blobs',
      file.body.sha256.slice(0, 2),
      file.body.sha256.slice(2, 4),
      file.body.sha256,
    );
    const altered = Buffer.from(readFileSync(path));
    altered[100] ^= 0xff;
    writeFileSync(path, altered);
    expect(statSync(path).size).toBe(bytes.length);

    const report = await t.http
      .get('/api/v1/audit/integrity')
      .set(bearer(court.users.inspector.token))
      .expect(200);
    expect(report.body.ok).toBe(false);
    expect(report.body.failures).toEqual([]);
    expect(report.body.files.failures).toEqual([
      {
        measureId: measure.id,
        attachmentId: file.body.id,
        fileName: '被篡改的文件.pdf',
        expectedSha256: sha256(bytes),
        foundSha256: sha256(altered),
        problem: 'altered',
      },
    ]);

    rmSync(path);
    const missing = await t.http
      .get('/api/v1/audit/integrity')
      .set(bearer(court.users.inspector.token))
      .expect(200);
    expect(missing.body.files.failures).toEqual([
      expect.objectContaining({ attachmentId: file.body.id, foundSha256: null, problem: 'missing' }),
    ]);
    // The download says so, in a 4xx (no 5xx for a file the store lost).
    const gone = await t.http.get(`/api/v1/attachments/${file.body.id}`).set(head()).expect(404);
    expect(gone.body.code).toBe('attachment.file_missing');
    writeFileSync(path, bytes);
  });
});
