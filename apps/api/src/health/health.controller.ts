import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/public.decorator';
import { ReadModels } from '../read-models/read-models.service';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly readModels: ReadModels) {}

  /** Liveness and how far the read models have folded the feed. */
  @Public()
  @Get()
  health() {
    return { status: 'ok', readModelPosition: this.readModels.checkpoint?.toString() ?? null };
  }
}
