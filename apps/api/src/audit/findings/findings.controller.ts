import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CourtCalendar } from '@tracker/command-path';
import { decodeEvent, Finding, findingsOf, noteEvent, startFindings, STREAM_PREFIX } from '@tracker/domain';
import { EVENT_STORE, EventStore } from '@tracker/event-store';
import { APP_CONFIG, AppConfig } from '@tracker/platform';
import { CatalogueView, DirectoryView } from '@tracker/read-models';
import { Reads } from '../../auth/roles.decorator';
import { refuseQueryParameters } from '../../http/no-query';
import { RecordsRead } from '../access-log/records-read.decorator';

const PAGE = 5_000;
/** Every stream but the access log: the findings are about what was written. */
const WRITTEN = [
  STREAM_PREFIX.measure,
  STREAM_PREFIX.campaign,
  STREAM_PREFIX.directory,
  STREAM_PREFIX.bulletin,
  STREAM_PREFIX.bulletinYear,
];

/**
 * 审计发现: the rules of libs/domain/src/findings over the whole feed, folded on each request (as
 * the integrity check reads it): always complete and current, at the cost of one read of the feed.
 */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class FindingsController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly calendar: CourtCalendar,
    private readonly catalogue: CatalogueView,
    private readonly directory: DirectoryView,
  ) {}

  @Get('findings')
  @Reads('audit')
  @RecordsRead('audit_findings')
  @ApiOkResponse({
    description:
      '`{ findings: [...], events, checkedThrough, settings }`; each finding `{rule, measureId, streamName, at, position, ...rule facts, measure: {number, content, campaignId} | null, names: {userId: displayName}}`, in the order they arose. ' +
      'rule: late_extension_approval, repeated_extensions, quick_same_department_sign_off, on_time_only_by_extension, night_decision, write_burst.',
  })
  async list(@Query() query: Record<string, unknown>) {
    refuseQueryParameters(query);
    const settings = { ...this.config.findings, timeZone: this.calendar.timeZone };
    const fold = startFindings(settings);
    let after: bigint | undefined;
    let events = 0;
    for (;;) {
      const page = await this.store.readFeed({ after, maxCount: PAGE, filter: { streamPrefixes: WRITTEN } });
      for (const e of page) {
        noteEvent(fold, {
          position: e.position.toString(),
          streamName: e.streamName,
          type: e.type,
          data: decodeEvent(e)?.data ?? e.data,
          actor: e.metadata.actor,
          recordedAt: e.metadata.recordedAt,
        });
      }
      events += page.length;
      if (page.length > 0) after = page[page.length - 1].position;
      if (page.length < PAGE) break;
    }
    return {
      findings: findingsOf(fold).map((f) => this.present(f)),
      events,
      checkedThrough: after?.toString() ?? null,
      settings,
    };
  }

  private present(finding: Finding) {
    const measure = finding.measureId ? this.catalogue.measure(finding.measureId)?.state : undefined;
    const people = [
      'approvedBy' in finding ? finding.approvedBy : null,
      'submittedBy' in finding ? finding.submittedBy : null,
      'signedOffBy' in finding ? finding.signedOffBy : null,
      'actorId' in finding ? finding.actorId : null,
    ].filter((id): id is string => id !== null);
    return {
      ...finding,
      measure: measure
        ? { number: measure.number, content: measure.content, campaignId: measure.campaignId }
        : null,
      departmentName:
        'departmentId' in finding ? (this.directory.department(finding.departmentId)?.name ?? null) : null,
      names: Object.fromEntries(people.map((id) => [id, this.directory.user(id)?.displayName ?? null])),
    };
  }
}
