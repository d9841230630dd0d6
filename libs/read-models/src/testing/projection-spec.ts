import { Actor, currentSchemaVersion, streams, TrackerEvent } from '@tracker/domain';
import { FeedEvent } from '@tracker/event-store';
import { CheckpointedProjection } from '../projections/checkpointed-projection';
import { FeedReader, ProjectionRunner } from '../projections/projection-runner';
import { ReadModelStore } from '../projections/read-model-store';

/** A domain event as the spec records it; stream, time and actor default sensibly. */
export interface Given {
  event: TrackerEvent;
  streamName?: string;
  recordedAt?: string;
  actor?: Pick<Actor, 'userId' | 'role'>;
}

/** Every table's documents, as the read-model file stores them (encoded), by key. */
export type Documents = Record<string, Record<string, unknown>>;

const FIRST_INSTANT = Date.parse('2026-03-02T01:00:00.000Z');
const LEADER = { userId: 'u-leader', role: 'leader' };

/** The stream a domain event belongs to. */
function streamOf(event: TrackerEvent): string {
  switch (event.type) {
    case 'CampaignLaunched':
    case 'ProblemRecorded':
    case 'MeasureAdded':
      return streams.campaign(event.data.campaignId);
    case 'DepartmentCreated':
    case 'DepartmentRenamed':
    case 'DepartmentRetired':
    case 'UserRegistered':
    case 'UserDisabled':
    case 'UserEnabled':
    case 'PasswordChanged':
    case 'UserRenamed':
    case 'UserPositionChanged':
    case 'GrantRequested':
    case 'GrantConfirmed':
    case 'GrantRejected':
      return streams.directory();
    case 'BulletinIssued':
      return event.data.year === null
        ? streams.bulletin(event.data.bulletinId)
        : streams.bulletinYear(event.data.year);
    case 'NoticeIssued':
    case 'NoticeReceived':
    case 'NoticeReplied':
      return streams.noticeYear(Number(event.data.noticeId.slice(0, 4)));
    case 'SignedIn':
    case 'SignInFailed':
    case 'SignInLocked':
    case 'SignedOut':
    case 'SensitiveRead':
      return streams.access('2026-03-02');
    case 'AnchorHeadsRecorded':
    case 'AuditAnchored':
      return streams.audit();
    default:
      return streams.measure(event.data.measureId);
  }
}

/** Records the events as a store would: positions 1, 2, 3…, revisions per stream, a minute apart. */
export function recordAll(given: readonly (TrackerEvent | Given)[]): FeedEvent[] {
  const revisions = new Map<string, bigint>();
  return given.map((g, i) => {
    const { event, streamName, recordedAt, actor } = 'event' in g ? g : { event: g };
    const stream = streamName ?? streamOf(event);
    const revision = (revisions.get(stream) ?? -1n) + 1n;
    revisions.set(stream, revision);
    return {
      eventId: `e-${i + 1}`,
      type: event.type,
      schemaVersion: currentSchemaVersion(event.type),
      streamName: stream,
      revision,
      position: BigInt(i + 1),
      data: event.data,
      metadata: {
        actor: actor ?? LEADER,
        recordedAt: recordedAt ?? new Date(FIRST_INSTANT + i * 60_000).toISOString(),
        correlationId: `corr-${i + 1}`,
        causationId: `corr-${i + 1}`,
        idempotencyKey: null,
        command: 'spec',
      },
    };
  });
}

/** A feed over recorded events, for the runner. */
function feedOf(recorded: readonly FeedEvent[]): FeedReader {
  return {
    readFeed: async (options = {}) => {
      const after = options.after ?? 0n;
      const next = recorded.filter((e) => e.position > after);
      return options.maxCount === undefined ? next : next.slice(0, options.maxCount);
    },
    eventAt: async (position) => recorded.find((e) => e.position === position),
  };
}

export function documentsOf(projection: CheckpointedProjection): Documents {
  const documents: Documents = {};
  for (const table of projection.tables) {
    const docs: Record<string, unknown> = {};
    for (const [key, doc] of table.entries()) docs[key] = table.codec.encode(doc);
    documents[table.name] = docs;
  }
  for (const history of projection.histories ?? []) {
    const rows: Record<string, unknown> = {};
    for (const { key, day, doc } of history.rows()) rows[`${key} ${day}`] = doc;
    documents[history.name] = rows;
  }
  return documents;
}

/**
 * Projection specifications: given these events, then these documents and answers.
 *
 *   const [directory] = await projectionSpec(() => [new DirectoryView()]).given([...events]);
 *
 * Folds the events through the runner, as the API does, and checks on every spec what holds for
 * every projection: replaying the events again changes no document (the checkpoint skips them),
 * and a restart (documents saved, loaded into fresh projections) gives the same documents and
 * applies nothing. `given` resolves to projections restarted once more and not yet read, so the
 * spec's own assertions are made on what a restarted process would answer (histories and
 * on-demand tables included: read from the file as asked).
 */
export function projectionSpec<T extends CheckpointedProjection[]>(make: () => [...T]) {
  return {
    async given(events: readonly (TrackerEvent | Given)[]): Promise<T> {
      const recorded = recordAll(events);
      const feed = feedOf(recorded);
      const file = new ReadModelStore(':memory:');
      try {
        const first = make();
        const runner = new ProjectionRunner(feed, file, first);
        expect(await runner.catchUp({ batchSize: 2 })).toBe(recorded.length);
        const once = first.map(documentsOf);

        for (const event of recorded) runner.apply(event);
        expect(first.map(documentsOf)).toEqual(once);
        runner.stop();

        const restarted = make();
        const resumed = new ProjectionRunner(feed, file, restarted);
        await resumed.open();
        expect(await resumed.catchUp()).toBe(0);
        expect(restarted.map(documentsOf)).toEqual(once);
        resumed.stop();

        const served = make();
        const serving = new ProjectionRunner(feed, file, served);
        await serving.open();
        serving.stop();
        return served as T;
      } finally {
        // Histories and on-demand tables are read from the file: it stays open (in memory) for the spec's assertions.
        const readLater = make().some(
          (p) => (p.histories ?? []).length > 0 || p.tables.some((t) => t.loading !== 'at start'),
        );
        if (!readLater) file.close();
      }
    },
  };
}
