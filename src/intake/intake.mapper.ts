import { ScanResultDto, SessionDto, SessionSummaryDto } from 'src/intake/intake.dto';
import { IntakeScanEntity, IntakeSessionEntity } from 'src/intake/intake.entities';
import { SessionSummary } from 'src/intake/intake.service';

export function toScanResult(s: IntakeScanEntity, replayed: boolean): ScanResultDto {
  return {
    scanId: s.scanId,
    sessionId: s.sessionId,
    verdict: s.verdict,
    reason: s.reason,
    message: s.message,
    tray: s.tray,
    position: s.position,
    packSerial: s.packSerial,
    firstScan: s.firstScan,
    entry: s.entry,
    scannedAt: s.scannedAt.toISOString(),
    replayed,
    undone: s.undoneAt !== null,
    ...(s.undoReason ? { undoReason: s.undoReason } : {}),
  };
}

export function toSessionDto(s: IntakeSessionEntity): SessionDto {
  return {
    id: s.id,
    electionId: s.electionId,
    station: s.station,
    openedBy: s.openedBy,
    openedAt: s.openedAt.toISOString(),
    closedAt: s.closedAt?.toISOString() ?? null,
    scans: s.scans,
  };
}

export function toSessionSummaryDto(s: SessionSummary): SessionSummaryDto {
  return { ...toSessionDto(s.session), counts: s.counts, trays: s.trays };
}
