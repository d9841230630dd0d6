import { IssueNotice, SYSTEM_ACTOR } from '@tracker/domain';
import { SqliteEventStore } from '@tracker/event-store';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Clock, CourtCalendar } from './clock';
import { EventSourcedWriter } from './event-sourced-writer';
import { issueNotice } from './notice-issue';

class MovableClock extends Clock {
  constructor(private instant: Date) {
    super();
  }
  now = () => this.instant;
  set(iso: string) {
    this.instant = new Date(iso);
  }
}

const data = (i: number): IssueNotice['data'] => ({
  sourceId: `m-${i}-v1-deadline-overdue`,
  alertId: 'v1-deadline-overdue',
  level: 'overdue',
  daysOverdue: 1,
  measure: {
    measureId: `m-${i}`,
    number: `1.${i}`,
    content: '清理长期未结案件',
    target: null,
    problemTitle: '长期未结案件较多',
    departmentId: 'd-civil',
    departmentName: '民一庭',
    responsibleLeaderId: 'u-leader',
    responsibleLeaderName: '张副院长',
    responsiblePerson: '王庭长',
    dueDate: '2026-03-01',
  },
});
const meta = (key: string) => ({
  actor: SYSTEM_ACTOR,
  idempotencyKey: key,
  correlationId: key,
  causationId: null,
});

describe('督办单 numbering (embedded store)', () => {
  let dir: string;
  let store: SqliteEventStore;
  const clock = new MovableClock(new Date('2026-03-02T02:00:00Z'));
  const calendar = new CourtCalendar(clock, 'Asia/Shanghai');

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'notices-'));
    store = SqliteEventStore.open(join(dir, 'events.sqlite'));
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('50 notices issued at once are numbered 1 to 50, no gap and no duplicate; a retry issues nothing more', async () => {
    // Separate writers, as separate worker processes would be: none shares another's folded stream.
    const issued = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        issueNotice(new EventSourcedWriter(store, clock, calendar), calendar, data(i), meta(`notice-${i}`)),
      ),
    );
    expect(issued.map((n) => n?.number).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(
      Array.from({ length: 50 }, (_, i) => i + 1),
    );
    expect(new Set(issued.map((n) => n?.noticeId)).size).toBe(50);
    const again = await issueNotice(
      new EventSourcedWriter(store, clock, calendar),
      calendar,
      data(7),
      meta('notice-7'),
    );
    expect(again?.noticeId).toBe(issued[7]?.noticeId);
    expect(await store.readStream('notices-2026')).toHaveLength(50);
  }, 120_000);

  it('notices issued together through one writer share appends: numbered 1 to 60 once each, a repeat answered from the first', async () => {
    const appends: number[] = [];
    const spied = Object.create(store) as SqliteEventStore;
    spied.appendToStream = (name, events, expected) => {
      appends.push(events.length);
      return store.appendToStream(name, events, expected);
    };
    // Two processes' writers: their shared appends race for the stream's revision.
    const writers = [0, 1].map(() => new EventSourcedWriter(spied, clock, calendar));
    const issued = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        issueNotice(writers[i % 2], calendar, data(i % 50), meta(`notice-${i % 50}`)),
      ),
    );
    const numbers = new Map(issued.map((n, i) => [i % 50, n?.number]));
    expect([...numbers.values()].sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(
      Array.from({ length: 50 }, (_, i) => i + 1),
    );
    // A repeat of a key, waiting beside its first request, answers with the notice that one got.
    issued.forEach((n, i) => expect(n?.number).toBe(numbers.get(i % 50)));
    expect(await store.readStream('notices-2026')).toHaveLength(50);
    // Far fewer appends than notices: each writer's waiting notices went in together.
    expect(appends.length).toBeLessThan(20);
  }, 120_000);

  it('the same step issued under another key is not numbered twice', async () => {
    const writer = new EventSourcedWriter(store, clock, calendar);
    await issueNotice(writer, calendar, data(1), meta('a'));
    expect(await issueNotice(writer, calendar, data(1), meta('b'))).toBeNull();
    expect(await store.readStream('notices-2026')).toHaveLength(1);
  });

  it('numbering restarts with the year in the court time zone', async () => {
    const writer = new EventSourcedWriter(store, clock, calendar);
    // 23:30 on 31 December in Shanghai is still 2026 …
    clock.set('2026-12-31T15:30:00Z');
    const late = await issueNotice(writer, calendar, data(1), meta('late'));
    // … 00:30 on 1 January in Shanghai is 2027, though it is 31 December in UTC.
    clock.set('2026-12-31T16:30:00Z');
    const first = await issueNotice(writer, calendar, data(2), meta('first'));
    expect({ late: late?.noticeId, first: first?.noticeId, issuedOn: first?.issuedOn }).toEqual({
      late: '2026-001',
      first: '2027-001',
      issuedOn: '2027-01-01',
    });
  });
});
