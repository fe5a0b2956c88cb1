import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsNumber, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { PaperContentDto } from 'src/count/count.dto';
import { type PaperContent, type PaperKind } from 'src/count/paper-content';
import { type AdjudicationReason, type BoxVerdict, type Orientation, type Point, type ReadFailure, type ScanThresholds } from 'src/scan/read';
import { type PageDecision, SCAN_PAGE_STATUSES, type ScanPageStatus } from 'src/scan/scan.entities';

export class ScanThresholdsDto {
  @ApiProperty({ description: 'Below this fill (0..1) a box is clearly empty', example: 0.05 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  emptyBelow!: number;

  @ApiProperty({ description: 'From this fill (0..1) a box is clearly marked; in between it goes to a person', example: 0.12 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  markedFrom!: number;
}

export class ScanSettingsDto extends ScanThresholdsDto {
  @ApiProperty({ description: 'True while no administrator has changed the defaults' }) isDefault!: boolean;
  @ApiProperty({ nullable: true, type: String }) updatedAt!: string | null;
}

export class ScanPageResultDto {
  @ApiProperty() pageId!: string;
  @ApiProperty({ description: '1-based page of the uploaded file' }) imagePage!: number;
  @ApiProperty({ enum: SCAN_PAGE_STATUSES }) status!: ScanPageStatus;
  @ApiProperty({ description: 'Why the page waits for a person (empty when recorded)' }) reasons!: AdjudicationReason[];
  @ApiProperty({ description: 'True when these exact bytes were uploaded before: nothing new was stored' }) duplicate!: boolean;
  @ApiPropertyOptional({ description: 'The cast-vote record, when the page was recorded' }) recordId?: string;
  @ApiPropertyOptional({ enum: ['valid', 'blank', 'invalid'] }) kind?: PaperKind;
}

export class ScanUploadResultDto {
  @ApiProperty({ type: [ScanPageResultDto] }) pages!: ScanPageResultDto[];
}

export class BoxReadingDto {
  @ApiProperty() question!: number;
  @ApiProperty({ nullable: true, type: Number, description: 'Answer index; null for the blank box' }) answer!: number | null;
  @ApiProperty({ description: 'The answer as printed' }) label!: string;
  @ApiProperty({ description: 'Ink in the box, 0..1' }) fill!: number;
  @ApiProperty({ description: 'Share of the box touched by any mark, however faint (pencil), 0..1' }) trace!: number;
  @ApiProperty({ enum: ['marked', 'empty', 'marginal'], description: 'Under the thresholds this page was read with' }) verdict!: BoxVerdict;
  @ApiProperty({ description: 'The box corners in image pixels' }) corners!: Point[];
}

export class ScanPageDto {
  @ApiProperty() pageId!: string;
  @ApiProperty() batchId!: string;
  @ApiProperty() imageSha256!: string;
  @ApiProperty() imagePage!: number;
  @ApiProperty() mime!: string;
  @ApiProperty({ nullable: true, type: Number }) ballotPage!: number | null;
  @ApiProperty({ enum: SCAN_PAGE_STATUSES }) status!: ScanPageStatus;
  @ApiProperty() reasons!: AdjudicationReason[];
  @ApiProperty({ type: ScanThresholdsDto }) thresholds!: ScanThresholds;
  @ApiProperty({ nullable: true, description: 'What the machine proposes to record' }) proposed!: PaperContent | null;
  @ApiProperty() reading!: { failure: ReadFailure | null; orientation: Orientation | null; residualMm: number | null };
  @ApiProperty({ type: [BoxReadingDto] }) boxes!: BoxReadingDto[];
  @ApiProperty({ nullable: true }) decision!: PageDecision | null;
  @ApiProperty({ nullable: true, type: String }) decidedBy!: string | null;
  @ApiProperty({ nullable: true, type: String }) decisionNote!: string | null;
  @ApiProperty({ nullable: true, type: String }) decidedAt!: string | null;
  @ApiProperty() links!: { self: string; image: string; decision: string };
}

export class AdjudicationQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID() batchId?: string;
  @ApiPropertyOptional({ enum: SCAN_PAGE_STATUSES, description: 'Default: adjudication and waiting_for_pages' })
  @IsOptional()
  @IsIn(SCAN_PAGE_STATUSES)
  status?: ScanPageStatus;
}

/** A supervisor's decision: the paper's content (as in keyed entry) or discard: true, always with a note. */
export class ScanDecisionDto extends PaperContentDto {
  @ApiPropertyOptional({ description: 'Record nothing for this page (e.g. a second scan of a paper already recorded)' })
  @IsOptional()
  @IsBoolean()
  discard?: boolean;

  @ApiProperty({ description: 'Why: what the adjudicator saw (3..500 characters)' })
  @IsString()
  @Matches(/\S/, { message: 'note must not be blank' })
  @MinLength(3)
  @MaxLength(500)
  note!: string;

  @ApiPropertyOptional({ description: 'The paper ID printed under the barcode, when the machine could not read it' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(40)
  paperId?: string;
}
