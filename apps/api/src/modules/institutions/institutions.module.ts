import { Global, Module } from '@nestjs/common';
import { InstitutionSettingsController } from './institution-settings.controller';
import { InstitutionsRepository } from './institutions.repository';

@Global()
@Module({ controllers: [InstitutionSettingsController], providers: [InstitutionsRepository], exports: [InstitutionsRepository] })
export class InstitutionsModule {}
