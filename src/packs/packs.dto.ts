import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';

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

export class PacksStatusDto {
  @ApiProperty({ enum: ['not_started', 'queued', 'generating', 'generated', 'failed'] }) status!: string;
  @ApiPropertyOptional() job?: { id: string; state: string; attemptsMade: number; progress?: Record<string, unknown>; error?: string };
  @ApiPropertyOptional() setup?: { electionCode: string; members: number; spares: number; batches: number; template: string; language: string; checksums: Record<string, string>; completedAt: string | null };
  @ApiProperty() counts!: Array<{ kind: string; status: string; delivery: string | null; packs: number }>;
}
