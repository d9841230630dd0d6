import { SetMetadata } from '@nestjs/common';
import { ReadKind, ReadResource } from '@tracker/domain';

export const RECORDS_READ = 'recordsRead';

/** The ids of a read, by where the route takes them: `{ id: 'measureId' }` names the `:id` path parameter. */
export type ReadResourceParams = Partial<Record<string, Exclude<keyof ReadResource, 'path'>>>;

export interface RecordsReadOptions {
  kind: ReadKind;
  params: ReadResourceParams;
}

/**
 * 查阅记录: the route shows something inspectors ask "who looked at this?" about. Each answer to
 * it, granted or refused, is appended to the day's access log by ReadLogInterceptor (and a
 * refusal by the read policy, which no interceptor sees, by RolesGuard). The query parameters
 * `campaignId`, `departmentId` and `measureId` are taken as ids too.
 */
export const RecordsRead = (kind: ReadKind, params: ReadResourceParams = {}) =>
  SetMetadata(RECORDS_READ, { kind, params } satisfies RecordsReadOptions);
