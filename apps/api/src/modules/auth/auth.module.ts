import { Module } from '@nestjs/common';
import { AdjustableClock } from '../cases/clock';
import { UsersModule } from '../users/users.module';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { LOGIN_CLOCK, LoginThrottle } from './login-throttle';

@Module({
  imports: [UsersModule],
  controllers: [AuthController],
  providers: [AuthService, LoginThrottle, { provide: LOGIN_CLOCK, useFactory: () => new AdjustableClock() }],
})
export class AuthModule {}
