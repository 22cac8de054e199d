import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { RunSucceededListeners } from '../evaluations/run-succeeded-listeners';
import { RemindersRepository } from './reminders.repository';

/** After each succeeded run, in its transaction: the reminders its scorecards matched go out (once per staff and period). */
@Injectable()
export class RunReminders implements OnModuleInit {
  constructor(
    @Inject(RunSucceededListeners) private readonly succeeded: RunSucceededListeners,
    @Inject(RemindersRepository) private readonly reminders: RemindersRepository,
  ) {}

  onModuleInit(): void {
    this.succeeded.register(async (run, tx) => {
      await this.reminders.sendForRun(run.id, new Date(), tx);
    });
  }
}
