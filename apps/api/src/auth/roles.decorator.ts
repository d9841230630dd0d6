import { CanActivate, ExecutionContext, ForbiddenException, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Readable, readScope, Role } from '@tracker/domain';
import { Request } from 'express';
import { AuthenticatedUser } from './authenticated-user';
import { ReadLog } from '../audit/access-log/read-log';
import { RECORDS_READ, RecordsReadOptions } from '../audit/access-log/records-read.decorator';

const ROLES_KEY = 'roles';
const READS_KEY = 'reads';

/** Restricts an account-administration route to some roles. Business writes are authorised by the domain. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/**
 * What a read route shows, looked up in the domain's read policy (READ_MATRIX): a role with no
 * scope on it gets 403. A scope limited to the own department is applied by the route itself.
 */
export const Reads = (what: Readable) => SetMetadata(READS_KEY, what);

const ROLE_NAMES: Record<Role, string> = {
  leader: '党组成员',
  department_head: '部门负责人',
  inspector: '纪检监察',
  admin: '系统管理员',
};

export const READABLE_NAMES: Record<Readable, string> = {
  board: '挂图作战',
  campaignList: '整改专项列表',
  directory: '部门和领导名单',
  campaign: '整改专项和措施',
  measureHistory: '措施的历史记录',
  attachments: '措施的佐证材料',
  ledger: '销号台账',
  summary: '整改统计',
  bulletins: '督办通报',
  alerts: '督办提醒',
  approvals: '待我审批',
  myMeasures: '我的待办',
  audit: '审计记录',
  accessLog: '访问日志',
  accounts: '账号管理',
  grants: '授权申请',
};

export const readForbidden = (what: Readable) =>
  new ForbiddenException({
    code: 'read_forbidden',
    messages: { zh: `无权查看${READABLE_NAMES[what]}`, en: `You may not read this (${what})` },
  });

@Injectable()
export class RolesGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly readLog: ReadLog,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const request = context.switchToHttp().getRequest<Request & { user?: AuthenticatedUser }>();
    const user = request.user;
    const reads = this.reflector.getAllAndOverride<Readable | undefined>(READS_KEY, targets);
    if (reads && user && readScope(user.role as Role, reads) === 'none') {
      // A refused read of something the access log covers is recorded too: an attempt is news.
      const recorded = this.reflector.getAllAndOverride<RecordsReadOptions | undefined>(
        RECORDS_READ,
        targets,
      );
      if (recorded) await this.readLog.record(recorded, request, { status: 403, code: 'read_forbidden' });
      throw readForbidden(reads);
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (!roles) return true;
    if (user && roles.includes(user.role as Role)) return true;
    throw new ForbiddenException({
      code: 'role_forbidden',
      messages: {
        zh: `此操作仅限${roles.map((r) => ROLE_NAMES[r]).join('、')}`,
        en: `Only these roles may do this: ${roles.join(', ')}`,
      },
    });
  }
}
