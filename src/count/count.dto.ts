import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { INVALID_REASONS, InvalidReason, PaperKind } from 'src/count/paper-content';

const MAX_ENVELOPES = 1_000_000;

export class CreateBatchDto {
  @ApiProperty({ example: 'D2-A01..A03', description: 'The trays in this batch, as written on them' })
  @IsString()
  @Matches(/\S/, { message: 'label must not be blank' })
  @MaxLength(100)
  label!: string;

  @ApiPropertyOptional({ description: 'Envelopes opened in this batch; may be given or corrected later, until the batch is closed' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_ENVELOPES)
  envelopesOpened?: number;

  @ApiPropertyOptional({ default: false, description: 'Every paper keyed twice by two different operators' })
  @IsOptional()
  @IsBoolean()
  doubleKeying?: boolean;
}

export class UpdateBatchDto {
  @ApiProperty() @IsInt() @Min(0) @Max(MAX_ENVELOPES) envelopesOpened!: number;
}

export class CloseBatchDto {
  @ApiPropertyOptional({ description: 'Supervisor only: why the batch is closed although it does not reconcile' })
  @IsOptional()
  @IsString()
  @Matches(/\S/, { message: 'mismatchReason must not be blank' })
  @MaxLength(1000)
  mismatchReason?: string;
}

/** What a paper says: exactly one of `choices`, `blank: true`, or `invalid: true` with `reason`. */
export class PaperContentDto {
  @ApiPropertyOptional({ description: 'Per question, one 0/1 per answer in the published order', example: [[0, 1, 0]] })
  @IsOptional()
  @IsArray()
  choices?: unknown[];

  @ApiPropertyOptional({ description: 'A paper with no mark at all' }) @IsOptional() @IsBoolean() blank?: boolean;

  @ApiPropertyOptional({ description: 'A paper that cannot be counted; give the reason' }) @IsOptional() @IsBoolean() invalid?: boolean;

  @ApiPropertyOptional({ enum: INVALID_REASONS }) @IsOptional() @IsIn(INVALID_REASONS) reason?: InvalidReason;
}

export class KeyedEntryDto extends PaperContentDto {
  @ApiPropertyOptional({
    example: 'ABCDEFG-HJKMNP0',
    description: 'The paper ID under the paper barcode; left out only for invalid: not_genuine, paper_missing_barcode, no_ballot_paper',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(40)
  paperId?: string;

  @ApiPropertyOptional({ description: 'Who keyed it, when several people share a station' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  keyedBy?: string;
}

export class ResolveEntriesDto extends PaperContentDto {
  @ApiPropertyOptional({ description: 'Record what this entry says' }) @IsOptional() @IsUUID() acceptEntry?: string;
  @ApiPropertyOptional({ description: 'Record nothing and free the paper ID (e.g. a mistyped paper ID)' }) @IsOptional() @IsBoolean() discard?: boolean;
}

export class BatchScanFiguresDto {
  @ApiProperty({ description: 'Pages of scans uploaded into this batch' }) pagesRead!: number;
  @ApiProperty({ description: 'Pages that became a record at once' }) recorded!: number;
  @ApiProperty({ description: 'Clean pages of multi-page papers waiting for the paper’s other pages' }) waitingForPages!: number;
  @ApiProperty({ description: 'Pages waiting for a count supervisor' }) inAdjudication!: number;
  @ApiProperty({ description: 'Pages a supervisor decided (recorded as they said)' }) decided!: number;
  @ApiProperty({ description: 'Pages a supervisor discarded (no record)' }) discarded!: number;
}

export class BatchDto {
  @ApiProperty() id!: string;
  @ApiProperty() label!: string;
  @ApiProperty({ enum: ['open', 'closed'] }) status!: string;
  @ApiProperty() doubleKeying!: boolean;
  @ApiProperty({ nullable: true, type: Number }) envelopesOpened!: number | null;
  @ApiProperty({ description: 'valid + blank + invalid' }) recorded!: number;
  @ApiProperty() valid!: number;
  @ApiProperty() blank!: number;
  @ApiProperty() invalid!: number;
  @ApiProperty({ description: 'Papers keyed once, waiting for the second operator' }) awaitingSecondEntry!: number;
  @ApiProperty({ description: 'Papers whose two entries disagree, waiting for a supervisor' }) disputed!: number;
  @ApiProperty({ description: 'envelopes opened = papers recorded' }) reconciled!: boolean;
  @ApiProperty({ type: BatchScanFiguresDto, description: 'Scanned pages of this batch by status (docs/SCANNING.md)' }) scan!: BatchScanFiguresDto;
  @ApiProperty({ nullable: true, type: String }) mismatchReason!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ nullable: true, type: String }) closedAt!: string | null;
}

export class EntryResultDto {
  @ApiProperty({ enum: ['recorded', 'awaiting_second_entry', 'disputed'] }) status!: 'recorded' | 'awaiting_second_entry' | 'disputed';
  @ApiProperty() batchId!: string;
  @ApiPropertyOptional({ description: 'The cast-vote record, once recorded' }) recordId?: string;
  @ApiPropertyOptional({ description: 'The paper’s group of double-keyed entries' }) groupId?: string;
  @ApiPropertyOptional({ enum: ['valid', 'blank', 'invalid'] }) kind?: PaperKind;
}

export class EntryDto {
  @ApiProperty() id!: string;
  @ApiProperty() round!: number;
  @ApiProperty() operatorId!: string;
  @ApiProperty({ nullable: true, type: String }) keyedBy!: string | null;
  @ApiProperty({ enum: ['valid', 'blank', 'invalid'] }) kind!: PaperKind;
  @ApiProperty({ nullable: true }) choices!: number[][] | null;
  @ApiProperty({ nullable: true, type: String }) reason!: string | null;
  @ApiProperty() status!: string;
}

export class EntryGroupDto {
  @ApiProperty() groupId!: string;
  @ApiProperty({ enum: ['pending', 'disputed'] }) status!: string;
  @ApiProperty({ type: [EntryDto] }) entries!: EntryDto[];
}

export class QuestionResultDto {
  @ApiProperty() question!: string;
  @ApiProperty() answers!: Array<{ answer: string; votes: number }>;
  @ApiProperty({ nullable: true, type: Number, description: 'Valid papers left blank on this question (where allowed)' }) blank!: number | null;
}

export class CountSummaryDto {
  @ApiProperty({ type: [BatchDto] }) batches!: BatchDto[];
  @ApiProperty({ description: 'envelopesReleased: accepted at intake for the count; envelopesNotOpened: released but in no batch yet' })
  totals!: {
    batches: number;
    open: number;
    envelopesReleased: number;
    envelopesOpened: number;
    envelopesNotOpened: number;
    recorded: number;
    valid: number;
    blank: number;
    invalid: number;
    reconciled: boolean;
  };
  @ApiProperty({ type: [QuestionResultDto], description: 'The postal result per answer, from the valid records' }) result!: QuestionResultDto[];
}
