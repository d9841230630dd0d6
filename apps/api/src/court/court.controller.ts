import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/public.decorator';
import { refuseQueryParameters } from '../http/no-query';
import { CourtIdentity } from './court-identity';

/** Who the tracker belongs to: shown in the web header and on the sign-in page, so it needs no token. */
@ApiTags('court')
@Controller('court')
export class CourtController {
  constructor(private readonly court: CourtIdentity) {}

  @Public()
  @Get()
  @ApiOperation({ summary: '本院信息：法院名称（COURT_NAME）与督办通报发文单位（BULLETIN_ISSUER）' })
  get(@Query() query: Record<string, unknown>) {
    refuseQueryParameters(query);
    return { name: this.court.courtName, bulletinIssuer: this.court.bulletinIssuer };
  }
}
