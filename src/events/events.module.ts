import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EventChainHeadEntity, EventEntity } from 'src/events/event.entity';
import { EventLogRepository } from 'src/events/event-log.repository';
import { EventLogService } from 'src/events/event-log.service';

@Module({
  imports: [TypeOrmModule.forFeature([EventEntity, EventChainHeadEntity])],
  providers: [EventLogRepository, EventLogService],
  exports: [EventLogService],
})
export class EventsModule {}
