import Database from 'better-sqlite3';
import { computeEventHash, SqliteEventStore } from '@tracker/event-store';

/**
 * A synthetic but lawful history of rectification work: a directory, then campaigns with
 * problems and measures that go through the lifecycle (progress, extensions, submission,
 * return, sign-off, look-back reopening, outcomes). Deterministic for a given seed. Written
 * straight into an embedded store's file in big transactions, since going through HTTP for a
 * province-sized history would take hours; the store's triggers still check every row.
 */
export interface HistoryShape {
  campaigns: number;
  problemsPerCampaign: number;
  measuresPerProblem: number;
  departments?: number;
  leaders?: number;
  seed?: number;
  /** Recorded time of the first event; the history runs forward from it. */
  start?: string;
}

interface GeneratedEvent {
  streamName: string;
  type: string;
  data: Record<string, unknown>;
  actor: { userId: string; role: string };
  at: number;
}

const DAY = 86_400_000;

/** Mulberry32: small, fast, deterministic. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const dateOf = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);

export function* generateHistory(shape: HistoryShape): Generator<GeneratedEvent> {
  const rnd = random(shape.seed ?? 42);
  const departments = Array.from({ length: shape.departments ?? 20 }, (_, i) => `dep-${i + 1}`);
  const leaders = Array.from({ length: shape.leaders ?? 6 }, (_, i) => `leader-${i + 1}`);
  const system = { userId: 'system', role: 'system' };
  let clock = Date.parse(shape.start ?? '2025-01-06T01:00:00Z');
  const tick = () => (clock += 60_000);
  for (const departmentId of departments) {
    yield {
      streamName: 'directory',
      type: 'DepartmentCreated',
      data: { departmentId, name: `部门${departmentId}` },
      actor: system,
      at: tick(),
    };
  }
  for (const [i, userId] of leaders.entries()) {
    yield {
      streamName: 'directory',
      type: 'UserRegistered',
      data: {
        userId,
        username: userId,
        displayName: `领导${i + 1}`,
        role: 'leader',
        departmentId: null,
        secretary: i === 0,
        passwordHash: 'x',
      },
      actor: system,
      at: tick(),
    };
  }
  for (let c = 1; c <= shape.campaigns; c += 1) {
    const campaignId = `c${c}`;
    const issued = clock;
    const secretary = { userId: leaders[0], role: 'leader' };
    yield {
      streamName: `campaign-${campaignId}`,
      type: 'CampaignLaunched',
      data: {
        campaignId,
        title: `第${c}轮整改`,
        source: 'inspection_feedback',
        issuedOn: dateOf(issued),
        description: null,
      },
      actor: secretary,
      at: tick(),
    };
    const measureEvents: GeneratedEvent[] = [];
    for (let p = 1; p <= shape.problemsPerCampaign; p += 1) {
      const problemId = `${campaignId}-p${p}`;
      const departmentId = departments[Math.floor(rnd() * departments.length)];
      yield {
        streamName: `campaign-${campaignId}`,
        type: 'ProblemRecorded',
        data: {
          campaignId,
          problemId,
          number: p,
          title: `问题${p}`,
          description: null,
          category: null,
          rootCause: null,
          departmentIds: [departmentId],
        },
        actor: secretary,
        at: tick(),
      };
      for (let m = 1; m <= shape.measuresPerProblem; m += 1) {
        const measureId = `${problemId}-m${m}`;
        const number = `${p}.${m}`;
        yield {
          streamName: `campaign-${campaignId}`,
          type: 'MeasureAdded',
          data: { campaignId, problemId, measureId, number },
          actor: secretary,
          at: tick(),
        };
        measureEvents.push(
          ...measureLife(rnd, { campaignId, problemId, measureId, number, departmentId }, leaders, issued),
        );
      }
    }
    // The measures' work is interleaved in time, as it happens in a court.
    measureEvents.sort((a, b) => a.at - b.at);
    for (const e of measureEvents) yield e;
    // Campaigns start a few hours apart across the province; their work overlaps in time.
    clock = issued + 8 * 3_600_000;
  }
}

function measureLife(
  rnd: () => number,
  m: { campaignId: string; problemId: string; measureId: string; number: string; departmentId: string },
  leaders: string[],
  issued: number,
): GeneratedEvent[] {
  const stream = `measure-${m.measureId}`;
  const leader = { userId: leaders[1 + Math.floor(rnd() * (leaders.length - 1))], role: 'leader' };
  const head = { userId: `head-${m.departmentId}`, role: 'department_head' };
  const events: GeneratedEvent[] = [];
  let at = issued + DAY + Math.floor(rnd() * DAY);
  const push = (type: string, data: Record<string, unknown>, actor = head) => {
    events.push({ streamName: stream, type, data: { measureId: m.measureId, ...data }, actor, at });
    at += Math.floor((2 + rnd() * 12) * DAY);
  };
  let dueDate = dateOf(issued + Math.floor((30 + rnd() * 90) * DAY));
  const originalDueDate = dueDate;
  push(
    'MeasureAssigned',
    {
      campaignId: m.campaignId,
      problemId: m.problemId,
      number: m.number,
      content: `整改措施${m.number}：建立健全相关工作机制并抓好落实`,
      target: '问题整改到位',
      kind: 'deadline',
      responsibleLeaderId: leader.userId,
      departmentId: m.departmentId,
      responsiblePerson: '张三',
      dueDate,
      reportEveryDays: null,
      milestones: [
        { milestoneId: `${m.measureId}-ms1`, title: '阶段目标', dueDate: dateOf(issued + 20 * DAY) },
      ],
      deadlineVersion: 1,
    },
    leader,
  );
  for (let r = 0; r < 5; r += 1) {
    push('ProgressReported', { note: `第${r + 1}次进展报告`, percent: 15 * (r + 1), reportedOn: dateOf(at) });
  }
  let version = 1;
  if (rnd() < 0.5) {
    const requestId = `${m.measureId}-x1`;
    const newDueDate = dateOf(Date.parse(`${dueDate}T00:00:00Z`) + 20 * DAY);
    push('ExtensionRequested', { requestId, currentDueDate: dueDate, newDueDate, reason: '需等待外部材料' });
    version += 1;
    push(
      'ExtensionApproved',
      { requestId, previousDueDate: dueDate, newDueDate, deadlineVersion: version, opinion: null },
      leader,
    );
    dueDate = newDueDate;
  }
  if (rnd() < 0.75) {
    push('CompletionSubmitted', { summary: '已完成整改', evidence: '佐证材料' });
    if (rnd() < 0.2) {
      push('MeasureReturned', { reason: '佐证材料不足' }, leader);
      push('CompletionSubmitted', { summary: '已补充材料', evidence: '补充佐证材料' });
    }
    const signedOffOn = dateOf(at);
    push(
      'MeasureSignedOff',
      { opinion: '同意销号', signedOffOn, onTime: signedOffOn <= originalDueDate },
      leader,
    );
    if (rnd() < 0.3) push('OutcomeRecorded', { outcomeId: `${m.measureId}-o1`, title: '制度成果' });
    if (rnd() < 0.05) {
      version += 1;
      push(
        'MeasureReopened',
        { reason: '回头看发现反弹', newDueDate: dateOf(at + 30 * DAY), deadlineVersion: version },
        leader,
      );
    }
  }
  return events;
}

/**
 * Creates an embedded store at `file` holding the generated history; returns how many events
 * were written. Each stream's hash chain is real, so the integrity check passes on it.
 */
export async function writeHistory(
  file: string,
  shape: HistoryShape,
  onProgress?: (written: number) => void,
): Promise<number> {
  await SqliteEventStore.open(file).close(); // creates and migrates the schema
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const insert = db.prepare(
    `INSERT INTO events (stream_name, revision, event_id, type, schema_version, data, metadata, hash, previous_hash)
     VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?)`,
  );
  const heads = new Map<string, { revision: number; hash: string }>();
  let written = 0;
  let batch: GeneratedEvent[] = [];
  const flush = db.transaction((events: GeneratedEvent[]) => {
    for (const e of events) {
      const head = heads.get(e.streamName);
      const revision = head ? head.revision + 1 : 0;
      const previousHash = head?.hash ?? null;
      const eventId = `${e.streamName}#${revision}`;
      const metadata = {
        actor: e.actor,
        recordedAt: new Date(e.at).toISOString(),
        correlationId: eventId,
        causationId: null,
        idempotencyKey: null,
        command: null,
      };
      const hash = computeEventHash(
        {
          streamName: e.streamName,
          revision: BigInt(revision),
          eventId,
          type: e.type,
          schemaVersion: 1,
          data: e.data,
          metadata,
        },
        previousHash,
      );
      insert.run(
        e.streamName,
        revision,
        eventId,
        e.type,
        JSON.stringify(e.data),
        JSON.stringify(metadata),
        hash,
        previousHash,
      );
      heads.set(e.streamName, { revision, hash });
    }
  });
  for (const event of generateHistory(shape)) {
    batch.push(event);
    if (batch.length === 50_000) {
      flush(batch);
      written += batch.length;
      batch = [];
      onProgress?.(written);
    }
  }
  flush(batch);
  written += batch.length;
  onProgress?.(written);
  db.close();
  return written;
}
