import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { RecordsRead } from './access-log/records-read.decorator';
import { ApiBearerAuth, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { CourtCalendar } from '@tracker/command-path';
import { ChainVerifier, EVENT_STORE, EventStore, RecordedEvent } from '@tracker/event-store';
import { AnchoredHistoryCheck, AuditKey } from '@tracker/audit';
import { EVENT_LABELS, streams } from '@tracker/domain';
import { AUDIT_KEY } from '@tracker/platform';
import { DirectoryView } from '@tracker/read-models';
import { BLOB_STORE, BlobStore } from '@tracker/blob-store';
import { checkEvidenceFiles } from './evidence-integrity';
import { Reads } from '../auth/roles.decorator';
import { refuseQueryParameters } from '../http/no-query';
import { scanFeed, SCAN_BUDGET } from './audit-feed';
import { AUDIT_EVENT_TYPES, parseAuditQuery } from './audit-query';

const PAGE = 5_000;

/** What the feed says of whoever caused an event: the recorded id and role, the directory's name. */
export interface AuditActor {
  id: string;
  /** 系统 for what the scheduler or the seeding recorded; null for an id the directory lacks. */
  name: string | null;
  role: string;
}

/** 纪检监察: the full event feed and a proof that nothing in it was altered or removed. */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
@Reads('audit')
export class AuditController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly directory: DirectoryView,
    private readonly calendar: CourtCalendar,
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
    @Inject(AUDIT_KEY) private readonly key: AuditKey,
  ) {}

  /**
   * Recomputes every stream's hash chain from the first event; holds the store against every
   * signed anchor (a stream whose anchored head is gone or different is named, with what is there
   * now; events after the latest anchor are counted as not yet anchored); and re-reads every
   * attached file (佐证材料), naming each one missing or whose bytes no longer hash to the
   * SHA-256 its EvidenceAttached event recorded. Reads the feed once, page by page.
   */
  @Get('integrity')
  @ApiOkResponse({
    description:
      '`ok`; the chain figures and `failures`; `anchors: {count, trusted, latest}`, `anchorProblems: [{anchorId, sequence, anchoredAt, problem: signature_invalid|other_key|heads_incomplete}]`, ' +
      '`headProblems: [{streamName, anchorId, sequence, anchoredAt, anchoredRevision, anchoredHash, problem: altered|missing, now: {revision, hash}|null}]`, ' +
      '`unanchored: {events, streams, sampleStreams}` (recorded after the latest anchor: chained but not yet signed); ' +
      'and `files: {checked, failures: [{measureId, attachmentId, fileName, expectedSha256, foundSha256, problem: missing|altered}]}` (foundSha256 null when missing).',
  })
  async integrity() {
    const history = AnchoredHistoryCheck.fromAuditStream(
      await this.store.readStream(streams.audit()),
      this.key,
    );
    const chains = new ChainVerifier();
    const evidence: RecordedEvent[] = [];
    let after: bigint | undefined;
    for (;;) {
      const page = await this.store.readAll({ after, maxCount: PAGE });
      for (const event of page) {
        chains.add(event);
        history.see(event);
        if (event.type === 'EvidenceAttached') evidence.push(event);
      }
      if (page.length > 0) after = page[page.length - 1].position;
      if (page.length < PAGE) break;
    }
    const report = chains.report();
    const anchored = history.report();
    const files = await checkEvidenceFiles(evidence, this.blobs);
    return {
      ok:
        report.failures.length === 0 &&
        files.failures.length === 0 &&
        anchored.anchorProblems.length === 0 &&
        anchored.headProblems.length === 0,
      streams: report.streams,
      events: report.events,
      failures: report.failures.map((f) => ({ ...f, revision: f.revision.toString() })),
      ...anchored,
      files,
      checkedThrough: after?.toString() ?? null,
    };
  }

  /** What the feed can be filtered by: every event type, and everyone who can have acted, by name. */
  @Get('filters')
  @ApiOkResponse({
    description:
      '`types`: every event type the tracker records; `labels`: the Chinese name of every type recorded. `actors`: every account (id, name, role, department) and the system (`id: "system"`, 系统), for the actorId filter.',
  })
  filters(@Query() query: Record<string, unknown>) {
    refuseQueryParameters(query);
    const departments = new Map(this.directory.listDepartments().map((d) => [d.id, d.name]));
    const users = this.directory
      .listUsers()
      .map((u) => ({
        id: u.id,
        name: u.displayName,
        role: u.role,
        departmentName: u.departmentId === null ? null : (departments.get(u.departmentId) ?? null),
      }))
      .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
    return {
      types: [...AUDIT_EVENT_TYPES],
      labels: EVENT_LABELS,
      actors: [{ id: 'system', name: '系统', role: 'system', departmentName: null }, ...users],
    };
  }

  /** Every event in recorded order, paged by global position, optionally filtered. */
  @Get('events')
  @RecordsRead('audit_feed')
  @ApiQuery({
    name: 'after',
    required: false,
    description: 'global position (exclusive): X-Scanned-Through of the previous page',
  })
  @ApiQuery({ name: 'limit', required: false, description: 'matching events per page, 1–1000 (default 200)' })
  @ApiQuery({
    name: 'streamName',
    required: false,
    description: 'exact stream name (e.g. measure-<id>); ending in * matches a prefix (e.g. measure-*)',
  })
  @ApiQuery({
    name: 'type',
    required: false,
    isArray: true,
    description: 'event type; repeat it or separate types with commas (any of them matches)',
  })
  @ApiQuery({
    name: 'actorId',
    required: false,
    description: 'user id of the actor in the metadata; `system` for the scheduler',
  })
  @ApiQuery({
    name: 'from',
    required: false,
    description:
      "recorded at or after: a date YYYY-MM-DD (start of that day in the court's time zone) or an ISO date-time with offset",
  })
  @ApiQuery({
    name: 'to',
    required: false,
    description:
      "recorded at or before: a date YYYY-MM-DD (the whole day, court's time zone) or an ISO date-time with offset",
  })
  @ApiOkResponse({
    description:
      'An array of the matching events (at most `limit`), each with `actor: {id, name, role}` resolved from the directory ' +
      '(`name` 系统 for the system; `actor` null when the metadata names none). With filters the server reads the feed forward ' +
      `from \`after\` until \`limit\` events match, the feed ends, or ${SCAN_BUDGET} events were read; so a page may hold fewer ` +
      'than `limit` (even none) while more follow: the headers say where to go on.',
    headers: {
      'X-Scanned-Through': {
        description: 'the last position read: send it as `after` for the next page. Absent on an empty feed.',
        schema: { type: 'string' },
      },
      'X-Has-More': {
        description:
          '`false` when the read reached the end of the feed (ask again later for new events); `true` otherwise',
        schema: { type: 'string', enum: ['true', 'false'] },
      },
    },
  })
  async events(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) response: Response) {
    const page = await scanFeed(this.store, parseAuditQuery(query, this.calendar));
    if (page.scannedThrough !== undefined)
      response.setHeader('X-Scanned-Through', page.scannedThrough.toString());
    response.setHeader('X-Has-More', String(page.more));
    return page.events.map((e) => ({
      position: e.position.toString(),
      streamName: e.streamName,
      revision: e.revision.toString(),
      eventId: e.eventId,
      type: e.type,
      schemaVersion: e.schemaVersion,
      data: redacted(e),
      metadata: e.metadata,
      actor: this.actorOf(e),
      hash: e.hash,
      previousHash: e.previousHash,
    }));
  }

  private actorOf(event: RecordedEvent): AuditActor | null {
    // Typed as always present, but the feed holds whatever was ever written.
    const actor: RecordedEvent['metadata']['actor'] | undefined = event.metadata.actor;
    if (actor === undefined || actor === null) return null;
    if (actor.role === 'system') return { id: actor.userId, name: '系统', role: actor.role };
    return {
      id: actor.userId,
      name: this.directory.user(actor.userId)?.displayName ?? null,
      role: actor.role,
    };
  }
}

const HOLDS_PASSWORD_HASH = new Set(['UserRegistered', 'PasswordChanged']);

/** The feed never shows a password hash (the integrity check still covers it). */
function redacted(event: RecordedEvent): unknown {
  const data = event.data;
  if (!HOLDS_PASSWORD_HASH.has(event.type) || typeof data !== 'object' || data === null) return data;
  return { ...data, passwordHash: '[redacted]' };
}
