import { Global, Module } from '@nestjs/common';
import { InstitutionsRepository } from './institutions.repository';

@Global()
@Module({ providers: [InstitutionsRepository], exports: [InstitutionsRepository] })
export class InstitutionsModule {}
