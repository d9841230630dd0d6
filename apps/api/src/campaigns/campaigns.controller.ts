import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import { Reads } from '../auth/roles.decorator';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { campaignNotFound } from '@tracker/domain';
import { Response } from 'express';
import { CommandMeta } from '@tracker/command-path';
import { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { Meta } from '../http/command-meta.decorator';
import { setEtag } from '../http/etag';
import { MeasurePresenter } from '../measures/measure.presenter';
import { CampaignRecord, CatalogueView } from '@tracker/read-models';
import { DirectoryView } from '@tracker/read-models';
import { LaunchCampaignCommand, RecordProblemCommand } from './campaign.commands';
import { LaunchCampaignDto, RecordProblemDto } from './campaign.dto';

@ApiTags('campaigns')
@ApiBearerAuth()
@Controller()
export class CampaignsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly catalogue: CatalogueView,
    private readonly directory: DirectoryView,
    private readonly presenter: MeasurePresenter,
  ) {}

  @Post('campaigns')
  async launch(
    @Body() body: LaunchCampaignDto,
    @Meta() meta: CommandMeta,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { id, revision } = await this.commands.execute(
      new LaunchCampaignCommand(
        {
          title: body.title,
          source: body.source,
          issuedOn: body.issuedOn,
          description: body.description ?? null,
        },
        meta,
      ),
    );
    setEtag(res, revision);
    return { id };
  }

  @Get('campaigns')
  @Reads('campaignList')
  list() {
    return this.catalogue.listCampaigns().map((c) => ({ ...this.header(c), counts: this.counts(c) }));
  }

  @Get('campaigns/:id')
  @Reads('campaign')
  get(
    @Param('id') id: string,
    @CurrentUser() user: AuthenticatedUser,
    @Res({ passthrough: true }) res: Response,
  ) {
    const campaign = this.catalogue.campaign(id);
    if (!campaign) throw campaignNotFound();
    setEtag(res, campaign.revision);
    return {
      ...this.header(campaign),
      counts: this.counts(campaign),
      problems: this.catalogue.problemsOf(campaign).map((p) => ({
        ...p,
        departments: p.departmentIds.map((d) => ({
          id: d,
          name: this.directory.department(d)?.name ?? null,
        })),
        measures: this.catalogue.measuresOf(p).map((m) => this.presenter.present(m.state, m.revision, user)),
      })),
    };
  }

  @Post('campaigns/:id/problems')
  async recordProblem(
    @Param('id') id: string,
    @Body() body: RecordProblemDto,
    @Meta() meta: CommandMeta,
    @Res({ passthrough: true }) res: Response,
  ) {
    const {
      id: problemId,
      number,
      revision,
    } = await this.commands.execute(
      new RecordProblemCommand(
        id,
        {
          title: body.title,
          description: body.description ?? null,
          category: body.category ?? null,
          rootCause: body.rootCause ?? null,
          departmentIds: body.departmentIds,
        },
        meta,
      ),
    );
    setEtag(res, revision);
    return { id: problemId, number };
  }

  private header(c: CampaignRecord) {
    return {
      id: c.id,
      title: c.title,
      source: c.source,
      issuedOn: c.issuedOn,
      description: c.description,
      launchedAt: c.launchedAt,
      launchedBy: c.launchedBy,
      revision: c.revision.toString(),
    };
  }

  /** The figures court reports quote: problems, measures, and how many are signed off. */
  private counts(c: CampaignRecord) {
    const problems = this.catalogue.problemsOf(c);
    const measures = problems.flatMap((p) => this.catalogue.measuresOf(p));
    return {
      problems: problems.length,
      measures: measures.length,
      signedOff: measures.filter((m) => m.state.status === 'signed_off').length,
      submitted: measures.filter((m) => m.state.status === 'submitted').length,
      cancelled: measures.filter((m) => m.state.status === 'cancelled').length,
    };
  }
}
