import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../../common/auth/decorators';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { DatabaseHealth } from '../../database/database-health';

interface HealthReport {
  status: 'ok' | 'degraded';
  mode: AppConfig['mode'];
  database: 'up' | 'down';
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(DatabaseHealth) private readonly database: DatabaseHealth,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Get()
  async health(@Res({ passthrough: true }) res: Response): Promise<HealthReport> {
    const database: HealthReport['database'] = (await this.database.isUp()) ? 'up' : 'down';
    const status = database === 'up' ? 'ok' : 'degraded';
    if (status !== 'ok') res.status(503);
    return { status, mode: this.config.mode, database };
  }
}
