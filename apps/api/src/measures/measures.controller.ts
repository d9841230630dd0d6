import { Body, Controller, Get, HttpCode, Inject, NotFoundException, Param, Post, Res } from '@nestjs/common';
import { RecordsRead } from '../audit/access-log/records-read.decorator';
import { readForbidden, Reads } from '../auth/roles.decorator';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { EventStore } from '@tracker/event-store';
import { mayReadRecordOf, streams } from '@tracker/domain';
import { Response } from 'express';
import { CommandMeta } from '@tracker/command-path';
import { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { Meta } from '../http/command-meta.decorator';
import { setEtag } from '../http/etag';
import { EVENT_STORE } from '@tracker/event-store';
import { CatalogueView } from '@tracker/read-models';
import { DirectoryView } from '@tracker/read-models';
import { MeasureActionOutcome } from './act-on-measure.handler';
import { ActOnMeasure, AddMeasureCommand, MeasureAction } from './measure.commands';
import {
  AddMeasureDto,
  CompletionDto,
  OpinionDto,
  OutcomeDto,
  ReasonDto,
  LookBackDto,
  ReopenDto,
  ReportProgressDto,
  RequestExtensionDto,
  UrgeDto,
} from './measure.dto';
import { MeasurePresenter } from './measure.presenter';

const measureNotFound = () =>
  new NotFoundException({
    code: 'measure.not_found',
    messages: { zh: '整改措施不存在', en: 'Measure not found' },
  });

@ApiTags('measures')
@ApiBearerAuth()
@Controller()
export class MeasuresController {
  constructor(
    private readonly commands: CommandBus,
    private readonly catalogue: CatalogueView,
    private readonly directory: DirectoryView,
    private readonly presenter: MeasurePresenter,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Post('problems/:id/measures')
  async add(@Param('id') problemId: string, @Body() body: AddMeasureDto, @Meta() meta: CommandMeta) {
    const { id, number } = await this.commands.execute(
      new AddMeasureCommand(
        problemId,
        {
          content: body.content,
          target: body.target ?? null,
          kind: body.kind,
          responsibleLeaderId: body.responsibleLeaderId,
          departmentId: body.departmentId,
          responsiblePerson: body.responsiblePerson,
          dueDate: body.dueDate ?? null,
          reportEveryDays: body.reportEveryDays ?? null,
          milestones: (body.milestones ?? []).map((m) => ({ title: m.title, dueDate: m.dueDate })),
        },
        meta,
      ),
    );
    return { id, number };
  }

  @Get('measures/:id')
  @Reads('campaign')
  get(
    @Param('id') id: string,
    @CurrentUser() user: AuthenticatedUser,
    @Res({ passthrough: true }) response: Response,
  ) {
    const measure = this.catalogue.measure(id);
    if (!measure) throw measureNotFound();
    setEtag(response, measure.revision);
    return this.presenter.present(measure.state, measure.revision, user);
  }

  /** Every event of the measure, oldest first: what happened, when, and who did it. */
  @Get('measures/:id/history')
  @RecordsRead('measure_history', { id: 'measureId' })
  @Reads('measureHistory')
  async history(@Param('id') id: string, @CurrentUser() user: AuthenticatedUser) {
    const measure = this.catalogue.measure(id);
    // Another department's head may see the measure on the wall chart, not read its records.
    if (measure && !mayReadRecordOf(user, 'measureHistory', measure.state.departmentId))
      throw readForbidden('measureHistory');
    const events = await this.store.readStream(streams.measure(id));
    if (events.length === 0) throw measureNotFound();
    return events.map((e) => ({
      revision: e.revision.toString(),
      type: e.type,
      recordedAt: e.metadata.recordedAt,
      actor: {
        userId: e.metadata.actor.userId,
        role: e.metadata.actor.role,
        displayName: this.directory.user(e.metadata.actor.userId)?.displayName ?? null,
      },
      data: e.data,
      eventId: e.eventId,
      correlationId: e.metadata.correlationId,
      hash: e.hash,
    }));
  }

  @Post('measures/:id/progress')
  @HttpCode(200)
  progress(
    @Param('id') id: string,
    @Body() body: ReportProgressDto,
    @Meta() meta: CommandMeta,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.act(
      id,
      {
        type: 'ReportProgress',
        data: { note: body.note, percent: body.percent, attachmentIds: body.attachmentIds ?? [] },
      },
      meta,
      res,
    );
  }

  @Post('measures/:id/extension-requests')
  requestExtension(
    @Param('id') id: string,
    @Body() body: RequestExtensionDto,
    @Meta() meta: CommandMeta,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.act(
      id,
      { type: 'RequestExtension', data: { newDueDate: body.newDueDate, reason: body.reason } },
      meta,
      res,
    );
  }

  @Post('measures/:id/extension-requests/:requestId/approve')
  @HttpCode(200)
  approveExtension(
    @Param('id') id: string,
    @Param('requestId') requestId: string,
    @Body() body: OpinionDto,
    @Meta() meta: CommandMeta,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.act(
      id,
      { type: 'ApproveExtension', data: { requestId, opinion: body.opinion ?? null } },
      meta,
      res,
    );
  }

  @Post('measures/:id/extension-requests/:requestId/reject')
  @HttpCode(200)
  rejectExtension(
    @Param('id') id: string,
    @Param('requestId') requestId: string,
    @Body() body: ReasonDto,
    @Meta() meta: CommandMeta,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.act(id, { type: 'RejectExtension', data: { requestId, reason: body.reason } }, meta, res);
  }

  @Post('measures/:id/completion')
  @HttpCode(200)
  complete(
    @Param('id') id: string,
    @Body() body: CompletionDto,
    @Meta() meta: CommandMeta,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.act(
      id,
      {
        type: 'SubmitCompletion',
        data: {
          summary: body.summary,
          evidence: body.evidence ?? null,
          attachmentIds: body.attachmentIds ?? [],
        },
      },
      meta,
      res,
    );
  }

  @Post('measures/:id/sign-off')
  @HttpCode(200)
  signOff(
    @Param('id') id: string,
    @Body() body: OpinionDto,
    @Meta() meta: CommandMeta,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.act(id, { type: 'SignOff', data: { opinion: body.opinion ?? null } }, meta, res);
  }

  @Post('measures/:id/return')
  @HttpCode(200)
  returnMeasure(
    @Param('id') id: string,
    @Body() body: ReasonDto,
    @Meta() meta: CommandMeta,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.act(id, { type: 'ReturnMeasure', data: { reason: body.reason } }, meta, res);
  }

  @Post('measures/:id/reopen')
  @HttpCode(200)
  reopen(
    @Param('id') id: string,
    @Body() body: ReopenDto,
    @Meta() meta: CommandMeta,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.act(
      id,
      { type: 'ReopenMeasure', data: { reason: body.reason, newDueDate: body.newDueDate ?? null } },
      meta,
      res,
    );
  }

  @Post('measures/:id/cancel')
  @HttpCode(200)
  cancel(
    @Param('id') id: string,
    @Body() body: ReasonDto,
    @Meta() meta: CommandMeta,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.act(id, { type: 'CancelMeasure', data: { reason: body.reason } }, meta, res);
  }

  @Post('measures/:id/outcomes')
  recordOutcome(
    @Param('id') id: string,
    @Body() body: OutcomeDto,
    @Meta() meta: CommandMeta,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.act(id, { type: 'RecordOutcome', data: { title: body.title } }, meta, res);
  }

  /** 催办: the responsible leader or the secretary; an inbox entry for the department and a push. */
  @Post('measures/:id/urge')
  urge(
    @Param('id') id: string,
    @Body() body: UrgeDto,
    @Meta() meta: CommandMeta,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.act(id, { type: 'UrgeMeasure', data: { message: body.message } }, meta, res);
  }

  /**
   * 回头看 confirmed (确认未反弹) by the responsible leader or the secretary on a signed-off measure:
   * answers every look-back reminder due so far; a relapse is recorded with reopen instead.
   */
  @Post('measures/:id/look-back')
  lookBack(
    @Param('id') id: string,
    @Body() body: LookBackDto,
    @Meta() meta: CommandMeta,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.act(id, { type: 'ConfirmLookBack', data: { finding: body.finding } }, meta, res);
  }

  /** Answers with the measure as it now stands and its new ETag, plus any id the action created. */
  private async act(measureId: string, action: MeasureAction, meta: CommandMeta, response: Response) {
    const outcome: MeasureActionOutcome = await this.commands.execute(
      new ActOnMeasure(measureId, action, meta),
    );
    setEtag(response, outcome.revision);
    return {
      ...outcome.created,
      measure: this.presenter.present(outcome.state, outcome.revision, meta.actor),
    };
  }
}
