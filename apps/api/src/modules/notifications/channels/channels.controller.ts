import { Body, Controller, Get, Inject, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import type { AuthUser, RequestContext } from '../../../common/auth/auth-user';
import { Ctx, CurrentUser, Roles } from '../../../common/auth/decorators';
import { contentRange, parseListQuery } from '../../../common/http/list-query';
import { ApiZodBody, ApiZodResponse, zod } from '../../../common/http/zod';
import {
  type ChannelSettingsResponse,
  channelSettingsResponseSchema,
  deliveryFilterSchema,
  type DeliveryResponse,
  deliveryResponseSchema,
  type PreferencesResponse,
  preferencesResponseSchema,
  type UpdateChannelSettings,
  type UpdatePreferences,
  updateChannelSettingsSchema,
  updatePreferencesSchema,
} from './channels.dto';
import { ChannelsService } from './channels.service';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class ChannelsController {
  constructor(@Inject(ChannelsService) private readonly channels: ChannelsService) {}

  @Get('preferences')
  @ApiZodResponse(200, preferencesResponseSchema, 'the signed-in user’s notification preferences: the kinds they muted per channel')
  preferences(@CurrentUser() user: AuthUser): Promise<PreferencesResponse> {
    return this.channels.preferences(user);
  }

  @Put('preferences')
  @ApiZodBody(updatePreferencesSchema)
  @ApiZodResponse(200, preferencesResponseSchema, 'replaces the signed-in user’s mutes (audited); the in-app copy of every kind always stays')
  updatePreferences(@Ctx() ctx: RequestContext, @Body(zod(updatePreferencesSchema)) body: UpdatePreferences): Promise<PreferencesResponse> {
    return this.channels.updatePreferences(ctx, body);
  }

  @Get('channels')
  @Roles('admin')
  @ApiZodResponse(200, channelSettingsResponseSchema, 'the institution’s channels: e-mail on or off, its group robot (address masked, secret never shown)')
  settings(@CurrentUser() user: AuthUser): Promise<ChannelSettingsResponse> {
    return this.channels.settings(user);
  }

  @Put('channels')
  @Roles('admin')
  @ApiZodBody(updateChannelSettingsSchema)
  @ApiZodResponse(200, channelSettingsResponseSchema, 'changes the institution’s channels (audited without the secret)')
  updateSettings(@Ctx() ctx: RequestContext, @Body(zod(updateChannelSettingsSchema)) body: UpdateChannelSettings): Promise<ChannelSettingsResponse> {
    return this.channels.updateSettings(ctx, body);
  }

  @Get('deliveries')
  @Roles('admin')
  @ApiZodResponse(200, z.array(deliveryResponseSchema), 'the institution’s deliveries over e-mail and its group robot, newest first, with status and reason')
  async deliveries(@CurrentUser() user: AuthUser, @Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response): Promise<DeliveryResponse[]> {
    const listQuery = parseListQuery(query, { sortable: ['createdAt'], defaultSort: { field: 'createdAt', order: 'DESC' }, filter: deliveryFilterSchema });
    const page = await this.channels.deliveries(user, listQuery);
    res.setHeader('Content-Range', contentRange('deliveries', listQuery.offset, page.items.length, page.total));
    return page.items;
  }
}
