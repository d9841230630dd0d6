// Importing a problem list (issue 14): preview and apply time for BENCH_PROBLEMS problems (default
// 1,000) × 5 measures from an .xlsx, and the events recorded per second while applying, beside the
// plain command path — the same problems and measures POSTed one by one over HTTP — in the same run.
// Run: npm run bench:import   (BENCH_BASELINE_PROBLEMS for the plain path, default 200)
import 'reflect-metadata';
import ExcelJS from 'exceljs';
import { performance } from 'node:perf_hooks';
import { bearer } from '../test/support/court';
import { login, startTestApp, TestApp } from '../test/support/test-app';

const PROBLEMS = Number(process.env.BENCH_PROBLEMS ?? 1000);
const BASELINE_PROBLEMS = Number(process.env.BENCH_BASELINE_PROBLEMS ?? 200);
const MEASURES = 5;
const DEPARTMENTS = ['立案庭', '民一庭', '民二庭', '执行局', '办公室'];
const LEADERS = ['王建国', '李敏', '赵刚'];

async function sheet(problems: number): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const ws = workbook.addWorksheet('问题清单');
  ws.addRow(['某某区人民法院整改问题清单']);
  ws.addRow(['序号', '问题', '整改措施', '整改目标', '责任领导', '责任部门', '责任人', '完成时限']);
  for (let p = 1; p <= problems; p++) {
    const first = ws.rowCount + 1;
    for (let m = 1; m <= MEASURES; m++)
      ws.addRow([
        p,
        `问题${p}：案件审理周期偏长，群众反映较多`,
        `${m}.措施${p}-${m}：逐案建立台账，挂牌督办`,
        '按期清结',
        LEADERS[(p + m) % LEADERS.length],
        DEPARTMENTS[p % DEPARTMENTS.length],
        '刘洋',
        m === 5 ? '长期坚持' : `2026年${4 + (m % 8)}月底前`,
      ]);
    ws.mergeCells(first, 1, first + MEASURES - 1, 1);
    ws.mergeCells(first, 2, first + MEASURES - 1, 2);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const events = async (t: TestApp) =>
  (await t.store.readAll({ maxCount: 10_000_000 })).filter((e) => /^(campaign|measure)-/.test(e.streamName))
    .length;

async function main() {
  const t = await startTestApp({ demo: true });
  try {
    const token = await login(t.http, 'shuji', 'Demo@2026');
    const auth = bearer(token);
    const launch = async () =>
      (
        await t.http
          .post('/api/v1/campaigns')
          .set(auth)
          .send({ title: `导入基准${Math.random()}`, source: 'inspection_feedback', issuedOn: '2026-03-01' })
          .expect(201)
      ).body.id as string;
    const departments = (await t.http.get('/api/v1/departments').set(auth).expect(200)).body as {
      id: string;
      name: string;
    }[];
    const leaders = (await t.http.get('/api/v1/leaders').set(auth).expect(200)).body as {
      id: string;
      displayName: string;
    }[];

    const file = await sheet(PROBLEMS);
    const campaignId = await launch();
    let started = performance.now();
    const preview = await t.http
      .post(`/api/v1/campaigns/${campaignId}/imports`)
      .set(auth)
      .attach('file', file, 'list.xlsx')
      .expect(201);
    const previewMs = performance.now() - started;
    if (preview.body.errors.length > 0) throw new Error(JSON.stringify(preview.body.errors.slice(0, 3)));

    let before = await events(t);
    started = performance.now();
    await t.http.post(`/api/v1/imports/${preview.body.importId}/apply`).set(auth).expect(200);
    const applyMs = performance.now() - started;
    const applied = (await events(t)) - before;

    // The plain command path: the same shape of list typed in, one request per problem and measure.
    const plainCampaign = await launch();
    const dep = (p: number) => departments.find((d) => d.name === DEPARTMENTS[p % DEPARTMENTS.length])!.id;
    const leader = (i: number) => leaders.find((l) => l.displayName === LEADERS[i % LEADERS.length])!.id;
    before = await events(t);
    started = performance.now();
    for (let p = 1; p <= BASELINE_PROBLEMS; p++) {
      const problem = await t.http
        .post(`/api/v1/campaigns/${plainCampaign}/problems`)
        .set(auth)
        .send({ title: `问题${p}：案件审理周期偏长，群众反映较多`, departmentIds: [dep(p)] })
        .expect(201);
      for (let m = 1; m <= MEASURES; m++)
        await t.http
          .post(`/api/v1/problems/${problem.body.id}/measures`)
          .set(auth)
          .send({
            content: `措施${p}-${m}：逐案建立台账，挂牌督办`,
            target: '按期清结',
            kind: m === 5 ? 'long_term' : 'deadline',
            responsibleLeaderId: leader(p + m),
            departmentId: dep(p),
            responsiblePerson: '刘洋',
            ...(m === 5 ? { reportEveryDays: 30 } : { dueDate: '2026-06-30' }),
          })
          .expect(201);
    }
    const plainMs = performance.now() - started;
    const plain = (await events(t)) - before;

    const rate = (n: number, ms: number) => Math.round((n / ms) * 1000);
    console.log(`import of ${PROBLEMS} problems × ${MEASURES} measures (${file.length} bytes of xlsx)`);
    console.log(`  preview: ${Math.round(previewMs)} ms (${preview.body.rows.length} rows)`);
    console.log(
      `  apply:   ${Math.round(applyMs)} ms, ${applied} events, ${rate(applied, applyMs)} events/s`,
    );
    console.log(
      `plain command path, ${BASELINE_PROBLEMS} problems × ${MEASURES} measures over HTTP: ${Math.round(plainMs)} ms, ${plain} events, ${rate(plain, plainMs)} events/s`,
    );
    console.log(
      `  apply / plain events per second: ${(rate(applied, applyMs) / rate(plain, plainMs)).toFixed(2)}`,
    );
  } finally {
    await t.close();
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
