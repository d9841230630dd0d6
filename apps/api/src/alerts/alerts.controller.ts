import { Controller, Get, HttpCode, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Request, Response } from 'express';
import { AuthenticatedUser } from '../auth/authenticated-user';
import { Reads } from '../auth/roles.decorator';
import { CommandMeta } from '@tracker/command-path';
import { Meta } from '../http/command-meta.decorator';
import { setEtag } from '../http/etag';
import { AlertsView, CatalogueView, OpenAlert } from '@tracker/read-models';
import { APP_CONFIG, AppConfig } from '@tracker/platform';
import { DirectoryView } from '@tracker/read-models';
import { AcknowledgeAlertCommand } from './acknowledge-alert.handler';
import { AlertFiltersDto } from './alerts.dto';
import { inboxOf, openUrgingsFor } from './inbox';
import { openLookBacksFor } from './look-back-inbox';

/** 临期、逾期、督办 alerts: the open ones for supervision, and each recipient's inbox. */
@ApiTags('alerts')
@ApiBearerAuth()
@Controller()
export class AlertsController {
  constructor(
    private readonly alerts: AlertsView,
    private readonly directory: DirectoryView,
    private readonly commandBus: CommandBus,
    private readonly catalogue: CatalogueView,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Open alerts; a department head sees their own department's. */
  @Get('alerts')
  @Reads('alerts')
  list(@Query() query: AlertFiltersDto, @Req() request: Request & { user: AuthenticatedUser }) {
    const { user } = request;
    return this.alerts
      .open()
      .filter(
        ({ alert, measure }) =>
          (query.level === undefined || alert.level === query.level) &&
          (query.departmentId === undefined || measure.departmentId === query.departmentId) &&
          (query.leaderId === undefined || measure.responsibleLeaderId === query.leaderId) &&
          (query.campaignId === undefined || measure.campaignId === query.campaignId) &&
          (query.measureId === undefined || measure.measureId === query.measureId) &&
          (user.role !== 'department_head' || measure.departmentId === user.departmentId),
      )
      .map((a) => this.present(a));
  }

  /**
   * The court's supervision ladder (督办阶梯): every step, when it is reached, who it goes to and
   * whether it issues a notice. The court's rules, readable by everyone they apply to.
   */
  @Get('supervision-ladder')
  ladder() {
    return {
      steps: this.config.supervisionLadder.steps.map((step) => ({
        ...step,
        noticeTitle: step.notice ? step.noticeTitle : null,
      })),
    };
  }

  /** The open alerts addressed to me, each saying whether I have acknowledged it. */
  // One's own inbox, every role's (the administrator's stays empty): not a read of others' records.
  @Get('me/alerts')
  inbox(@Req() request: Request & { user: AuthenticatedUser }) {
    const { user } = request;
    return inboxOf(this.alerts, user).map((a) => ({
      ...this.present(a),
      acknowledged: a.alert.acknowledgedBy.includes(user.userId),
    }));
  }

  /** 催办 addressed to me (a department head): open until the department reports progress. */
  @Get('me/urgings')
  urgings(@Req() request: Request & { user: AuthenticatedUser }) {
    return openUrgingsFor(this.catalogue, request.user).map(({ urging, measure }) => ({
      measureId: measure.measureId,
      urgeId: urging.urgeId,
      message: urging.message,
      urgedOn: urging.urgedOn,
      urgedBy: urging.urgedBy,
      urgedByName: this.directory.user(urging.urgedBy)?.displayName ?? null,
      measureNumber: measure.number,
      content: measure.content,
      dueDate: measure.dueDate,
      departmentId: measure.departmentId,
      departmentName: this.directory.department(measure.departmentId)?.name ?? null,
    }));
  }

  /** 回头看 reminders addressed to me (a leader): open until a review is recorded or the measure reopened. */
  @Get('me/look-backs')
  lookBacks(@Req() request: Request & { user: AuthenticatedUser }) {
    return openLookBacksFor(this.catalogue, request.user).map(({ reminder, measure }) => ({
      measureId: measure.measureId,
      reviewId: reminder.reviewId,
      months: reminder.months,
      signedOffOn: reminder.signedOffOn,
      dueOn: reminder.dueOn,
      measureNumber: measure.number,
      content: measure.content,
      campaignId: measure.campaignId,
      departmentId: measure.departmentId,
      departmentName: this.directory.department(measure.departmentId)?.name ?? null,
      responsibleLeaderId: measure.responsibleLeaderId,
      responsibleLeaderName: this.directory.user(measure.responsibleLeaderId)?.displayName ?? null,
    }));
  }

  @Post('measures/:id/alerts/:alertId/acknowledge')
  @HttpCode(200)
  async acknowledge(
    @Param('id') measureId: string,
    @Param('alertId') alertId: string,
    @Meta() meta: CommandMeta,
    @Res({ passthrough: true }) response: Response,
  ) {
    const revision: bigint = await this.commandBus.execute(
      new AcknowledgeAlertCommand(measureId, alertId, meta),
    );
    setEtag(response, revision);
    return { measureId, alertId, acknowledged: true };
  }

  private present({ alert, measure, raisedAt }: OpenAlert) {
    return {
      measureId: measure.measureId,
      alertId: alert.alertId,
      level: alert.level,
      /** The step of the ladder reached, and who it went to. */
      stepId: alert.stepId,
      stepName: alert.stepName,
      recipients: alert.recipients,
      subject: alert.subject,
      milestoneId: alert.milestoneId,
      dueDate: alert.dueDate,
      deadlineVersion: alert.deadlineVersion,
      raisedAt,
      measureNumber: measure.number,
      content: measure.content,
      campaignId: measure.campaignId,
      departmentId: measure.departmentId,
      departmentName: this.directory.department(measure.departmentId)?.name ?? null,
      responsibleLeaderId: measure.responsibleLeaderId,
      responsibleLeaderName: this.directory.user(measure.responsibleLeaderId)?.displayName ?? null,
      responsiblePerson: measure.responsiblePerson,
    };
  }
}
