import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessGuard } from 'src/auth/access.guard';
import { AuthController } from 'src/auth/auth.controller';
import { AuthService } from 'src/auth/auth.service';
import { LoginThrottleService } from 'src/auth/login-throttle.service';
import { StaffController } from 'src/auth/staff.controller';
import { LoginThrottleEntity, StaffEntity, StaffSessionEntity } from 'src/auth/staff.entity';
import { LoginThrottleRepository, SessionRepository, StaffRepository } from 'src/auth/staff.repository';
import { StaffService } from 'src/auth/staff.service';
import { EventsModule } from 'src/events/events.module';

@Module({
  imports: [TypeOrmModule.forFeature([StaffEntity, StaffSessionEntity, LoginThrottleEntity]), EventsModule],
  controllers: [AuthController, StaffController],
  providers: [
    StaffRepository,
    SessionRepository,
    LoginThrottleRepository,
    LoginThrottleService,
    StaffService,
    AuthService,
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
  // The counter repository serves the members' sign-in too (src/voter), with its own keys.
  exports: [StaffService, AuthService, LoginThrottleRepository],
})
export class AuthModule {}
