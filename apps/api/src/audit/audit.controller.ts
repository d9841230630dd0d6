import { Controller, DefaultValuePipe, Get, Inject, ParseIntPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import { EventStore, RecordedEvent, verifyAll } from '@tracker/event-store';
import { Roles } from '../auth/roles.decorator';
import { EVENT_STORE } from '@tracker/event-store';
import { RequestValidationError } from '@tracker/command-path';

const PAGE = 5_000;

/** 纪检监察: the full event feed and a proof that nothing in it was altered or removed. */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
@Roles('inspector')
export class AuditController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** Recomputes every stream's hash chain from the first event. */
  @Get('integrity')
  async integrity() {
    const events: RecordedEvent[] = [];
    let after: bigint | undefined;
    for (;;) {
      const page = await this.store.readAll({ after, maxCount: PAGE });
      events.push(...page);
      if (page.length < PAGE) break;
      after = page[page.length - 1].position;
    }
    const report = verifyAll(events);
    return {
      ok: report.failures.length === 0,
      streams: report.streams,
      events: report.events,
      failures: report.failures.map((f) => ({ ...f, revision: f.revision.toString() })),
      checkedThrough: events.length > 0 ? events[events.length - 1].position.toString() : null,
    };
  }

  /** Every event in recorded order, paged by global position. */
  @Get('events')
  @ApiQuery({ name: 'after', required: false, description: 'global position (exclusive)' })
  @ApiQuery({ name: 'limit', required: false })
  async events(
    @Query('after') after: string | undefined,
    @Query('limit', new DefaultValuePipe(200), ParseIntPipe) limit: number,
  ) {
    // Up to 39 digits: EventStoreDB positions are two 64-bit numbers packed into one (see esdb-position.ts).
    if (after !== undefined && !/^\d{1,39}$/.test(after)) {
      throw new RequestValidationError([
        {
          field: 'after',
          rule: 'isPosition',
          messages: {
            zh: 'after 须为事件位置（非负整数）',
            en: 'must be a global position (a non-negative integer)',
          },
        },
      ]);
    }
    if (limit < 1 || limit > 1000) {
      throw new RequestValidationError([
        {
          field: 'limit',
          rule: 'range',
          messages: { zh: 'limit 须在1到1000之间', en: 'must be between 1 and 1000' },
        },
      ]);
    }
    const page = await this.store.readAll({
      after: after === undefined ? undefined : BigInt(after),
      maxCount: limit,
    });
    return page.map((e) => ({
      position: e.position.toString(),
      streamName: e.streamName,
      revision: e.revision.toString(),
      eventId: e.eventId,
      type: e.type,
      schemaVersion: e.schemaVersion,
      data: e.type === 'UserRegistered' ? { ...(e.data as object), passwordHash: '[redacted]' } : e.data,
      metadata: e.metadata,
      hash: e.hash,
      previousHash: e.previousHash,
    }));
  }
}
