import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../../common/auth/decorators';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { EVALUATION_QUEUE, type EvaluationQueue } from '../evaluations/evaluation-queue';
import { UsersRepository } from '../users/users.repository';

const NIL_UUID = '00000000-0000-0000-0000-000000000000';

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
    @Inject(UsersRepository) private readonly users: UsersRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(EVALUATION_QUEUE) private readonly evaluations: EvaluationQueue,
  ) {}

  @Public()
  @Get()
  async health(@Res({ passthrough: true }) res: Response): Promise<HealthReport> {
    const [databaseUp, queueUp] = await Promise.all([this.databaseUp(), this.evaluations.isUp()]);
    const database: HealthReport['database'] = databaseUp ? 'up' : 'down';
    const queue: HealthReport['queue'] = this.evaluations.kind === 'in-process' ? 'in-process' : queueUp ? 'up' : 'down';
    const status = databaseUp && queueUp ? 'ok' : 'degraded';
    if (status !== 'ok') res.status(503);
    return { status, mode: this.config.mode, database, queue };
  }

  /**
   * The database as a signed-in request meets it: the account lookup every such request runs first, as the same
   * named prepared statement on the same pool (a plain SELECT 1 kept answering while that statement failed).
   */
  private async databaseUp(): Promise<boolean> {
    try {
      await this.users.findSignedIn(NIL_UUID, NIL_UUID);
      return true;
    } catch {
      return false;
    }
  }
}
