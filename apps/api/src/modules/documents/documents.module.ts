import { Module } from '@nestjs/common';
import { DocumentTemplates } from './document-templates';
import { DocumentsController } from './documents.controller';
import { DocumentsRepository } from './documents.repository';
import { DocumentsService } from './documents.service';
import { TemplatesController } from './templates.controller';

@Module({
  controllers: [DocumentsController, TemplatesController],
  providers: [DocumentsRepository, DocumentsService, DocumentTemplates],
  exports: [DocumentsRepository, DocumentsService],
})
export class DocumentsModule {}
