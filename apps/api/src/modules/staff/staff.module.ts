import { Module } from '@nestjs/common';
import { TeamsModule } from '../teams/teams.module';
import { ImportStaff } from './import-staff.use-case';
import { StaffController } from './staff.controller';
import { StaffRepository } from './staff.repository';
import { StaffService } from './staff.service';

@Module({ imports: [TeamsModule], controllers: [StaffController], providers: [StaffRepository, StaffService, ImportStaff], exports: [StaffRepository] })
export class StaffModule {}
