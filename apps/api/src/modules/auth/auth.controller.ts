import { Body, Controller, Get, HttpCode, Inject, Ip, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser, RequestContext } from '../../common/auth/auth-user';
import { Ctx, CurrentUser, Public } from '../../common/auth/decorators';
import { ApiZodBody, ApiZodResponse, zod } from '../../common/http/zod';
import { type LoginRequest, loginRequestSchema, type LoginResponse, loginResponseSchema, type MeResponse, meResponseSchema, type UpdateLocale, updateLocaleSchema } from './auth.dto';
import { AuthService } from './auth.service';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(@Inject(AuthService) private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiZodBody(loginRequestSchema)
  @ApiZodResponse(200, loginResponseSchema, 'a JWT for the Authorization: Bearer header')
  @ApiResponse({ status: 429, description: 'too many failed sign-ins for this account or from this address; Retry-After says when to try again' })
  login(@Body(zod(loginRequestSchema)) body: LoginRequest, @Ip() ip: string): Promise<LoginResponse> {
    return this.auth.login(body, ip ?? null);
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiZodResponse(200, meResponseSchema)
  me(@CurrentUser() user: AuthUser): Promise<MeResponse> {
    return this.auth.me(user);
  }

  @Put('me/locale')
  @ApiBearerAuth()
  @ApiZodBody(updateLocaleSchema)
  @ApiZodResponse(200, meResponseSchema, 'saves the signed-in user’s language (zh or en): the console’s at the next sign-in, and their mail’s')
  updateLocale(@Ctx() ctx: RequestContext, @Body(zod(updateLocaleSchema)) body: UpdateLocale): Promise<MeResponse> {
    return this.auth.updateLocale(ctx, body.locale);
  }
}
