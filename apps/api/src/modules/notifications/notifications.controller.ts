import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import { readerScopeOf } from '../../common/access/reader-scope';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser, Roles } from '../../common/auth/decorators';
import { contentRange, parseListQuery } from '../../common/http/list-query';
import { ApiZodResponse } from '../../common/http/zod';
import { NOTIFICATION_SORTABLE, notificationFilterSchema, type NotificationResponse, notificationResponseSchema, toNotificationResponse } from './notifications.dto';
import { NotificationsRepository } from './notifications.repository';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(@Inject(NotificationsRepository) private readonly notifications: NotificationsRepository) {}

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
