import { Inject, Injectable } from '@nestjs/common';
import { Clock, CourtCalendar, JournalWriter, newId } from '@tracker/command-path';
import { ReadResource, SensitiveRead } from '@tracker/domain';
import { EVENT_STORE, EventStore } from '@tracker/event-store';
import { Request } from 'express';
import { AuthenticatedUser } from '../../auth/authenticated-user';
import { clientAddress } from '../../auth/sessions';
import { RecordsReadOptions } from './records-read.decorator';

/** Query parameters that name a record: kept in the read's resource. */
const QUERY_IDS = ['campaignId', 'departmentId', 'measureId'] as const;
/** Longest path kept: a query string is the caller's to make long. */
const PATH_MAX = 500;

const PENDING = Symbol('pendingRead');
type Pending = { record: (status: number) => Promise<void>; done: boolean };

/**
 * For a route that writes its own body (`@Res()`: a streamed workbook, a file's bytes): records
 * the read granted now, before the first byte, as a returned answer is. Without it the record
 * would follow the last byte, after the client may already have asked the access log.
 */
export async function recordReadBeforeBody(request: Request, status = 200): Promise<void> {
  const pending = (request as Request & { [PENDING]?: Pending })[PENDING];
  if (!pending || pending.done) return;
  pending.done = true;
  await pending.record(status);
}

/** Marks the request as a recorded read; true once `recordReadBeforeBody` has recorded it. */
export function awaitRead(request: Request, record: (status: number) => Promise<void>): () => boolean {
  const pending: Pending = { record, done: false };
  (request as Request & { [PENDING]?: Pending })[PENDING] = pending;
  return () => pending.done;
}

/** The answer a read got: its status, and the refusal's code. */
export interface ReadAnswer {
  status: number;
  code: string | null;
}

/**
 * Appends SensitiveRead to the court day's access log (`access-<day>`), hash-chained like every
 * stream. Its own JournalWriter has no read-your-writes hook: no read model folds a read, so the
 * request need not wait for them.
 */
@Injectable()
export class ReadLog {
  private readonly journal: JournalWriter;

  constructor(@Inject(EVENT_STORE) store: EventStore, clock: Clock, calendar: CourtCalendar) {
    this.journal = new JournalWriter(store, clock, calendar);
  }

  async record(
    options: RecordsReadOptions,
    request: Request & { user?: AuthenticatedUser },
    answer: ReadAnswer,
  ): Promise<void> {
    const user = request.user;
    // Without a signed-in user the JWT guard has answered 401 already; nobody read anything.
    if (!user) return;
    const event: SensitiveRead = {
      type: 'SensitiveRead',
      data: {
        kind: options.kind,
        resource: resourceOf(options, request),
        address: clientAddress(request),
        outcome: answer.status < 400 ? 'granted' : 'refused',
        status: answer.status,
        code: answer.status < 400 ? null : answer.code,
      },
    };
    await this.journal.record(event, { userId: user.userId, role: user.role }, `read-${newId()}`);
  }
}

function resourceOf(options: RecordsReadOptions, request: Request): ReadResource {
  const resource: ReadResource = { path: request.originalUrl.slice(0, PATH_MAX) };
  const params = (request.params ?? {}) as Record<string, unknown>;
  for (const [param, key] of Object.entries(options.params)) {
    const value = params[param];
    if (key && typeof value === 'string') resource[key] = value.slice(0, 200);
  }
  const query = (request.query ?? {}) as Record<string, unknown>;
  for (const key of QUERY_IDS) {
    const value = query[key];
    if (typeof value === 'string' && resource[key] === undefined) resource[key] = value.slice(0, 200);
  }
  return resource;
}
