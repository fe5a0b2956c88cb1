import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ScanPageEntity, ScanSettingsEntity } from 'src/scan/scan.entities';
import { ScanPagesRepository } from 'src/scan/scan-pages.repository';

/**
 * The scanned pages' table on its own, so the count's batch figures can read it without the
 * count depending on the scan service (which depends on the count).
 */
@Module({
  imports: [TypeOrmModule.forFeature([ScanPageEntity, ScanSettingsEntity])],
  providers: [ScanPagesRepository],
  exports: [ScanPagesRepository],
})
export class ScanPagesModule {}
