import {
  alertEvents,
  courtToday,
  HEAD,
  LEADER,
  scaledClock,
  seedMeasures,
  sleep,
  startWorkerApp,
  waitFor,
  WorkerApp,
  workerConfig,
} from '../../../test/support/worker-harness';
import { addDays, Actor, MeasureCommand, measureDecider, streams } from '@tracker/domain';
import { SqliteEventStore } from '@tracker/event-store';
import { mkdtempSync, rmSync } from 'node:fs';
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { EventSourcedWriter } from '@tracker/command-path';
import { QUEUES } from './queues';

// Against the real Redis on REDIS_URL (default 127.0.0.1:6379), each run under its own queue prefix.
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

const count = (ids: string[]) =>
  ids.reduce((m, id) => m.set(id, (m.get(id) ?? 0) + 1), new Map<string, number>());

describe('1,000 deadlines over the next 20 seconds', () => {
  const DAY_MS = 450;
  const N = 1_000;
  const clock = scaledClock(DAY_MS);
  let worker: WorkerApp;
  let ids: string[];
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'tracker-1000-'));
    // Assigned before the worker starts (the store takes a few seconds for 1,000 on a busy machine,
    // and the court clock stands still until then); the worker's start arms them all.
    const store = SqliteEventStore.open(join(dataDir, 'events.sqlite'));
    // Due 7 to 46 court days ahead: warnings from ~1.8 s on, the last overdue at ~21 s.
    ids = await seedMeasures(
      store,
      clock,
      Array.from({ length: N }, (_, i) => 7 + (i % 40)),
    );
    await store.close();
    worker = await startWorkerApp(clock, workerConfig(REDIS_URL), dataDir);
  }, 60_000);
  afterAll(async () => {
    await worker?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('each measure gets exactly one due-soon and one overdue event, none before its due time', async () => {
    const ofType = async (type: string) => (await alertEvents(worker.store)).filter((e) => e.type === type);
    await waitFor(
      async () => (await ofType('OverdueFlagged')).length >= N,
      40_000,
      async () =>
        `${(await ofType('DueSoonWarned')).length} due-soon, ${(await ofType('OverdueFlagged')).length} overdue of ${N}`,
    );
    await sleep(1_000); // a late duplicate would show up here

    const events = await alertEvents(worker.store);
    for (const type of ['DueSoonWarned', 'OverdueFlagged']) {
      const perMeasure = count(events.filter((e) => e.type === type).map((e) => e.data.measureId));
      expect(ids.filter((id) => perMeasure.get(id) !== 1)).toEqual([]);
      expect(perMeasure.size).toBe(N);
    }
    const lateness = events
      .filter((e) => e.type !== 'Escalated')
      .map((e) => clock.real(Date.parse(e.metadata.recordedAt) - Date.parse(e.data.dueAt)))
      .sort((a, b) => a - b);
    // How late is measured (and printed) in bench/scheduling.bench.ts, beside plain BullMQ; a test asserts no timing.
    expect(lateness[0]).toBeGreaterThanOrEqual(0);
  }, 60_000);
});

describe('the alerts follow the measure', () => {
  const DAY_MS = 250;
  const clock = scaledClock(DAY_MS);
  let worker: WorkerApp;

  beforeAll(async () => {
    worker = await startWorkerApp(clock, workerConfig(REDIS_URL));
  });
  afterAll(() => worker?.close());

  async function act(measureId: string, actor: Actor, command: Omit<MeasureCommand, 'context'>) {
    await worker.app.get(EventSourcedWriter).write({
      streamName: streams.measure(measureId),
      decider: measureDecider,
      commandName: command.type,
      meta: { actor, idempotencyKey: null, correlationId: 'test', causationId: null },
      command: (context) => ({ ...command, context }) as MeasureCommand,
      result: () => undefined,
    });
  }
  const alertsOf = async (measureId: string) =>
    (await alertEvents(worker.store))
      .filter((e) => e.data.measureId === measureId)
      .map((e) => e.data.alertId);
  const today = () => courtToday(clock);

  /** Waits for the new version's overdue alert, then checks nothing else was raised. */
  async function expectVersion2Alerts(id: string) {
    await waitFor(
      async () => (await alertsOf(id)).includes('v2-deadline-overdue'),
      10_000,
      async () => String(await alertsOf(id)),
    );
    await sleep(500); // a late duplicate would show up here
    expect(await alertsOf(id)).toEqual(['v2-deadline-due_soon', 'v2-deadline-overdue']);
  }

  async function signedOff(measureId: string) {
    await act(measureId, HEAD, { type: 'SubmitCompletion', data: { summary: '已完成', evidence: null } });
    await act(measureId, LEADER, { type: 'SignOff', data: { opinion: null } });
  }

  it('the daily reconcile, the weekly bulletin and the daily audit anchor are job schedulers in the court time zone', async () => {
    const schedulers = await worker.app.get<Queue>(getQueueToken(QUEUES.maintenance)).getJobSchedulers();
    expect(
      schedulers
        .map(({ key, pattern, tz }) => ({ key, pattern, tz }))
        .sort((a, b) => a.key.localeCompare(b.key)),
    ).toEqual([
      { key: 'daily-anchor', pattern: '0 5 0 * * *', tz: 'Asia/Shanghai' },
      { key: 'daily-reconcile', pattern: '0 30 1 * * *', tz: 'Asia/Shanghai' },
      { key: 'weekly-bulletin', pattern: '0 0 8 * * 1', tz: 'Asia/Shanghai' },
    ]);
  });

  it('an extension approved before the deadline moves the alerts to the new date', async () => {
    const [id] = await seedMeasures(worker.store, clock, [6]);
    await act(id, HEAD, {
      type: 'RequestExtension',
      data: { requestId: 'r-1', newDueDate: addDays(today(), 12), reason: '案情复杂' },
    });
    await act(id, LEADER, { type: 'ApproveExtension', data: { requestId: 'r-1', opinion: null } });
    await expectVersion2Alerts(id);
  }, 20_000);

  it('a sign-off before the deadline prevents the alerts, and a reopening re-arms them', async () => {
    const [id] = await seedMeasures(worker.store, clock, [6]);
    await signedOff(id);
    await sleep(8 * DAY_MS); // past the old overdue instant (day 7)
    expect(await alertsOf(id)).toEqual([]);

    await act(id, LEADER, {
      type: 'ReopenMeasure',
      data: { reason: '回头看发现反弹', newDueDate: addDays(today(), 5) },
    });
    await expectVersion2Alerts(id);
  }, 20_000);
});

interface Received {
  path: string;
  query: URLSearchParams;
  body: { msgtype: string; markdown: { content?: string; title?: string; text?: string } };
}

/** A robot on a local port; `answer` decides each call's status and body (the call's number from 1). */
async function robot(answer: (call: number) => { status: number; body: string }) {
  const received: Received[] = [];
  let calls = 0;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      calls++;
      const { status, body: reply } = answer(calls);
      if (status === 200 && !reply.includes('"errcode":3')) {
        const url = new URL(req.url ?? '/', 'http://robot');
        received.push({ path: url.pathname, query: url.searchParams, body: JSON.parse(body) });
      }
      res.writeHead(status, { 'content-type': 'application/json' }).end(reply);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { received, calls: () => calls, port, close: () => server.close() };
}

const OK = { status: 200, body: '{"errcode":0,"errmsg":"ok"}' };

describe('the outgoing webhook', () => {
  it('posts each recorded alert once to a 企业微信 robot as markdown, retrying while it is down', async () => {
    const wecom = await robot((call) => (call === 1 ? { status: 503, body: '' } : OK));
    const clock = scaledClock(200);
    const worker = await startWorkerApp(
      clock,
      workerConfig(REDIS_URL, {
        alertWebhookUrls: [`http://127.0.0.1:${wecom.port}/cgi-bin/webhook/send?key=K`],
        alertWebhookFormat: 'wecom',
        publicBaseUrl: 'https://tracker.court.example',
      }),
    );
    try {
      // Due in 5 court days: due soon at day 2, overdue at day 6.
      const [id] = await seedMeasures(worker.store, clock, [5]);
      await waitFor(
        async () => wecom.received.length >= 2,
        15_000,
        async () => `${wecom.calls()} calls, received ${JSON.stringify(wecom.received)}`,
      );
      await sleep(500);
      expect(wecom.received.map((r) => r.body.msgtype)).toEqual(['markdown', 'markdown']);
      // The first (refused) delivery is retried after the second alert's: order is not kept.
      const contents = wecom.received.map((r) => r.body.markdown.content ?? '').sort();
      expect(contents[0]).toMatch(/^### 【临期提醒】整改措施 /);
      expect(contents[1]).toMatch(/^### 【逾期督办】整改措施 /);
      expect(contents[1]).toContain(`[查看整改措施](https://tracker.court.example/measures/${id})`);
      expect(wecom.calls()).toBe(3);
    } finally {
      await worker.close();
      wecom.close();
    }
  }, 30_000);

  it('signs for 钉钉 and delivers to every robot once, retrying only the one that answered an errcode', async () => {
    const failing = await robot((call) =>
      call === 1 ? { status: 200, body: '{"errcode":310000,"errmsg":"sign not match"}' } : OK,
    );
    const steady = await robot(() => OK);
    const clock = scaledClock(200);
    const worker = await startWorkerApp(
      clock,
      workerConfig(REDIS_URL, {
        alertWebhookUrls: [
          `http://127.0.0.1:${failing.port}/robot/send?access_token=A`,
          `http://127.0.0.1:${steady.port}/robot/send?access_token=B`,
        ],
        alertWebhookFormat: 'dingtalk',
        alertWebhookSecret: 'SEC0123',
      }),
    );
    try {
      await seedMeasures(worker.store, clock, [5]);
      await waitFor(
        async () => failing.received.length >= 2 && steady.received.length >= 2,
        15_000,
        async () => `${failing.calls()} and ${steady.calls()} calls`,
      );
      await sleep(500);
      for (const r of [...failing.received, ...steady.received]) {
        expect(r.body.msgtype).toBe('markdown');
        expect(r.body.markdown.title).toMatch(/^【(临期提醒|逾期督办)】整改措施 /);
        const timestamp = r.query.get('timestamp') ?? '';
        const expected = createHmac('sha256', 'SEC0123').update(`${timestamp}\nSEC0123`).digest('base64');
        // URLSearchParams has already decoded the URL-encoded signature once.
        expect(r.query.get('sign')).toBe(expected);
        expect(r.query.get('access_token')).toMatch(/^[AB]$/);
      }
      expect(failing.received.map((r) => r.body.markdown.title?.slice(0, 6)).sort()).toEqual([
        '【临期提醒】',
        '【逾期督办】',
      ]);
      expect(steady.received).toHaveLength(2);
      expect(failing.calls()).toBe(3);
      expect(steady.calls()).toBe(2);
    } finally {
      await worker.close();
      failing.close();
      steady.close();
    }
  }, 30_000);
});
