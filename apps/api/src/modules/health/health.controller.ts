import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../../common/auth/decorators';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { DatabaseHealth } from '../../database/database-health';
import { EVALUATION_QUEUE, type EvaluationQueue } from '../evaluations/evaluation-queue';

interface HealthReport {
  status: 'ok' | 'degraded';
  mode: AppConfig['mode'];
  database: 'up' | 'down';
  /** in-process without REDIS_URL; otherwise whether Redis answers. */
  queue: 'in-process' | 'up' | 'down';
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(DatabaseHealth) private readonly database: DatabaseHealth,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(EVALUATION_QUEUE) private readonly evaluations: EvaluationQueue,
  ) {}

  @Public()
  @Get()
  async health(@Res({ passthrough: true }) res: Response): Promise<HealthReport> {
    const [databaseUp, queueUp] = await Promise.all([this.database.isUp(), this.evaluations.isUp()]);
    const database: HealthReport['database'] = databaseUp ? 'up' : 'down';
    const queue: HealthReport['queue'] = this.evaluations.kind === 'in-process' ? 'in-process' : queueUp ? 'up' : 'down';
    const status = databaseUp && queueUp ? 'ok' : 'degraded';
    if (status !== 'ok') res.status(503);
    return { status, mode: this.config.mode, database, queue };
  }
}
