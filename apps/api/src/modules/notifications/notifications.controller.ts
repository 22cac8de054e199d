import { Controller, Get, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import { readerScopeOf } from '../../common/access/reader-scope';
import type { AuthUser, RequestContext } from '../../common/auth/auth-user';
import { Ctx, CurrentUser, Roles } from '../../common/auth/decorators';
import { contentRange, parseListQuery } from '../../common/http/list-query';
import { ApiZodResponse, zod } from '../../common/http/zod';
import { type InboxItemResponse, inboxFilterSchema, inboxItemResponseSchema, readAllResponseSchema, unreadCountResponseSchema } from './inbox.dto';
import { InboxService } from './inbox.service';
import { NOTIFICATION_SORTABLE, notificationFilterSchema, type NotificationResponse, notificationResponseSchema, toNotificationResponse } from './notifications.dto';
import { NotificationsRepository } from './notifications.repository';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(
    @Inject(NotificationsRepository) private readonly notifications: NotificationsRepository,
    @Inject(InboxService) private readonly inbox: InboxService,
  ) {}

  @Get('mine')
  @ApiZodResponse(200, z.array(inboxItemResponseSchema), 'the signed-in user’s own in-app items, unread first, then newest; title and body in the request’s language')
  async mine(@CurrentUser() user: AuthUser, @Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response): Promise<InboxItemResponse[]> {
    const listQuery = parseListQuery(query, { sortable: ['createdAt'], defaultSort: { field: 'createdAt', order: 'DESC' }, filter: inboxFilterSchema });
    const page = await this.inbox.mine(user, listQuery);
    res.setHeader('Content-Range', contentRange('notifications', listQuery.offset, page.items.length, page.total));
    return page.items;
  }

  @Get('mine/unread-count')
  @ApiZodResponse(200, unreadCountResponseSchema, 'how many of the signed-in user’s items are unread')
  async unreadCount(@CurrentUser() user: AuthUser): Promise<{ unread: number }> {
    return { unread: await this.inbox.unreadCount(user) };
  }

  @Post('read-all')
  @HttpCode(200)
  @ApiZodResponse(200, readAllResponseSchema, 'marks every unread item of the signed-in user read (audited with the number marked)')
  async readAll(@Ctx() ctx: RequestContext): Promise<{ marked: number }> {
    return { marked: await this.inbox.markAllRead(ctx) };
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiZodResponse(200, inboxItemResponseSchema, 'marks one of the signed-in user’s items read; 404 for anyone else’s')
  markRead(@Ctx() ctx: RequestContext, @Param('id', zod(z.uuid(), 'id')) id: string): Promise<InboxItemResponse> {
    return this.inbox.markRead(ctx, id);
  }

  @Get()
  @Roles('admin', 'quality_officer', 'manager')
  @ApiZodResponse(200, z.array(notificationResponseSchema), 'escalation notices, newest first by default; managers see those about their teams’ cases')
  async list(@CurrentUser() user: AuthUser, @Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response): Promise<NotificationResponse[]> {
    const listQuery = parseListQuery(query, { sortable: NOTIFICATION_SORTABLE, defaultSort: { field: 'createdAt', order: 'DESC' }, filter: notificationFilterSchema });
    const page = await this.notifications.list(readerScopeOf(user), listQuery);
    res.setHeader('Content-Range', contentRange('notifications', listQuery.offset, page.items.length, page.total));
    return page.items.map(toNotificationResponse);
  }
}
