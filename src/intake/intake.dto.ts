import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { MAX_SCANNED_LENGTH } from 'src/intake/code-reader';
import { ENTRY_KINDS, EntryKind, Verdict, VERDICTS } from 'src/intake/intake.types';

export class OpenSessionDto {
  @ApiProperty({ example: 'D2', description: 'Short name of the desk or machine (1–8 letters or digits); its trays are named after it' })
  @Matches(/^[A-Z0-9]{1,8}$/, { message: 'station must be 1 to 8 capital letters or digits, like D2' })
  station!: string;

  @ApiPropertyOptional({ default: 200, description: 'Envelopes per tray before the next tray is started' })
  @IsOptional()
  @IsInt()
  @Min(10)
  @Max(2000)
  trayCapacity?: number;
}

export class ScanDto {
  @ApiProperty({ description: 'The client’s own id for this scan (a UUID is fine); resending it replays the answer' })
  @Matches(/^[A-Za-z0-9_-]{8,64}$/, { message: 'scanId must be 8 to 64 letters, digits, - or _' })
  scanId!: string;

  @ApiProperty()
  @IsUUID()
  sessionId!: string;

  @ApiProperty({ description: 'What the scanner sent or the person typed' })
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_SCANNED_LENGTH)
  code!: string;

  @ApiProperty({ enum: ENTRY_KINDS })
  @IsIn(ENTRY_KINDS)
  entry!: EntryKind;
}

export class UndoDto {
  @ApiProperty({ description: 'Why the scan is undone (kept in the log)' })
  @IsString()
  @Length(3, 300)
  reason!: string;
}

export class TrayPlaceDto {
  @ApiProperty() tray!: string;
  @ApiProperty() position!: number;
}

export class ScanResultDto {
  @ApiProperty() scanId!: string;
  @ApiProperty() sessionId!: string;
  @ApiProperty({ enum: VERDICTS }) verdict!: Verdict;
  @ApiProperty({ nullable: true, type: String }) reason!: string | null;
  @ApiProperty() message!: string;
  @ApiProperty() tray!: string;
  @ApiProperty() position!: number;
  @ApiProperty({ nullable: true, type: Number }) packSerial!: number | null;
  @ApiProperty({ nullable: true, description: 'For a duplicate: where the first return of this pack is' }) firstScan!: (TrayPlaceDto & { scannedAt: string }) | null;
  @ApiProperty() entry!: EntryKind;
  @ApiProperty() scannedAt!: string;
  @ApiProperty() replayed!: boolean;
  @ApiProperty() undone!: boolean;
  @ApiPropertyOptional() undoReason?: string;
}

export class SessionDto {
  @ApiProperty() id!: string;
  @ApiProperty() electionId!: string;
  @ApiProperty() station!: string;
  @ApiProperty() openedBy!: string;
  @ApiProperty() openedAt!: string;
  @ApiProperty({ nullable: true, type: String }) closedAt!: string | null;
  @ApiProperty() scans!: number;
}

export class SessionSummaryDto extends SessionDto {
  @ApiProperty() counts!: Record<Verdict | 'undone' | 'total', number>;
  @ApiProperty() trays!: Array<{ tray: string; verdict: Verdict; envelopes: number }>;
}
