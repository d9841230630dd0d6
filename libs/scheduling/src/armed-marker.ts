import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import { ALERT_EVENT_TYPE, STREAM_PREFIX } from '@tracker/domain';
import { EVENT_STORE, EventStore } from '@tracker/event-store';
import { CourtCalendar } from '@tracker/command-path';
import { Queue } from 'bullmq';
import { createHash } from 'node:crypto';
import { CourtAlertSettings } from './alert-settings';
import { ALERT_PLAN_CHANGES } from './alert-scheduler';
import { LOOK_BACK_PLAN_CHANGES } from './look-back-scheduler';
import { CourtLookBackSettings } from './look-back-settings';
import { QUEUES } from './queues';

/** Events that change a measure's alert or 回头看 plan: its jobs armed before them may be stale. */
const PLAN_CHANGES: ReadonlySet<string> = new Set([...ALERT_PLAN_CHANGES, ...LOOK_BACK_PLAN_CHANGES]);
/** An alert a job recorded: its 督办单 is issued after it, and a process may die in between. */
const RAISED: readonly string[] = Object.values(ALERT_EVENT_TYPE);

/** What happened to the measures since the last complete sweep. */
export interface SinceLastSweep {
  /** Measures whose plan changed: their jobs in Redis may be stale. */
  plansChanged: Set<string>;
  /** Measures whose plan changed or that had an alert recorded: the ones a start sweeps. */
  touched: Set<string>;
}

/** What a complete sweep leaves in Redis. */
interface Marked {
  /** The position whose plans it armed. */
  position: string;
  plan: string;
  /**
   * The position it had reached when it finished, and the cause it recorded alerts with: the alerts
   * it recorded itself, up to there, had their 督办单 issued before it was marked.
   */
  sweptTo?: string;
  cause?: string;
}

const POSITION = /^\d+$/;

/** The marker as stored; null when it is not one this release wrote (then every measure is swept). */
function parseMarked(stored: string): Marked | null {
  try {
    const marked = JSON.parse(stored) as Partial<Marked> | null;
    const valid =
      typeof marked?.position === 'string' &&
      POSITION.test(marked.position) &&
      typeof marked.plan === 'string' &&
      (marked.sweptTo === undefined ||
        (typeof marked.sweptTo === 'string' && POSITION.test(marked.sweptTo))) &&
      (marked.cause === undefined || typeof marked.cause === 'string');
    return valid ? (marked as Marked) : null;
  } catch {
    return null;
  }
}

/** Beyond this many plan changes since the last sweep, arming every measure is the quicker way. */
const MAX_CHANGES = 200_000;
const PAGE = 5_000;

/**
 * Where the last complete sweep left the jobs: a Redis key beside the queues, holding the feed
 * position whose plans the sweep armed and the settings it planned with. Complete means every
 * future alert and reminder had its job sent, and every due one, and its 督办单, was recorded. A
 * restart against the same Redis then sweeps only the measures touched since (see
 * `SinceLastSweep`): every other measure's due alerts are those its standing jobs fire. A lost Redis
 * loses the key with the jobs, and changed settings (the ladder, 回头看 months, time zone)
 * invalidate it, so either way every measure is swept and armed again.
 */
@Injectable()
export class ArmedMarker {
  private readonly plan: string;

  constructor(
    @InjectQueue(QUEUES.alerts) private readonly queue: Queue,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    alerts: CourtAlertSettings,
    lookBacks: CourtLookBackSettings,
    calendar: CourtCalendar,
  ) {
    this.plan = createHash('sha256')
      .update(JSON.stringify({ ladder: alerts.ladder, months: lookBacks.months, zone: calendar.timeZone }))
      .digest('hex');
  }

  private get key(): string {
    return this.queue.toKey('armed-through');
  }

  /**
   * The measures touched after the last sweep's position, up to `through`; null when every
   * measure must be swept (no complete sweep recorded in this Redis, other settings, a position
   * this store has not reached, or too many changes).
   */
  async since(through: bigint | undefined): Promise<SinceLastSweep | null> {
    if (through === undefined) return null;
    const stored = await (await this.queue.getBackend().client).get(this.key);
    if (!stored) return null;
    const marked = parseMarked(stored);
    if (marked === null) return null;
    const from = BigInt(marked.position);
    if (marked.plan !== this.plan || from > through) return null;
    const sweptTo = marked.sweptTo === undefined ? from : BigInt(marked.sweptTo);
    const recordedBySweep = (event: {
      type: string;
      position: bigint;
      metadata: { causationId: string | null };
    }) =>
      event.position <= sweptTo &&
      event.metadata.causationId === marked.cause &&
      !PLAN_CHANGES.has(event.type);
    const since: SinceLastSweep = { plansChanged: new Set(), touched: new Set() };
    let after = from;
    let seen = 0;
    while (after < through) {
      const page = await this.store.readAll({
        after,
        maxCount: PAGE,
        filter: { eventTypes: [...PLAN_CHANGES, ...RAISED], streamPrefixes: [STREAM_PREFIX.measure] },
      });
      for (const event of page) {
        if (event.position > through) return since;
        if (recordedBySweep(event)) continue;
        const measureId = event.streamName.slice(STREAM_PREFIX.measure.length);
        since.touched.add(measureId);
        if (PLAN_CHANGES.has(event.type)) since.plansChanged.add(measureId);
      }
      seen += page.length;
      if (seen > MAX_CHANGES) return null;
      if (page.length < PAGE) break;
      after = page[page.length - 1].position;
    }
    return since;
  }

  /**
   * Records that every measure's jobs, as planned at `through`, are in Redis, and that nothing due
   * is missing: the alerts the sweep recorded (with `cause`, up to `sweptTo`) included, so the next
   * start does not sweep their measures again.
   */
  async mark(
    through: bigint | undefined,
    sweep: { sweptTo: bigint | undefined; cause: string },
  ): Promise<void> {
    if (through === undefined) return;
    const marked: Marked = {
      position: String(through),
      plan: this.plan,
      sweptTo: String(sweep.sweptTo ?? through),
      cause: sweep.cause,
    };
    await (await this.queue.getBackend().client).set(this.key, JSON.stringify(marked));
  }
}
