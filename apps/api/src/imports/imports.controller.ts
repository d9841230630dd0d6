import { Controller, Get, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { CommandMeta } from '@tracker/command-path';
import { writeImportTemplateXlsx } from '@tracker/documents';
import { campaignNotFound, forbidden, notFound } from '@tracker/domain';
import { planImport, readTable, UnreadableFileError } from '@tracker/importing';
import { APP_CONFIG, AppConfig, UPLOADS_FOLDER } from '@tracker/platform';
import { CatalogueView, DirectoryView } from '@tracker/read-models';
import { Request, Response } from 'express';
import { readFile } from 'node:fs/promises';
import { discardBody } from '../attachments/attachments.controller';
import { receiveUpload } from '../attachments/receive-upload';
import { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { Meta } from '../http/command-meta.decorator';
import { MalformedRequestError } from '../http/malformed-request';
import { ImportApplier } from './import-applier';
import { ImportStore, StoredImport } from './import-store';

const importsForbidden = () =>
  forbidden(
    'import.forbidden',
    '只有党组成员可以导入问题清单',
    'Only Party-group leaders may import a problem list',
  );
const importNotFound = () =>
  notFound('import.not_found', '导入记录不存在（请重新上传文件）', 'Import not found');

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * 导入: a court's existing problem list (Excel, CSV, a Word table) previewed cell by cell, then
 * applied as the ordinary commands. Leaders only; a preview records nothing.
 */
@ApiTags('imports')
@ApiBearerAuth()
@Controller()
export class ImportsController {
  constructor(
    private readonly catalogue: CatalogueView,
    private readonly directory: DirectoryView,
    private readonly store: ImportStore,
    private readonly applier: ImportApplier,
    @Inject(UPLOADS_FOLDER) private readonly uploads: string,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('imports/template.xlsx')
  @ApiProduces(XLSX)
  @ApiOkResponse({
    description: '导入模板: the ledger’s columns, with a sheet explaining how to fill them in',
  })
  async template(@CurrentUser() user: AuthenticatedUser, @Res() res: Response): Promise<void> {
    if (user.role !== 'leader') throw importsForbidden();
    res.setHeader('Content-Type', XLSX);
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="import-template.xlsx"; filename*=UTF-8''${encodeURIComponent('问题清单导入模板.xlsx')}`,
    );
    await writeImportTemplateXlsx(res);
  }

  @Post('campaigns/:id/imports')
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: {
        file: {
          type: 'string',
          format: 'binary',
          description: '.xlsx, .csv (UTF-8 or GB18030) or .docx (first table)',
        },
      },
    },
  })
  @ApiCreatedResponse({
    description:
      '`{importId, problems, measures, rows, columns, errors: [{row, column, message}], warnings}`; nothing recorded. 400 a file that is no table or empty, 403 not a leader.',
  })
  async preview(
    @Param('id') campaignId: string,
    @CurrentUser() user: AuthenticatedUser,
    @Meta() meta: CommandMeta,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    const campaign = this.catalogue.campaign(campaignId);
    try {
      if (user.role !== 'leader') throw importsForbidden();
      if (!campaign) throw campaignNotFound();
    } catch (refusal) {
      await discardBody(request, this.config.attachmentMaxBytes + 64 * 1024);
      throw refusal;
    }
    const upload = await receiveUpload(request, response, {
      folder: this.uploads,
      maxBytes: this.config.attachmentMaxBytes,
    });
    let bytes: Buffer;
    try {
      bytes = await readFile(upload.path);
    } finally {
      await upload.discard();
    }
    const users = this.directory.listUsers().filter((u) => !u.disabled && !u.awaitingGrant);
    const named = (list: { id: string; displayName: string }[]) =>
      list.map((u) => ({ id: u.id, name: u.displayName }));
    let plan;
    try {
      plan = planImport(await readTable(bytes), {
        issuedOn: campaign.issuedOn,
        leaders: named(users.filter((u) => u.role === 'leader')),
        others: named(users.filter((u) => u.role !== 'leader')),
        departments: this.directory
          .listDepartments()
          .filter((d) => !d.retired)
          .map((d) => ({ id: d.id, name: d.name })),
        defaultReportEveryDays: this.config.importReportEveryDays,
        immediateDays: this.config.importImmediateDays,
      });
    } catch (error) {
      if (error instanceof UnreadableFileError)
        throw new MalformedRequestError(400, error.code, 'file', error.code.replace('import.', ''), {
          zh: error.zh,
          en: error.en,
        });
      throw error;
    }
    plan.errors.push(...this.applier.ruleErrors(plan, meta));
    plan.errors.sort((a, b) => a.row - b.row);
    const stored = await this.store.save({
      campaignId,
      fileName: upload.fileName,
      previewedBy: user.userId,
      previewedAt: new Date().toISOString(),
      plan,
    });
    return this.present(stored, null);
  }

  @Get('imports/:importId')
  @ApiOkResponse({ description: 'The preview again, as it was answered, and who applied it if anyone has' })
  async get(@Param('importId') importId: string, @CurrentUser() user: AuthenticatedUser) {
    if (user.role !== 'leader') throw importsForbidden();
    const stored = await this.store.load(importId);
    if (!stored) throw importNotFound();
    return this.present(stored, await this.store.applyHolder(importId));
  }

  @Post('imports/:importId/apply')
  @HttpCode(200)
  @ApiOkResponse({
    description:
      '`{importId, campaignId, problems: [{row, id, number, title, created}], measures: [{row, id, number, content, created}], created: {problems, measures}}`. 422 while the preview has errors; applying again records nothing twice.',
  })
  async apply(
    @Param('importId') importId: string,
    @CurrentUser() user: AuthenticatedUser,
    @Meta() meta: CommandMeta,
  ) {
    if (user.role !== 'leader') throw importsForbidden();
    const stored = await this.store.load(importId);
    if (!stored) throw importNotFound();
    // Refused (422) before anyone holds the import: a preview with errors is fixed and re-uploaded.
    this.applier.check(stored, meta);
    const holder = await this.store.holderOf(importId, user.userId);
    ImportApplier.refuseOther(holder, user.userId, this.directory.user(holder)?.displayName ?? null);
    return this.applier.apply(stored, meta);
  }

  private present(stored: StoredImport, appliedBy: string | null) {
    const { plan } = stored;
    return {
      importId: stored.importId,
      campaignId: stored.campaignId,
      fileName: stored.fileName,
      format: plan.format,
      previewedAt: stored.previewedAt,
      headerRow: plan.headerRow,
      columns: plan.columns,
      problems: plan.problems,
      measures: plan.measures,
      rows: plan.rows,
      errors: plan.errors,
      warnings: plan.warnings,
      appliedBy:
        appliedBy === null
          ? null
          : { userId: appliedBy, displayName: this.directory.user(appliedBy)?.displayName ?? null },
    };
  }
}
