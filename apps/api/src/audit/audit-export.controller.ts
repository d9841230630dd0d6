import { Controller, Get, Inject, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { AuditKey, buildBundle, zipFiles } from '@tracker/audit';
import { Clock, CourtCalendar, FieldProblem, RequestValidationError } from '@tracker/command-path';
import { EVENT_LABELS, streams, TrackerEventType } from '@tracker/domain';
import { exportTime, historyWorkbook, HistoryRow } from '@tracker/documents';
import { EVENT_STORE, EventStore, RecordedEvent } from '@tracker/event-store';
import { AUDIT_KEY } from '@tracker/platform';
import { CatalogueView, DirectoryView } from '@tracker/read-models';
import { CurrentUser } from '../auth/current-user.decorator';
import { AuthenticatedUser } from '../auth/authenticated-user';
import { Reads } from '../auth/roles.decorator';
import { RecordsRead } from './access-log/records-read.decorator';
import { CourtIdentity } from '../court/court-identity';
import { parseAuditQuery } from './audit-query';
import { BUNDLE_README } from './bundle-readme';

const PAGE = 5_000;
const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** 审计导出: a campaign's, a measure's or the whole court's history as a bundle anyone can verify offline. */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
@Reads('audit')
export class AuditExportController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(AUDIT_KEY) private readonly key: AuditKey,
    private readonly catalogue: CatalogueView,
    private readonly directory: DirectoryView,
    private readonly calendar: CourtCalendar,
    private readonly clock: Clock,
    private readonly court: CourtIdentity,
  ) {}

  @Get('export')
  @RecordsRead('audit_export')
  @ApiQuery({
    name: 'campaignId',
    required: false,
    description: "one campaign: its stream and all its measures' streams",
  })
  @ApiQuery({ name: 'measureId', required: false, description: "one measure's stream (not with campaignId)" })
  @ApiQuery({
    name: 'from',
    required: false,
    description: 'recorded at or after (YYYY-MM-DD court day, or ISO date-time)',
  })
  @ApiQuery({
    name: 'to',
    required: false,
    description: 'recorded at or before (YYYY-MM-DD court day, or ISO date-time)',
  })
  @ApiProduces('application/zip')
  @ApiOkResponse({
    description:
      'A zip: events.jsonl (every event with metadata and hash, in feed order), anchors.json (every anchor, with Merkle proofs ' +
      'of the exported streams’ heads), attachments.json, public-key.pem, history.xlsx (中文), README.txt, and manifest.json ' +
      'signed by the court key (manifest.sig). Verify offline: `npm run audit:verify -- bundle.zip`. Without a scope: the whole court.',
  })
  async export(
    @Query() query: Record<string, unknown>,
    @CurrentUser() user: AuthenticatedUser,
    @Res({ passthrough: true }) response: Response,
  ) {
    const scope = this.parseScope(query);
    const wanted = this.streamsOf(scope);
    const events: RecordedEvent[] = [];
    let after: bigint | undefined;
    for (;;) {
      const page = await this.store.readAll({ after, maxCount: PAGE });
      for (const e of page) if (this.selected(e, wanted, scope)) events.push(e);
      if (page.length < PAGE) break;
      after = page[page.length - 1].position;
    }
    const stamp = await this.court.stamp();
    const title = `${this.court.courtName}审计历史（${this.scopeTitle(scope)}）`;
    const files = buildBundle(
      {
        manifest: {
          courtName: this.court.courtName,
          exportedAt: stamp.exportedAt.toISOString(),
          exportedBy: {
            userId: user.userId,
            name: this.directory.user(user.userId)?.displayName ?? null,
            role: user.role,
          },
          scope: {
            campaignId: scope.campaignId,
            measureId: scope.measureId,
            from: scope.fromText,
            to: scope.toText,
          },
        },
        events,
        auditStream: await this.store.readStream(streams.audit()),
        history: await historyWorkbook(
          title,
          events.map((e) => this.historyRow(e)),
          stamp,
        ),
        readme: BUNDLE_README(this.court.courtName, exportTime(stamp), this.key.keyId),
      },
      this.key,
    );
    const day = this.calendar.today();
    const name = `审计导出-${this.scopeTitle(scope)}-${day}.zip`;
    response.setHeader('Content-Type', 'application/zip');
    response.setHeader(
      'Content-Disposition',
      `attachment; filename="audit-${day}.zip"; filename*=UTF-8''${encodeURIComponent(name)}`,
    );
    return new StreamableFile(zipFiles(files, this.clock.now()));
  }

  private parseScope(query: Record<string, unknown>) {
    const { campaignId, measureId, ...dates } = query;
    const problems: FieldProblem[] = [];
    const id = (field: string, value: unknown): string | null => {
      if (value === undefined) return null;
      if (typeof value === 'string' && ID.test(value)) return value;
      problems.push({
        field,
        rule: 'isId',
        messages: {
          zh: `${field} 须为一个ID（1到64个字母、数字、-或_）`,
          en: 'must be one id of 1 to 64 letters, digits, - or _',
        },
      });
      return null;
    };
    const scope = { campaignId: id('campaignId', campaignId), measureId: id('measureId', measureId) };
    if (scope.campaignId !== null && scope.measureId !== null)
      problems.push({
        field: 'measureId',
        rule: 'oneScope',
        messages: {
          zh: 'campaignId 和 measureId 只能填写一个',
          en: 'give campaignId or measureId, not both',
        },
      });
    if (scope.campaignId !== null && !this.catalogue.campaign(scope.campaignId))
      problems.push({
        field: 'campaignId',
        rule: 'exists',
        messages: { zh: '整改专项不存在', en: 'no such campaign' },
      });
    if (scope.measureId !== null && !this.catalogue.measure(scope.measureId))
      problems.push({
        field: 'measureId',
        rule: 'exists',
        messages: { zh: '整改措施不存在', en: 'no such measure' },
      });
    // The audit feed's own reading of from/to (and its refusal of anything else in the query).
    let filter: ReturnType<typeof parseAuditQuery>['filter'] = {};
    try {
      filter = parseAuditQuery(dates, this.calendar).filter;
    } catch (error) {
      if (!(error instanceof RequestValidationError)) throw error;
      problems.push(...error.problems);
    }
    if (problems.length > 0) throw new RequestValidationError(problems);
    const text = (v: unknown) => (typeof v === 'string' ? v : null);
    return {
      ...scope,
      fromMs: filter.fromMs,
      beforeMs: filter.beforeMs,
      fromText: text(dates.from),
      toText: text(dates.to),
    };
  }

  /**
   * The streams of the scope; null for the whole court, which leaves out the account directory:
   * its events hold password hashes, which no export carries.
   */
  private streamsOf(scope: { campaignId: string | null; measureId: string | null }): Set<string> | null {
    if (scope.measureId !== null) return new Set([streams.measure(scope.measureId)]);
    if (scope.campaignId === null) return null;
    const campaign = this.catalogue.campaign(scope.campaignId)!;
    const measures = this.catalogue.problemsOf(campaign).flatMap((p) => p.measureIds);
    return new Set([streams.campaign(campaign.id), ...measures.map((id) => streams.measure(id))]);
  }

  private selected(
    e: RecordedEvent,
    wanted: Set<string> | null,
    scope: { fromMs?: number; beforeMs?: number },
  ): boolean {
    if (wanted === null ? e.streamName === streams.directory() : !wanted.has(e.streamName)) return false;
    if (scope.fromMs === undefined && scope.beforeMs === undefined) return true;
    const at = Date.parse(e.metadata.recordedAt);
    return (
      (scope.fromMs === undefined || at >= scope.fromMs) &&
      (scope.beforeMs === undefined || at < scope.beforeMs)
    );
  }

  private scopeTitle(scope: { campaignId: string | null; measureId: string | null }): string {
    if (scope.campaignId !== null)
      return this.catalogue.campaign(scope.campaignId)?.title ?? scope.campaignId;
    if (scope.measureId !== null) return `措施${scope.measureId.slice(0, 8)}`;
    return '全院';
  }

  private historyRow(e: RecordedEvent): HistoryRow {
    const actor = e.metadata.actor;
    const name =
      actor?.role === 'system'
        ? '系统'
        : (this.directory.user(actor?.userId ?? '')?.displayName ?? actor?.userId ?? '—');
    return {
      time: exportTime({
        exportedAt: new Date(e.metadata.recordedAt),
        timeZone: this.calendar.timeZone,
        courtName: '',
        anchor: null,
      }),
      streamName: e.streamName,
      revision: e.revision.toString(),
      event: EVENT_LABELS[e.type as TrackerEventType] ?? e.type,
      type: e.type,
      actor: name,
      content: JSON.stringify(e.data),
      hash: e.hash,
    };
  }
}
