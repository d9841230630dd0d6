import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/public.decorator';
import { ReadModels } from '@tracker/read-models';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly readModels: ReadModels) {}

  /** Liveness and how far the read models have folded the feed; 503 once they stopped following it. */
  @Public()
  @Get()
  health() {
    const position = this.readModels.checkpoint?.toString() ?? null;
    if (this.readModels.failure) {
      throw new ServiceUnavailableException({
        code: 'read_models_stopped',
        messages: {
          zh: '读模型已停止更新，请查看日志并重启',
          en: `Read models stopped: ${this.readModels.failure}`,
        },
      });
    }
    return { status: 'ok', readModelPosition: position };
  }
}
