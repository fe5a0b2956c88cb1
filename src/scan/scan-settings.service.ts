import { Injectable } from '@nestjs/common';
import { COUNT_STREAM, staffIdOf } from 'src/count/count-guards';
import { ElectionsService } from 'src/elections/elections.service';
import { Actor } from 'src/events/actor';
import { EventLogService } from 'src/events/event-log.service';
import { Transactions } from 'src/platform/database/transactions';
import { commonError } from 'src/platform/errors/domain-error';
import { DEFAULT_THRESHOLDS, type ScanThresholds } from 'src/scan/read';
import { ScanSettingsDto } from 'src/scan/scan.dto';
import { ScanPagesRepository } from 'src/scan/scan-pages.repository';

/**
 * The fill thresholds of an election (docs/SCANNING.md): visible to everyone who reads the
 * count, set by an administrator. Each page keeps the thresholds it was read with, so a change
 * applies to pages read afterwards and never rewrites a reading.
 */
@Injectable()
export class ScanSettingsService {
  constructor(
    private readonly scans: ScanPagesRepository,
    private readonly elections: ElectionsService,
    private readonly events: EventLogService,
    private readonly tx: Transactions,
  ) {}

  async thresholds(electionId: string): Promise<ScanThresholds> {
    const row = await this.scans.findSettings(electionId);
    return row ? { emptyBelow: row.emptyBelow, markedFrom: row.markedFrom } : { ...DEFAULT_THRESHOLDS };
  }

  async get(electionId: string): Promise<ScanSettingsDto> {
    await this.elections.get(electionId);
    const row = await this.scans.findSettings(electionId);
    return row
      ? { emptyBelow: row.emptyBelow, markedFrom: row.markedFrom, isDefault: false, updatedAt: row.updatedAt.toISOString() }
      : { ...DEFAULT_THRESHOLDS, isDefault: true, updatedAt: null };
  }

  async set(electionId: string, t: ScanThresholds, actor: Actor): Promise<ScanSettingsDto> {
    await this.elections.get(electionId);
    if (!(t.emptyBelow < t.markedFrom)) {
      throw commonError('validation_failed', 'emptyBelow must be below markedFrom: between the two a mark goes to a person.', {
        fields: { markedFrom: ['must be greater than emptyBelow'] },
      });
    }
    const from = await this.thresholds(electionId);
    const updatedAt = new Date();
    await this.tx.run(async (m) => {
      await this.scans.saveSettings(m, { electionId, emptyBelow: t.emptyBelow, markedFrom: t.markedFrom, updatedBy: staffIdOf(actor), updatedAt });
      await this.events.append(m, { electionId, stream: COUNT_STREAM, type: 'count.scan_thresholds_set', actor, data: { from, to: t } });
    });
    return { emptyBelow: t.emptyBelow, markedFrom: t.markedFrom, isDefault: false, updatedAt: updatedAt.toISOString() };
  }
}
