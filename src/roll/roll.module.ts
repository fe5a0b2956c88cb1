import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ElectionsModule } from 'src/elections/elections.module';
import { EventsModule } from 'src/events/events.module';
import { RollAmendmentEntity } from 'src/roll/roll-amendment.entity';
import { RollController } from 'src/roll/roll.controller';
import { RollImportEntity } from 'src/roll/roll-import.entity';
import { RollImportService } from 'src/roll/roll-import.service';
import { RollImportsRepository } from 'src/roll/roll-imports.repository';
import { RollIssueEntity } from 'src/roll/roll-issue.entity';
import { RollMemberEntity } from 'src/roll/roll-member.entity';
import { RollMembersRepository } from 'src/roll/roll-members.repository';
import { RollService } from 'src/roll/roll.service';

@Module({
  imports: [TypeOrmModule.forFeature([RollImportEntity, RollMemberEntity, RollIssueEntity, RollAmendmentEntity]), ElectionsModule, EventsModule],
  controllers: [RollController],
  providers: [RollImportsRepository, RollMembersRepository, RollImportService, RollService],
  exports: [RollService, RollImportService],
})
export class RollModule {}
