import { Body, Controller, Delete, Get, Headers, HttpCode, Inject, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import type { AuthUser, RequestContext } from '../../common/auth/auth-user';
import { Ctx, CurrentUser, Roles } from '../../common/auth/decorators';
import { contentRange, parseListQuery } from '../../common/http/list-query';
import { ApiZodBody, ApiZodResponse, UpdateBody, zod } from '../../common/http/zod';
import {
  type CreateDocumentRequest,
  createDocumentBodySchema,
  createDocumentSchema,
  DOCUMENT_SORT_COLUMNS,
  type DiffQuery,
  diffQuerySchema,
  diffResponseSchema,
  type DiffResponse,
  type DocumentDetailResponse,
  documentDetailResponseSchema,
  documentFilterSchema,
  type DocumentResponse,
  documentResponseSchema,
  type DocumentView,
  expectedRevision,
  type PreviewRequest,
  previewBodySchema,
  type PreviewResponse,
  previewResponseSchema,
  revisionBodySchema,
  type RollbackRequest,
  rollbackBodySchema,
  toDiffResponse,
  toDocumentDetailResponse,
  toDocumentListResponse,
  toVersionDetailResponse,
  toVersionResponse,
  type UpdateDocumentRequest,
  updateDocumentBodySchema,
  updateDocumentSchema,
  type ValidateDocumentRequest,
  validateDocumentBodySchema,
  validateDocumentSchema,
  type ValidationResponse,
  validationResponseSchema,
  type VersionDetailResponse,
  versionDetailResponseSchema,
  versionParamSchema,
  type VersionRef,
  versionRefParamSchema,
  type VersionResponse,
  versionResponseSchema,
} from './documents.dto';
import { ChangeRequestGate } from '../change-requests/change-request-gate';
import { type ChangeRequestResponse, changeRequestResponseSchema } from '../change-requests/change-requests.dto';
import { DocumentsService } from './documents.service';
import { ExpectedRevision } from './expected-revision.decorator';

const idParam = zod(z.uuid(), 'id');
const IF_MATCH = { name: 'If-Match', required: false, description: 'the revision you loaded, as the ETag ("3"); or send revision in the body' };

/** Rule documents (SPEC §1): drafts, validation, publish, retire, rollback, versions, diff, preview. */
@ApiTags('documents')
@ApiBearerAuth()
@Controller('documents')
export class DocumentsController {
  constructor(
    @Inject(DocumentsService) private readonly documents: DocumentsService,
    @Inject(ChangeRequestGate) private readonly approvals: ChangeRequestGate,
  ) {}

  @Get()
  @Roles('admin', 'quality_officer', 'manager')
  @ApiQuery({ name: 'filter', required: false, description: 'JSON: {q, kind, key, status, id}' })
  @ApiZodResponse(200, z.array(documentResponseSchema))
  async list(@CurrentUser() user: AuthUser, @Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response): Promise<DocumentResponse[]> {
    const listQuery = parseListQuery(query, { sortable: Object.keys(DOCUMENT_SORT_COLUMNS), defaultSort: { field: 'key', order: 'ASC' }, filter: documentFilterSchema });
    const page = await this.documents.list(user, listQuery);
    res.setHeader('Content-Range', contentRange('documents', listQuery.offset, page.items.length, page.total));
    return page.items.map(toDocumentListResponse);
  }

  @Post()
  @Roles('admin', 'quality_officer')
  @ApiZodBody(createDocumentBodySchema, 'content (object, or YAML/JSON text) or a template key; a raw text/yaml body is the content')
  @ApiZodResponse(201, documentDetailResponseSchema, 'the document with draft version 1')
  async create(@Ctx() ctx: RequestContext, @Body(zod(createDocumentSchema)) body: CreateDocumentRequest, @Res({ passthrough: true }) res: Response): Promise<DocumentDetailResponse> {
    return withETag(res, await this.documents.create(ctx, body));
  }

  @Post('validate')
  @HttpCode(200)
  @Roles('admin', 'quality_officer')
  @ApiZodBody(validateDocumentBodySchema)
  @ApiZodResponse(200, validationResponseSchema, 'valid; an invalid document is a 422 with every issue in details')
  validate(@Body(zod(validateDocumentSchema)) body: ValidateDocumentRequest): ValidationResponse {
    return this.documents.validate(body.content);
  }

  @Get(':id')
  @Roles('admin', 'quality_officer', 'manager')
  @ApiZodResponse(200, documentDetailResponseSchema)
  async get(@CurrentUser() user: AuthUser, @Param('id', idParam) id: string, @Res({ passthrough: true }) res: Response): Promise<DocumentDetailResponse> {
    return withETag(res, await this.documents.get(user, id));
  }

  @Put(':id')
  @Roles('admin', 'quality_officer')
  @ApiHeader(IF_MATCH)
  @ApiZodBody(updateDocumentBodySchema, 'edits the draft, or starts a new draft when the latest version is published or retired')
  @ApiZodResponse(200, documentDetailResponseSchema)
  async update(
    @Ctx() ctx: RequestContext,
    @Param('id', idParam) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @UpdateBody(updateDocumentSchema, documentDetailResponseSchema) body: UpdateDocumentRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<DocumentDetailResponse> {
    return withETag(res, await this.documents.update(ctx, id, expectedRevision(ifMatch, body.revision), body.content));
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('admin', 'quality_officer')
  @ApiHeader(IF_MATCH)
  @ApiZodBody(revisionBodySchema, 'only a document that was never published can be deleted')
  async remove(@Ctx() ctx: RequestContext, @Param('id', idParam) id: string, @ExpectedRevision() revision: number): Promise<void> {
    await this.documents.remove(ctx, id, revision);
  }

  @Delete(':id/draft')
  @Roles('admin', 'quality_officer')
  @ApiHeader(IF_MATCH)
  @ApiZodBody(revisionBodySchema)
  @ApiZodResponse(200, documentDetailResponseSchema, 'the document without its draft')
  async discardDraft(
    @Ctx() ctx: RequestContext,
    @Param('id', idParam) id: string,
    @ExpectedRevision() revision: number,
    @Res({ passthrough: true }) res: Response,
  ): Promise<DocumentDetailResponse> {
    return withETag(res, await this.documents.discardDraft(ctx, id, revision));
  }

  @Post(':id/publish')
  @HttpCode(200)
  @Roles('admin', 'quality_officer')
  @ApiHeader(IF_MATCH)
  @ApiZodBody(revisionBodySchema)
  @ApiZodResponse(200, documentDetailResponseSchema, 'the draft is now an immutable, content-hashed version')
  @ApiZodResponse(202, changeRequestResponseSchema, 'the institution requires approval: a change request was made instead')
  async publish(
    @Ctx() ctx: RequestContext,
    @Param('id', idParam) id: string,
    @ExpectedRevision() revision: number,
    @Res({ passthrough: true }) res: Response,
  ): Promise<DocumentDetailResponse | ChangeRequestResponse> {
    const requested = await this.approvals.documentPublish(ctx, id, revision, (tx) => this.documents.publishIn(ctx, id, revision, tx));
    if (requested) return accepted(res, requested);
    return withETag(res, await this.documents.publish(ctx, id, revision));
  }

  @Post(':id/rollback')
  @Roles('admin', 'quality_officer')
  @ApiHeader(IF_MATCH)
  @ApiZodBody(rollbackBodySchema, 'publishes a new version with the content of `version`')
  @ApiZodResponse(201, documentDetailResponseSchema)
  async rollback(
    @Ctx() ctx: RequestContext,
    @Param('id', idParam) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body(zod(rollbackBodySchema)) body: RollbackRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<DocumentDetailResponse> {
    return withETag(res, await this.documents.rollback(ctx, id, body.version, expectedRevision(ifMatch, body.revision)));
  }

  @Post(':id/preview')
  @HttpCode(200)
  @Roles('admin', 'quality_officer', 'manager')
  @ApiZodBody(previewBodySchema)
  @ApiZodResponse(200, previewResponseSchema, 'scorecards for the posted facts; nothing is stored')
  preview(@CurrentUser() user: AuthUser, @Param('id', idParam) id: string, @Body(zod(previewBodySchema)) body: PreviewRequest): Promise<PreviewResponse> {
    return this.documents.preview(user, id, body);
  }

  @Get(':id/diff')
  @Roles('admin', 'quality_officer', 'manager')
  @ApiQuery({ name: 'from', required: false, description: 'a version number or draft; default: the version before `to`' })
  @ApiQuery({ name: 'to', required: false, description: 'a version number or draft; default: the draft, else the latest version' })
  @ApiZodResponse(200, diffResponseSchema)
  async diff(@CurrentUser() user: AuthUser, @Param('id', idParam) id: string, @Query(zod(diffQuerySchema)) query: DiffQuery): Promise<DiffResponse> {
    const result = await this.documents.diff(user, id, query);
    return toDiffResponse(result.from, result.to, result.changes);
  }

  @Get(':id/versions')
  @Roles('admin', 'quality_officer', 'manager')
  @ApiZodResponse(200, z.array(versionResponseSchema), 'newest first, without content')
  async versions(@CurrentUser() user: AuthUser, @Param('id', idParam) id: string, @Res({ passthrough: true }) res: Response): Promise<VersionResponse[]> {
    const versions = await this.documents.versions(user, id);
    res.setHeader('Content-Range', contentRange('versions', 0, versions.length, versions.length));
    return versions.map(toVersionResponse);
  }

  @Get(':id/versions/:version')
  @Roles('admin', 'quality_officer', 'manager')
  @ApiZodResponse(200, versionDetailResponseSchema)
  async version(
    @CurrentUser() user: AuthUser,
    @Param('id', idParam) id: string,
    @Param('version', zod(versionRefParamSchema, 'version')) version: VersionRef,
  ): Promise<VersionDetailResponse> {
    return toVersionDetailResponse(await this.documents.version(user, id, version));
  }

  @Post(':id/versions/:version/retire')
  @HttpCode(200)
  @Roles('admin', 'quality_officer')
  @ApiHeader(IF_MATCH)
  @ApiZodBody(revisionBodySchema)
  @ApiZodResponse(200, documentDetailResponseSchema)
  async retire(
    @Ctx() ctx: RequestContext,
    @Param('id', idParam) id: string,
    @Param('version', zod(versionParamSchema, 'version')) version: number,
    @ExpectedRevision() revision: number,
    @Res({ passthrough: true }) res: Response,
  ): Promise<DocumentDetailResponse> {
    return withETag(res, await this.documents.retire(ctx, id, version, revision));
  }
}

/** 202 Accepted: the change waits for approval. */
function accepted(res: Response, request: ChangeRequestResponse): ChangeRequestResponse {
  res.status(202);
  return request;
}

/** Maps the document and sets `ETag: "<revision>"`, the value to send back as If-Match. */
function withETag(res: Response, view: DocumentView): DocumentDetailResponse {
  res.setHeader('ETag', `"${view.document.revision}"`);
  return toDocumentDetailResponse(view);
}
