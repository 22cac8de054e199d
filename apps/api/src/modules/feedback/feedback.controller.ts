import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import { readerScopeOf } from '../../common/access/reader-scope';
import type { AuthUser, RequestContext } from '../../common/auth/auth-user';
import { Ctx, CurrentUser, Roles } from '../../common/auth/decorators';
import { notFound } from '../../common/errors/domain-error';
import { contentRange, parseListQuery } from '../../common/http/list-query';
import { ApiZodBody, ApiZodResponse, zod } from '../../common/http/zod';
import { FACTS_UPLOAD_MAX_BYTES, identifyUpload, type UploadedFileLike } from '../facts/fact-sheet';
import {
  FEEDBACK_MAX_ROWS,
  FEEDBACK_SORTABLE,
  feedbackBodySchema,
  feedbackFilterSchema,
  feedbackImportBodySchema,
  feedbackItemSchema,
  type FeedbackResponse,
  feedbackResponseSchema,
  type IngestFeedbackResponse,
  ingestFeedbackResponseSchema,
  toFeedbackResponse,
} from './feedback.dto';
import { FeedbackRepository } from './feedback.repository';
import { readFeedbackSheet, receivedFromJson, receivedFromSheet } from './feedback-sheet';
import { IngestFeedback } from './ingest-feedback.use-case';

const CHECKS =
  'All or nothing: every response is checked (a staff member of your institution by code, Likert 1–5 per dimension and/or NPS 0–10, an ISO date-time with offset) and any problem is a 422 naming it, with nothing stored. Each new response is checked against the triggers of your published workflow documents (facts likert = the lowest Likert answer, likert_mean, nps, channel, comment); a match opens a case. A response id received before is a duplicate and changes nothing.';


@ApiTags('feedback')
@ApiBearerAuth()
@Controller('feedback')
export class FeedbackController {
  constructor(
    @Inject(IngestFeedback) private readonly ingest: IngestFeedback,
    @Inject(FeedbackRepository) private readonly feedback: FeedbackRepository,
  ) {}

  @Post()
  @HttpCode(200)
  @Roles('admin', 'quality_officer')
  @ApiZodBody(z.union([feedbackItemSchema, z.array(feedbackItemSchema)]), `One survey response or a JSON array of them (at most ${FEEDBACK_MAX_ROWS}). ${CHECKS} Problems are reported as [<index>].<field>.`)
  @ApiZodResponse(200, ingestFeedbackResponseSchema, 'what was stored and the cases opened')
  add(@Ctx() ctx: RequestContext, @Body(zod(feedbackBodySchema)) body: z.infer<typeof feedbackBodySchema>): Promise<IngestFeedbackResponse> {
    const items = Array.isArray(body) ? body : [body];
    return this.ingest.execute(ctx, receivedFromJson(items), 'json');
  }

  @Post('import')
  @HttpCode(200)
  @Roles('admin', 'quality_officer')
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: FACTS_UPLOAD_MAX_BYTES, files: 1, fields: 0 } }))
  @ApiConsumes('multipart/form-data', 'text/csv', 'application/json')
  @ApiBody({
    description: `A CSV or XLSX (first worksheet) with the header responseId,staffCode[,customerRef][,channel][,nps][,comment][,respondedAt][,likert_<dimension>…]: one row per response, one column per Likert dimension (e.g. likert_attitude). Send it as a multipart field "file", as a text/csv body, or as JSON {"csv": "…"}. ${CHECKS} Problems are reported as rows[<spreadsheet row>].<column>.`,
    required: true,
    schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } },
  })
  @ApiZodResponse(200, ingestFeedbackResponseSchema, 'what was stored and the cases opened')
  async import(@Ctx() ctx: RequestContext, @UploadedFile() file: UploadedFileLike | undefined, @Body(zod(feedbackImportBodySchema)) body: z.infer<typeof feedbackImportBodySchema>): Promise<IngestFeedbackResponse> {
    const upload = identifyUpload(file, body);
    const sheet = await readFeedbackSheet(upload);
    return this.ingest.execute(ctx, receivedFromSheet(sheet), upload.format, upload.fileName);
  }

  @Get()
  @Roles('admin', 'quality_officer', 'manager')
  @ApiZodResponse(200, z.array(feedbackResponseSchema), 'survey responses (managers: about their teams), with the cases each opened')
  async list(@CurrentUser() user: AuthUser, @Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response): Promise<FeedbackResponse[]> {
    const listQuery = parseListQuery(query, { sortable: FEEDBACK_SORTABLE, defaultSort: { field: 'respondedAt', order: 'DESC' }, filter: feedbackFilterSchema });
    const page = await this.feedback.list(readerScopeOf(user), listQuery);
    res.setHeader('Content-Range', contentRange('feedback', listQuery.offset, page.items.length, page.total));
    return page.items.map(toFeedbackResponse);
  }

  @Get(':id')
  @Roles('admin', 'quality_officer', 'manager')
  @ApiZodResponse(200, feedbackResponseSchema)
  async get(@CurrentUser() user: AuthUser, @Param('id', zod(z.uuid(), 'id')) id: string): Promise<FeedbackResponse> {
    const view = await this.feedback.findVisible(readerScopeOf(user), id);
    if (!view) throw notFound('feedback', id);
    return toFeedbackResponse(view);
  }
}
