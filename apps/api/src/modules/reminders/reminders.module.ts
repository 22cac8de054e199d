import { Module } from '@nestjs/common';
import { EvaluationsModule } from '../evaluations/evaluations.module';
import { RemindersRepository } from './reminders.repository';
import { RunFailureNotices } from './run-failure-notices';
import { RunReminders } from './run-reminders';

/** What people hear after runs: a scheme's reminders (SPEC §6) after a succeeded run, a hand-started run's failure; through the inbox and its channels. */
@Module({ imports: [EvaluationsModule], providers: [RemindersRepository, RunReminders, RunFailureNotices] })
export class RemindersModule {}
