import { Module } from '@nestjs/common';
import { TeamsModule } from '../teams/teams.module';
import { BindingsController } from './bindings.controller';
import { BindingsRepository } from './bindings.repository';
import { BindingsService } from './bindings.service';

/** Exports BindingsService: evaluation runs call `resolve(institutionId, period, teamId)`. */
@Module({ imports: [TeamsModule], controllers: [BindingsController], providers: [BindingsRepository, BindingsService], exports: [BindingsService] })
export class BindingsModule {}
