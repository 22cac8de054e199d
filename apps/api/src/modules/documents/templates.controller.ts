import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Roles } from '../../common/auth/decorators';
import { ApiZodResponse } from '../../common/http/zod';
import { type TemplateResponse, templateResponseSchema, toTemplateResponse } from './documents.dto';
import { DocumentsService } from './documents.service';

/** The rule templates shipped in `rule-templates/` (SPEC §5); create a document from one with POST /documents {template}. */
@ApiTags('documents')
@ApiBearerAuth()
@Controller('templates')
export class TemplatesController {
  constructor(@Inject(DocumentsService) private readonly documents: DocumentsService) {}

  @Get()
  @Roles('admin', 'quality_officer', 'manager')
  @ApiZodResponse(200, z.array(templateResponseSchema))
  list(): TemplateResponse[] {
    return this.documents.templateList().map(toTemplateResponse);
  }
}
