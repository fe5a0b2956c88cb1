import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';

export class GeneratePacksDto {
  @ApiPropertyOptional({ default: 'default', description: 'A folder under templates/' })
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9-]*$/)
  template?: string;

  @ApiPropertyOptional({ default: 'en', enum: ['en', 'fr'] })
  @IsOptional()
  @IsIn(['en', 'fr'])
  language?: string;
}

export class PrintProgressDto {
  @ApiProperty({ description: 'Printed packs in rendered batches' }) done!: number;
  @ApiProperty({ description: 'Printed packs in the run (e-mailed packs are in no batch)' }) total!: number;
  @ApiProperty() batches!: number;
  @ApiProperty() batchesDone!: number;
  @ApiProperty({ description: 'Since the first batch started, across every worker' }) packsPerSecond!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Seconds left at the current rate; null before the first batch is done' }) etaSeconds!: number | null;
  @ApiProperty({ description: 'Unrendered batches whose last run failed (retried up to 5 runs)' }) failures!: number;
  @ApiProperty({ description: 'The first of them, with the last error' }) failing!: Array<{ batch: number; attempts: number; error: string }>;
}

export class PacksStatusDto {
  @ApiProperty({ enum: ['not_started', 'queued', 'generating', 'generated', 'failed'] }) status!: string;
  @ApiPropertyOptional({ description: 'The job that stores the packs and queues one job per print batch' }) job?: { id: string; state: string; attemptsMade: number; progress?: Record<string, unknown>; error?: string };
  @ApiPropertyOptional({ type: PrintProgressDto }) progress?: PrintProgressDto;
  @ApiPropertyOptional() setup?: { electionCode: string; members: number; spares: number; batches: number; template: string; language: string; checksums: Record<string, string>; completedAt: string | null };
  @ApiProperty() counts!: Array<{ kind: string; status: string; delivery: string | null; packs: number }>;
  @ApiProperty({ description: 'E-mailed packs by delivery state (sent, undeliverable, failed)' }) emails!: Record<string, number>;
}

export class ReissueDto {
  @ApiProperty({ example: 'M0042' })
  @IsString()
  @Length(1, 64)
  memberNumber!: string;

  @ApiProperty({ example: 'Pack never arrived (member phoned the helpdesk)' })
  @IsString()
  @Length(3, 300)
  reason!: string;

  @ApiPropertyOptional({ enum: ['post', 'email'], description: 'How the new pack is sent; by default as the old one was' })
  @IsOptional()
  @IsIn(['post', 'email'])
  delivery?: 'post' | 'email';
}

export class ReissueResultDto {
  @ApiProperty() memberNumber!: string;
  @ApiProperty({ description: 'The replaced pack, refused from now on' }) voidedSerial!: number;
  @ApiProperty({ description: 'The new pack (a spare credential from the print run)' }) serial!: number;
  @ApiProperty({ enum: ['post', 'email'] }) delivery!: string;
  @ApiProperty({ description: 'File name of the new pack once printed (post)' }) file!: string;
  @ApiProperty({ nullable: true, type: String, description: 'The print job (GET /jobs is not public; watch the file appear)' }) printJobId!: string | null;
}

export class UndeliverableDto {
  @ApiProperty({ example: '550 5.1.1 mailbox unavailable (bounce of 2026-12-02)' })
  @IsString()
  @Length(3, 300)
  detail!: string;
}

export class DeliveryQueryDto {
  @ApiPropertyOptional({ enum: ['sent', 'undeliverable', 'failed'] })
  @IsOptional()
  @IsIn(['sent', 'undeliverable', 'failed'])
  state?: 'sent' | 'undeliverable' | 'failed';
}

export class PreviewQueryDto {
  @ApiProperty({ example: 'M0042', description: 'The member whose current pack is shown' })
  @IsString()
  @Length(1, 64)
  member!: string;

  @ApiPropertyOptional({ default: 1, description: 'Page of the pack: 1 the letter, 2 the return slip, then the ballot pages' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(99)
  page?: number;
}
