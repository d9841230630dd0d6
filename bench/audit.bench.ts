// Audit anchors at province scale: signing an anchor and verifying the store against it at about
// 1,000,000 events / 100,000 streams, beside a raw read-and-parse of the same events in the same
// run (the baseline); then the offline verification of a 100,000-event bundle beside a bare parse
// of its events.jsonl. Prints figures; asserts nothing.
// Run: npm run bench:audit   (BENCH_CAMPAIGNS scales the history: 1,000 campaigns ≈ 1M events)
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { streams } from '../libs/domain/src';
import { ChainVerifier, RecordedEvent, SqliteEventStore } from '../libs/event-store/src';
import {
  AnchoredHistoryCheck,
  Anchorer,
  buildBundle,
  openAuditKey,
  unzipFiles,
  verifyBundle,
  zipFiles,
} from '../libs/audit/src';
import { rawReadAndParse } from './raw-read';
import { writeHistory } from '../test/support/province-history';

const CAMPAIGNS = Number(process.env.BENCH_CAMPAIGNS ?? 1000);
const BUNDLE_EVENTS = Number(process.env.BENCH_BUNDLE_EVENTS ?? 100_000);
const PAGE = 5_000;
const fmt = (n: number) => Math.round(n).toLocaleString('en');
const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const system = {
  trigger: 'schedule' as const,
  actor: { userId: 'system', role: 'system' },
  correlationId: 'bench',
  idempotencyKey: null,
};

async function time<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const t0 = performance.now();
  const value = await run();
  return { value, ms: performance.now() - t0 };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-audit-'));
  const file = join(dir, 'events.sqlite');
  try {
    const total = await writeHistory(file, {
      campaigns: CAMPAIGNS,
      problemsPerCampaign: 10,
      measuresPerProblem: 10,
    });
    console.log(`History: ${fmt(total)} events, ${mb(statSync(file).size)} on disk`);
    const raw = rawReadAndParse(file, PAGE);
    const rawMs = raw.seconds * 1000;
    console.log(
      `raw read-and-parse (baseline)          ${secs(rawMs)}   ${fmt(raw.events / raw.seconds)} events/s`,
    );

    const store = SqliteEventStore.open(file);
    const { key } = openAuditKey(join(dir, 'audit-key.pem'), true);
    const first = await time(() => new Anchorer(store, { now: () => new Date() }, key).anchor(system));
    const s = first.value.anchor.statement;
    console.log(
      `first anchor (every stream's head)     ${secs(first.ms)}   ${(first.ms / rawMs).toFixed(2)}× raw   ${fmt(s.events)} events, ${fmt(s.streams)} streams, ${s.parts} head parts`,
    );
    // A day's writes, then the next day's anchor, by a process that restarted in between.
    const day = 1_000;
    for (let i = 0; i < day; i += 1)
      await store.appendToStream(
        `measure-bench-${i % 200}`,
        [
          {
            eventId: crypto.randomUUID(),
            type: 'ProgressReported',
            schemaVersion: 1,
            data: { measureId: `bench-${i % 200}`, note: '进展', percent: 50 },
            metadata: {
              actor: { userId: 'u', role: 'department_head' },
              recordedAt: new Date().toISOString(),
              correlationId: 'b',
              causationId: null,
              idempotencyKey: null,
              command: null,
            },
          },
        ],
        'any',
      );
    const next = await time(() => new Anchorer(store, { now: () => new Date() }, key).anchor(system));
    console.log(
      `next anchor after ${fmt(day)} writes, restarted ${secs(next.ms)}   ${(next.ms / rawMs).toFixed(2)}× raw   ${fmt(next.value.anchor.statement.changedStreams)} heads changed`,
    );

    const verification = await time(async () => {
      const history = AnchoredHistoryCheck.fromAuditStream(await store.readStream(streams.audit()), key);
      const chains = new ChainVerifier();
      let after: bigint | undefined;
      for (;;) {
        const page = await store.readAll({ after, maxCount: PAGE });
        for (const e of page) {
          chains.add(e);
          history.see(e);
        }
        if (page.length < PAGE) break;
        after = page[page.length - 1].position;
      }
      return { chains: chains.report(), anchored: history.report() };
    });
    const v = verification.value;
    console.log(
      `integrity check (chains + anchors)     ${secs(verification.ms)}   ${(verification.ms / rawMs).toFixed(2)}× raw   ${fmt(v.chains.events)} events, ${v.chains.failures.length + v.anchored.headProblems.length} problems, ${fmt(v.anchored.unanchored.events)} unanchored`,
    );

    // The offline verifier on a bundle of the first BUNDLE_EVENTS events (history.xlsx left empty:
    // the verifier only hashes it).
    const events: RecordedEvent[] = [];
    let after: bigint | undefined;
    while (events.length < BUNDLE_EVENTS) {
      const page = await store.readAll({ after, maxCount: Math.min(PAGE, BUNDLE_EVENTS - events.length) });
      if (page.length === 0) break;
      events.push(...page.filter((e) => e.streamName !== streams.audit()));
      after = page[page.length - 1].position;
    }
    const files = buildBundle(
      {
        manifest: {
          courtName: '基准',
          exportedAt: new Date().toISOString(),
          exportedBy: { userId: 'b', name: null, role: 'inspector' },
          scope: { campaignId: null, measureId: null, from: null, to: null },
        },
        events,
        auditStream: await store.readStream(streams.audit()),
        history: Buffer.alloc(0),
        readme: '',
      },
      key,
    );
    const chunks: Buffer[] = [];
    for await (const c of zipFiles(files, new Date())) chunks.push(c as Buffer);
    const zip = Buffer.concat(chunks);
    await store.close();

    const bare = performance.now();
    let parsed = 0;
    for (const line of files.get('events.jsonl')!.toString('utf8').split('\n'))
      if (line) parsed += JSON.parse(line) ? 1 : 0;
    const bareMs = performance.now() - bare;
    const offline = await time(async () => verifyBundle(await unzipFiles(zip)));
    console.log(
      `bundle of ${fmt(parsed)} events, ${mb(zip.length)} zipped: bare parse of events.jsonl ${secs(bareMs)}; ` +
        `offline verification (unzip + verify) ${secs(offline.ms)} = ${(offline.ms / bareMs).toFixed(1)}× bare parse, ok: ${offline.value.ok}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
