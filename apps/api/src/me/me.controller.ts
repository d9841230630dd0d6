import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  allowedMeasureActions,
  AssignedMeasure,
  attachmentsOf,
  daysBetween,
  nextDueDate,
  streams,
} from '@tracker/domain';
import { EventStore, RecordedEvent } from '@tracker/event-store';
import { unreadCount } from '../alerts/inbox';
import { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { AllowedBeforePasswordChange } from '../auth/password-change.guard';
import { Reads } from '../auth/roles.decorator';
import { etagOf } from '../http/etag';
import { CourtCalendar } from '@tracker/command-path';
import { EVENT_STORE } from '@tracker/event-store';
import { refuseQueryParameters } from '../http/no-query';
import { MeasurePresenter } from '../measures/measure.presenter';
import { MeasuresProjection } from '@tracker/read-models';
import { AlertsView } from '@tracker/read-models';
import { CatalogueView, MeasureRecord } from '@tracker/read-models';
import { DirectoryView } from '@tracker/read-models';
import { ApprovalKind, ApprovalsQueryDto, MyMeasuresQueryDto } from './me.dto';

/** The signed-in user's own pages: who I am, what waits for my decision, my department's measures. */
@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(
    private readonly catalogue: CatalogueView,
    private readonly directory: DirectoryView,
    private readonly alerts: AlertsView,
    private readonly calendar: CourtCalendar,
    private readonly measureLines: MeasuresProjection,
    private readonly presenter: MeasurePresenter,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Get()
  @AllowedBeforePasswordChange()
  @ApiOperation({ summary: '当前用户：身份、部门，以及未读提醒数（GET /me/alerts 中未确认的条数）' })
  me(@Query() query: Record<string, unknown>, @CurrentUser() user: AuthenticatedUser) {
    refuseQueryParameters(query);
    return {
      id: user.userId,
      username: user.username,
      displayName: user.displayName,
      role: user.role,
      departmentId: user.departmentId,
      departmentName: user.departmentId ? (this.directory.department(user.departmentId)?.name ?? null) : null,
      secretary: user.secretary,
      mustChangePassword: user.mustChangePassword,
      unreadAlerts: unreadCount(this.alerts, user),
    };
  }

  /**
   * 审批: extension requests awaiting a decision and completions awaiting sign-off, of the measures
   * this leader may decide (the secretary: all), longest waiting first. Which measures qualify is
   * asked of allowedMeasureActions, so an item here is one the decision routes accept.
   */
  @Get('approvals')
  @Reads('approvals')
  @ApiOperation({ summary: '待我审批：延期申请与提交完成（责任领导；党组书记为全部）' })
  async approvals(@Query() query: ApprovalsQueryDto, @CurrentUser() user: AuthenticatedUser) {
    const today = this.calendar.today();
    const items: Approval[] = [];
    for (const record of this.measures(query.campaignId)) {
      const allowedActions = allowedMeasureActions(record.state, user, today);
      const kind: ApprovalKind | null = allowedActions.includes('rejectExtension')
        ? 'extension'
        : allowedActions.includes('signOff')
          ? 'completion'
          : null;
      if (kind === null || (query.kind !== undefined && query.kind !== kind)) continue;
      const events = (await this.store.readStream(streams.measure(record.state.measureId))).filter(
        (e) => e.revision <= record.revision,
      );
      const measure = this.summary(record, allowedActions);
      const { state } = record;
      if (kind === 'extension' && state.pendingExtension) {
        const pending = state.pendingExtension;
        const asked = findLast(
          events,
          (e) => e.type === 'ExtensionRequested' && requestIdOf(e) === pending.requestId,
        );
        items.push({
          kind,
          measure,
          request: {
            requestId: pending.requestId,
            currentDueDate: state.dueDate,
            newDueDate: pending.newDueDate,
            reason: pending.reason,
            requestedBy: this.whoAndWhen(asked).by,
            requestedAt: this.whoAndWhen(asked).at,
          },
          submission: null,
        });
      } else if (kind === 'completion' && state.status === 'submitted') {
        const submitted = findLast(events, (e) => e.type === 'CompletionSubmitted');
        items.push({
          kind,
          measure,
          request: null,
          submission: {
            summary: state.submission.summary,
            evidence: state.submission.evidence,
            /** The files the submission cites (佐证材料), for the leader to open beside the decision. */
            attachments: (state.submission.attachmentIds ?? []).flatMap((id) => {
              const file = attachmentsOf(state).find((a) => a.attachmentId === id);
              return file
                ? [
                    {
                      id,
                      fileName: file.fileName,
                      mediaType: file.mediaType,
                      size: file.size,
                      sha256: file.sha256,
                      withdrawn: file.withdrawn,
                    },
                  ]
                : [];
            }),
            submittedBy: this.whoAndWhen(submitted).by,
            submittedAt: this.whoAndWhen(submitted).at,
          },
        });
      }
    }
    const waitingSince = (item: Approval) => item.request?.requestedAt ?? item.submission?.submittedAt ?? '';
    return items.sort((a, b) => waitingSince(a).localeCompare(waitingSince(b)));
  }

  /**
   * 我的待办: a department head's department's measures, a leader's own (those they are 责任领导
   * of), cancelled ones left out. Most urgent first: by the date the light reads (the deadline, or
   * a 长期坚持 measure's next report), so the longest overdue lead and the soonest due follow;
   * signed-off measures come last, latest sign-off first.
   */
  @Get('measures')
  @Reads('myMeasures')
  @ApiOperation({ summary: '我的待办：本部门（部门负责人）或本人负责（党组成员）的整改措施，按紧急程度排序' })
  mine(@Query() query: MyMeasuresQueryDto, @CurrentUser() user: AuthenticatedUser) {
    const today = this.calendar.today();
    const mine = (m: AssignedMeasure) =>
      user.role === 'department_head'
        ? m.departmentId === user.departmentId
        : m.responsibleLeaderId === user.userId;
    const rows = [];
    for (const record of this.measures(query.campaignId)) {
      const { state } = record;
      const line = this.measureLines.line(state.measureId);
      if (state.status === 'cancelled' || !mine(state) || line === undefined) continue;
      // The wall chart's light, read by the presenter as on every measure the API shows.
      const measure = this.presenter.present(state, record.revision, user);
      if (query.light !== undefined && measure.light !== query.light) continue;
      const due = state.status === 'signed_off' ? null : nextDueDate(line);
      rows.push({
        ...measure,
        etag: etagOf(record.revision),
        nextDueDate: due,
        // Negative when overdue (已逾期), null when nothing is due.
        daysLeft: due === null ? null : daysBetween(today, due),
      });
    }
    return rows.sort(byUrgency);
  }

  /** Every measure in the catalogue, or one campaign's; an unknown campaign filters to nothing. */
  private measures(campaignId: string | undefined): MeasureRecord[] {
    const campaigns =
      campaignId === undefined
        ? this.catalogue.listCampaigns()
        : [this.catalogue.campaign(campaignId)].filter((c) => c !== undefined);
    return campaigns.flatMap((c) =>
      this.catalogue.problemsOf(c).flatMap((p) => this.catalogue.measuresOf(p)),
    );
  }

  private summary({ state, revision }: MeasureRecord, allowedActions: string[]) {
    return {
      id: state.measureId,
      number: state.number,
      content: state.content,
      campaignId: state.campaignId,
      departmentId: state.departmentId,
      departmentName: this.directory.department(state.departmentId)?.name ?? null,
      responsibleLeaderId: state.responsibleLeaderId,
      responsibleLeaderName: this.directory.user(state.responsibleLeaderId)?.displayName ?? null,
      responsiblePerson: state.responsiblePerson,
      originalDueDate: state.originalDueDate,
      dueDate: state.dueDate,
      status: state.status,
      revision: revision.toString(),
      etag: etagOf(revision),
      allowedActions,
    };
  }

  /** Who recorded the event and when: the request or submission itself does not say. */
  private whoAndWhen(event: RecordedEvent | undefined): { by: WhoAndWhen; at: string | null } {
    const userId = event?.metadata.actor.userId ?? null;
    const displayName = userId === null ? null : (this.directory.user(userId)?.displayName ?? null);
    return { by: { userId, displayName }, at: event?.metadata.recordedAt ?? null };
  }
}

interface WhoAndWhen {
  userId: string | null;
  displayName: string | null;
}

interface Approval {
  kind: ApprovalKind;
  measure: ReturnType<MeController['summary']>;
  request: {
    requestId: string;
    currentDueDate: string | null;
    newDueDate: string;
    reason: string;
    requestedBy: WhoAndWhen;
    requestedAt: string | null;
  } | null;
  submission: {
    summary: string;
    evidence: string | null;
    attachments: {
      id: string;
      fileName: string;
      mediaType: string;
      size: number;
      sha256: string;
      withdrawn: boolean;
    }[];
    submittedBy: WhoAndWhen;
    submittedAt: string | null;
  } | null;
}

function findLast(events: RecordedEvent[], match: (e: RecordedEvent) => boolean): RecordedEvent | undefined {
  for (let i = events.length - 1; i >= 0; i--) if (match(events[i])) return events[i];
  return undefined;
}

function requestIdOf(event: RecordedEvent): unknown {
  const data = event.data;
  return typeof data === 'object' && data !== null && 'requestId' in data ? data.requestId : undefined;
}

type Row = {
  status: string;
  nextDueDate: string | null;
  number: string;
  signOff: { signedOffOn: string } | null;
};

/** Open measures by the date the light reads, undated after dated; signed off last, latest first. */
function byUrgency(a: Row, b: Row): number {
  const doneA = a.status === 'signed_off';
  const doneB = b.status === 'signed_off';
  if (doneA !== doneB) return doneA ? 1 : -1;
  if (doneA && doneB)
    return (b.signOff?.signedOffOn ?? '').localeCompare(a.signOff?.signedOffOn ?? '') || byNumber(a, b);
  if (a.nextDueDate !== b.nextDueDate) {
    if (a.nextDueDate === null) return 1;
    if (b.nextDueDate === null) return -1;
    return a.nextDueDate.localeCompare(b.nextDueDate);
  }
  return byNumber(a, b);
}

/** Measure numbers compare part by part: 1.2 before 1.10. */
function byNumber(a: { number: string }, b: { number: string }): number {
  return a.number.localeCompare(b.number, undefined, { numeric: true });
}
