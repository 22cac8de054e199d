import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser, Roles } from '../../common/auth/decorators';
import { contentRange, parseListQuery } from '../../common/http/list-query';
import { type AuditChainResponse, auditFilterSchema, type AuditEntryResponse, toAuditChainResponse, toAuditEntryResponse } from './audit.dto';
import { AuditService } from './audit.service';

@ApiTags('audit-log')
@ApiBearerAuth()
@Controller('audit-log')
export class AuditController {
  constructor(@Inject(AuditService) private readonly audit: AuditService) {}

  @Get()
  @Roles('admin')
  async list(@CurrentUser() user: AuthUser, @Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response): Promise<AuditEntryResponse[]> {
    const listQuery = parseListQuery(query, { sortable: ['id', 'createdAt', 'action', 'entityType', 'actorEmail'], defaultSort: { field: 'id', order: 'DESC' }, filter: auditFilterSchema });
    const page = await this.audit.list(user.institutionId, listQuery);
    res.setHeader('Content-Range', contentRange('audit-log', listQuery.offset, page.items.length, page.total));
    return page.items.map(toAuditEntryResponse);
  }

  /** Checks the institution's audit chain: every entry still has its hash, names its predecessor's, none is missing. */
  @Get('verify')
  @Roles('admin')
  async verify(@CurrentUser() user: AuthUser): Promise<AuditChainResponse> {
    return toAuditChainResponse(await this.audit.verifyChain(user.institutionId));
  }
}
