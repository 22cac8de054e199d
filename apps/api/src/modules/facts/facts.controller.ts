import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Query, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import type { AuthUser, RequestContext } from '../../common/auth/auth-user';
import { Ctx, CurrentUser, Roles } from '../../common/auth/decorators';
import { contentRange, parseListQuery } from '../../common/http/list-query';
import { ApiZodBody, ApiZodResponse, zod } from '../../common/http/zod';
import { XLSX_UNPACK_LIMITS } from '../../common/xlsx/unpack-zip';
import { FACTS_UPLOAD_MAX_BYTES, identifyUpload, readSheet, type UploadedFileLike, XLSX_CONTENT_TYPE } from './fact-sheet';
import {
  FACT_SORTABLE,
  factFilterSchema,
  factIdSchema,
  type FactKey,
  type FactResponse,
  factResponseSchema,
  type FactRowRequest,
  factRowsSchema,
  importBodySchema,
  type IngestQuery,
  ingestQuerySchema,
  type IngestResponse,
  ingestResponseSchema,
  toFactResponse,
} from './facts.dto';
import { FactsService } from './facts.service';
import { IngestFacts } from './ingest-facts.use-case';

const PARTIAL = {
  name: 'partial',
  required: false,
  enum: ['true', 'false'],
  description: 'true: store the valid rows and return the problems of the others (200); default false: any problem → 422 and nothing is stored',
};
const ROW_CHECKS =
  'Each row is checked against the inputs declared by the scheme bound to its period for the staff member’s team: an active staff member of your institution, a period like 2026-03 or 2026-Q1 with a binding, declared inputs only, of the declared type (number or list of numbers), within the declared min/max. Inputs merge into those stored for the staff member and period; sending the same data twice changes nothing.';

@ApiTags('facts')
@ApiBearerAuth()
@Controller('facts')
export class FactsController {
  constructor(
    @Inject(FactsService) private readonly facts: FactsService,
    @Inject(IngestFacts) private readonly ingest: IngestFacts,
  ) {}

  @Get()
  @Roles('admin', 'quality_officer', 'manager')
  @ApiZodResponse(200, z.array(factResponseSchema), 'one item per staff member and period; managers see only the staff of the teams they manage')
  async list(@CurrentUser() user: AuthUser, @Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response): Promise<FactResponse[]> {
    const listQuery = parseListQuery(query, { sortable: FACT_SORTABLE, defaultSort: { field: 'period', order: 'DESC' }, filter: factFilterSchema });
    const page = await this.facts.list(user, listQuery);
    res.setHeader('Content-Range', contentRange('facts', listQuery.offset, page.items.length, page.total));
    return page.items.map(toFactResponse);
  }

  @Post()
  @HttpCode(200)
  @Roles('admin')
  @ApiQuery(PARTIAL)
  @ApiZodBody(factRowsSchema, `A JSON array of {staffCode, period, inputs}; list inputs take arrays, null leaves an input as stored. ${ROW_CHECKS} Problems are reported as [<index>].staffCode, [<index>].period or [<index>].inputs.<input>.`)
  @ApiZodResponse(200, ingestResponseSchema, 'facts upserted by staff member and period')
  add(@Ctx() ctx: RequestContext, @Query(zod(ingestQuerySchema)) query: IngestQuery, @Body(zod(factRowsSchema)) rows: FactRowRequest[]): Promise<IngestResponse> {
    return this.ingest.fromJson(ctx, rows, { partial: query.partial });
  }

  @Post('import')
  @HttpCode(200)
  @Roles('admin')
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: FACTS_UPLOAD_MAX_BYTES, files: 1, fields: 0 } }))
  @ApiQuery(PARTIAL)
  @ApiConsumes('multipart/form-data', 'text/csv', XLSX_CONTENT_TYPE, 'application/json')
  @ApiBody({
    description: `A CSV or XLSX (first worksheet) with the header staffCode,period,<input>…; list inputs as ;-separated numbers (12;30;45); an empty cell leaves the input as stored. Send it as a multipart field "file" (at most ${FACTS_UPLOAD_MAX_BYTES / 1024 / 1024} MB), as a text/csv or XLSX body, or as JSON {"csv": "…"}. An XLSX may unpack to at most ${XLSX_UNPACK_LIMITS.maxTotalBytes / 1024 / 1024} MB in ${XLSX_UNPACK_LIMITS.maxEntries} parts, none inflating more than ${XLSX_UNPACK_LIMITS.maxRatio} times (counted while unpacking, whatever its headers say): past that, 413. ${ROW_CHECKS} Problems are reported as rows[<spreadsheet row>].<column>.`,
    required: true,
    schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } },
  })
  @ApiZodResponse(200, ingestResponseSchema, 'facts upserted by staff member and period')
  async import(
    @Ctx() ctx: RequestContext,
    @Query(zod(ingestQuerySchema)) query: IngestQuery,
    @UploadedFile() file: UploadedFileLike | undefined,
    @Body(zod(importBodySchema)) body: z.infer<typeof importBodySchema>,
  ): Promise<IngestResponse> {
    const upload = identifyUpload(file, body);
    const sheet = await readSheet(upload);
    return this.ingest.fromSheet(ctx, sheet, { partial: query.partial, fileName: upload.fileName });
  }

  @Get(':id')
  @Roles('admin', 'quality_officer', 'manager')
  @ApiParam({ name: 'id', description: '<staffId>:<period>' })
  @ApiZodResponse(200, factResponseSchema)
  async get(@CurrentUser() user: AuthUser, @Param('id', zod(factIdSchema, 'id')) key: FactKey): Promise<FactResponse> {
    return toFactResponse(await this.facts.get(user, key));
  }

  @Delete(':id')
  @Roles('admin')
  @ApiParam({ name: 'id', description: '<staffId>:<period>' })
  @ApiZodResponse(200, factResponseSchema, 'the removed facts')
  async remove(@Ctx() ctx: RequestContext, @Param('id', zod(factIdSchema, 'id')) key: FactKey): Promise<FactResponse> {
    return toFactResponse(await this.facts.delete(ctx, key));
  }
}
