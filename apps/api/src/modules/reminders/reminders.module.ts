import { Module } from '@nestjs/common';
import { EvaluationsModule } from '../evaluations/evaluations.module';
import { RemindersRepository } from './reminders.repository';
import { RunReminders } from './run-reminders';

/** A scheme's reminders (SPEC §6), sent after succeeded runs through the inbox and its channels. */
@Module({ imports: [EvaluationsModule], providers: [RemindersRepository, RunReminders] })
export class RemindersModule {}
