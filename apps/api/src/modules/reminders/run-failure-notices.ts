import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { API_MESSAGES, type ApiMessageKey, msgIn } from '../../common/i18n/messages';
import { withoutIds } from '../../common/i18n/without-ids';
import { RunFailedListeners } from '../evaluations/run-failed-listeners';
import { RemindersRepository } from './reminders.repository';

/** A failed run's reason in both languages: a coded issue from the catalog, else the text as the run recorded it. */
function reasonOf(issue: { message?: string; code?: string; params?: Record<string, string | number | boolean> } | undefined): { zh: string; en: string } {
  if (!issue) return { zh: '未知原因', en: 'unknown reason' };
  if (issue.code && Object.hasOwn(API_MESSAGES, issue.code)) {
    const code = issue.code as ApiMessageKey;
    return { zh: withoutIds(msgIn('zh', code, issue.params ?? {})), en: withoutIds(msgIn('en', code, issue.params ?? {})) };
  }
  const text = withoutIds(issue.message ?? '');
  return { zh: text, en: text };
}

/**
 * A run started by hand that failed: whoever started it and the institution's admins hear it (in the failure's
 * transaction). Scheduled runs are left to the scheduler, which tells the admins itself.
 */
@Injectable()
export class RunFailureNotices implements OnModuleInit {
  constructor(
    @Inject(RunFailedListeners) private readonly failed: RunFailedListeners,
    @Inject(RemindersRepository) private readonly repository: RemindersRepository,
  ) {}

  onModuleInit(): void {
    this.failed.register(async (runId, tx) => {
      const run = await this.repository.failedRunToTell(runId, tx);
      if (!run) return;
      await this.repository.addRunFailed(run, reasonOf(run.errors.at(-1)), new Date(), tx);
    });
  }
}
