import { Module } from '@nestjs/common';
import { UsersModule } from '../users/users.module';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { LoginRateLimiter } from './login-rate-limiter';

@Module({ imports: [UsersModule], controllers: [AuthController], providers: [AuthService, LoginRateLimiter] })
export class AuthModule {}
