import { Module } from '@nestjs/common';
import { HealthController } from 'src/platform/health/health.controller';
import { HealthService } from 'src/platform/health/health.service';

@Module({ controllers: [HealthController], providers: [HealthService] })
export class HealthModule {}
