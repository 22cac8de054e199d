import { Module } from '@nestjs/common';
import { AwardsController } from './awards.controller';
import { AwardsRepository } from './awards.repository';
import { AwardsService } from './awards.service';

/** Scheme awards (SPEC §6) as the team sees them: the honour roll. The awards themselves are in the scorecards' results. */
@Module({ controllers: [AwardsController], providers: [AwardsRepository, AwardsService] })
export class AwardsModule {}
