import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { CourtCalendar } from '@tracker/command-path';
import { attachmentsOf, ReadResource } from '@tracker/domain';
import { EVENT_STORE, EventStore, RecordedEvent } from '@tracker/event-store';
import { BulletinsView, CatalogueView, DirectoryView } from '@tracker/read-models';
import { bulletinIssueLabel } from '@tracker/documents';
import { Reads } from '../../auth/roles.decorator';
import { scanFeed, SCAN_BUDGET } from '../audit-feed';
import { ACCESS_KINDS, kindOf, parseAccessQuery } from './access-log.query';
import { RecordsRead } from './records-read.decorator';

/** 访问日志: who signed in (or failed to), and who read which sensitive record — for inspectors only. */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AccessLogController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly directory: DirectoryView,
    private readonly catalogue: CatalogueView,
    private readonly bulletins: BulletinsView,
    private readonly calendar: CourtCalendar,
  ) {}

  @Get('access')
  @Reads('accessLog')
  @RecordsRead('access_log')
  @ApiQuery({ name: 'actor', required: false, description: 'user id of whoever signed in or read' })
  @ApiQuery({
    name: 'kind',
    required: false,
    isArray: true,
    description: `repeat it or separate with commas: ${ACCESS_KINDS.join(', ')}`,
  })
  @ApiQuery({
    name: 'from',
    required: false,
    description: 'a date YYYY-MM-DD (court time) or an ISO date-time',
  })
  @ApiQuery({
    name: 'to',
    required: false,
    description: 'a date YYYY-MM-DD (the whole day) or an ISO date-time',
  })
  @ApiQuery({ name: 'after', required: false, description: 'X-Scanned-Through of the previous page' })
  @ApiQuery({ name: 'limit', required: false, description: 'entries per page, 1–1000 (default 200)' })
  @ApiOkResponse({
    description:
      'Oldest first: `{position, at, kind, type, who: {id, name, role, departmentName}, what: {...ids, path, measure: {number, content}, fileName, campaignTitle, bulletinLabel, departmentName}, address, outcome, status, code, username}`. ' +
      `Paged like GET /audit/events (X-Scanned-Through, X-Has-More; at most ${SCAN_BUDGET} events read per request).`,
  })
  async list(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) response: Response) {
    const page = await scanFeed(this.store, parseAccessQuery(query, this.calendar));
    if (page.scannedThrough !== undefined)
      response.setHeader('X-Scanned-Through', page.scannedThrough.toString());
    response.setHeader('X-Has-More', String(page.more));
    return page.events.map((e) => this.present(e));
  }

  private present(event: RecordedEvent) {
    const data = (event.data ?? {}) as Record<string, unknown>;
    const actor = event.metadata.actor;
    const user = this.directory.user(actor.userId);
    const departmentName = (id: string | null | undefined) =>
      id ? (this.directory.department(id)?.name ?? null) : null;
    const read = event.type === 'SensitiveRead';
    return {
      position: event.position.toString(),
      at: event.metadata.recordedAt,
      kind: kindOf(event),
      type: event.type,
      who: {
        id: actor.userId,
        // 匿名: a sign-in with an unknown username.
        name: actor.userId === 'anonymous' ? '匿名' : (user?.displayName ?? null),
        role: actor.role,
        departmentName: departmentName(user?.departmentId),
      },
      what: read ? this.resolve((data.resource ?? { path: '' }) as ReadResource) : null,
      address: typeof data.address === 'string' ? data.address : null,
      outcome: read
        ? data.outcome
        : event.type === 'SignedIn' || event.type === 'SignedOut'
          ? 'granted'
          : 'refused',
      status: read ? data.status : null,
      code: read ? data.code : typeof data.reason === 'string' ? data.reason : null,
      username: typeof data.username === 'string' ? data.username : null,
    };
  }

  /** The ids a read named, with the names that are cheap to find in the read models. */
  private resolve(resource: ReadResource) {
    const what: Record<string, unknown> = { ...resource };
    if (resource.attachmentId) {
      const owner = this.catalogue.measureOfAttachment(resource.attachmentId);
      const file = owner
        ? attachmentsOf(owner.state).find((a) => a.attachmentId === resource.attachmentId)
        : undefined;
      if (owner) what.measureId ??= owner.state.measureId;
      what.fileName = file?.fileName ?? null;
    }
    const measureId = typeof what.measureId === 'string' ? what.measureId : undefined;
    if (measureId) {
      const measure = this.catalogue.measure(measureId)?.state;
      what.measure = measure ? { number: measure.number, content: measure.content } : null;
    }
    if (resource.campaignId) what.campaignTitle = this.catalogue.campaign(resource.campaignId)?.title ?? null;
    if (resource.bulletinId) {
      const bulletin = this.bulletins.get(resource.bulletinId);
      what.bulletinLabel = bulletin ? bulletinIssueLabel(bulletin) : null;
    }
    if (resource.departmentId)
      what.departmentName = this.directory.department(resource.departmentId)?.name ?? null;
    return what;
  }
}
