import { Controller, Get, NotFoundException, Param, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { Reads } from '../auth/roles.decorator';
import { BulletinRecord, BulletinsView } from '@tracker/read-models';
import { DirectoryView } from '@tracker/read-models';
import { bulletinWorkbook } from '@tracker/documents';

const notFound = () =>
  new NotFoundException({
    code: 'bulletin.not_found',
    messages: { zh: '督办通报不存在', en: 'Bulletin not found' },
  });

/** 督办通报: the stored periodic bulletins, as JSON or as a workbook to circulate. */
@ApiTags('bulletins')
@ApiBearerAuth()
@Controller('bulletins')
@Reads('bulletins')
export class BulletinsController {
  constructor(
    private readonly bulletins: BulletinsView,
    private readonly directory: DirectoryView,
  ) {}

  @Get()
  list() {
    return this.bulletins.list().map((b) => this.present(b));
  }

  @Get(':id.xlsx')
  async xlsx(@Param('id') id: string, @Res({ passthrough: true }) response: Response) {
    const bulletin = this.bulletins.get(id);
    if (!bulletin) throw notFound();
    response.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    response.setHeader('Content-Disposition', `attachment; filename="bulletin-${id}.xlsx"`);
    return new StreamableFile(await bulletinWorkbook(bulletin, (d) => this.departmentName(d)));
  }

  @Get(':id')
  get(@Param('id') id: string) {
    const bulletin = this.bulletins.get(id);
    if (!bulletin) throw notFound();
    return this.present(bulletin);
  }

  private departmentName(id: string): string {
    return this.directory.department(id)?.name ?? id;
  }

  private present(b: BulletinRecord) {
    return {
      id: b.bulletinId,
      periodStart: b.periodStart,
      asOf: b.asOf,
      issuedAt: b.issuedAt,
      lines: b.lines.map((l) => ({ ...l, departmentName: this.departmentName(l.departmentId) })),
    };
  }
}
