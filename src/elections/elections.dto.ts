import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { LIMITS } from 'src/elections/election-rules';
import {
  ELECTION_STATUSES,
  ElectionStatus,
  PRECEDENCE_POLICIES,
  PrecedencePolicy,
  SECOND_FACTORS,
  SecondFactor,
} from 'src/elections/election.types';

export class QuestionDto {
  @ApiProperty({ example: 'Who should lead the party?' })
  @IsString()
  @MinLength(1)
  @MaxLength(LIMITS.text)
  question!: string;

  @ApiProperty({ type: [String], example: ['Alice Martin', 'Bob Chen'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(LIMITS.answers)
  @IsString({ each: true })
  @MaxLength(LIMITS.text, { each: true })
  answers!: string[];

  @ApiProperty({ example: 1 }) @IsInt() @Min(0) @Max(LIMITS.answers) min!: number;
  @ApiProperty({ example: 1 }) @IsInt() @Min(1) @Max(LIMITS.answers) max!: number;

  @ApiProperty({ description: 'Whether a blank vote is allowed (Belenios blank option)', default: false })
  @IsBoolean()
  blank: boolean = false;
}

export class ChannelsDto {
  @ApiProperty() @IsBoolean() online!: boolean;
  @ApiProperty() @IsBoolean() postal!: boolean;
}

export class TimelineDto {
  @ApiProperty({ nullable: true, example: '2027-03-01T09:00:00Z' })
  @ValidateIf((_, v) => v !== null)
  @IsISO8601({ strict: true, strictSeparator: true })
  onlineOpensAt!: string | null;

  @ApiProperty({ nullable: true, example: '2027-03-21T17:00:00Z' })
  @ValidateIf((_, v) => v !== null)
  @IsISO8601({ strict: true, strictSeparator: true })
  onlineClosesAt!: string | null;

  @ApiProperty({ nullable: true, description: 'Postal returns received after this are rejected as late' })
  @ValidateIf((_, v) => v !== null)
  @IsISO8601({ strict: true, strictSeparator: true })
  postalDeadline!: string | null;

  @ApiProperty({ example: 'Europe/Paris' }) @IsString() @MaxLength(64) timeZone!: string;
}

export class UpdateElectionDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(LIMITS.text) title?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(LIMITS.description) description?: string;

  @ApiPropertyOptional({ type: [QuestionDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LIMITS.questions)
  @ValidateNested({ each: true })
  @Type(() => QuestionDto)
  questions?: QuestionDto[];

  @ApiPropertyOptional({ type: ChannelsDto }) @IsOptional() @ValidateNested() @Type(() => ChannelsDto) channels?: ChannelsDto;

  @ApiPropertyOptional({ enum: PRECEDENCE_POLICIES, description: 'What happens when a member votes in both channels (DESIGN.md §8)' })
  @IsOptional()
  @IsIn(PRECEDENCE_POLICIES)
  precedencePolicy?: PrecedencePolicy;

  @ApiPropertyOptional({ description: 'Whether a later online ballot replaces an earlier one' })
  @IsOptional()
  @IsBoolean()
  onlineRevoting?: boolean;

  @ApiPropertyOptional({ enum: SECOND_FACTORS }) @IsOptional() @IsIn(SECOND_FACTORS) secondFactor?: SecondFactor;

  @ApiPropertyOptional({ type: TimelineDto }) @IsOptional() @ValidateNested() @Type(() => TimelineDto) timeline?: TimelineDto;

  @ApiPropertyOptional({ description: 'The version you edited; a stale one is refused with 409 stale_version' })
  @IsOptional()
  @IsInt()
  version?: number;
}

export class CreateElectionDto extends UpdateElectionDto {
  @ApiProperty({ example: 'Leadership ballot 2027' }) @IsString() @MinLength(1) @MaxLength(LIMITS.text) declare title: string;
}

export class TransitionDto {
  @ApiProperty({ enum: ELECTION_STATUSES }) @IsIn(ELECTION_STATUSES) to!: ElectionStatus;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(1000) reason?: string;
}

export class ElectionDto {
  @ApiProperty() id!: string;
  @ApiProperty({ description: 'Belenios election uuid' }) beleniosUuid!: string;
  @ApiProperty({ enum: ELECTION_STATUSES }) status!: ElectionStatus;
  @ApiProperty() title!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ type: [QuestionDto] }) questions!: QuestionDto[];
  @ApiProperty({ type: ChannelsDto }) channels!: ChannelsDto;
  @ApiProperty({ enum: PRECEDENCE_POLICIES }) precedencePolicy!: PrecedencePolicy;
  @ApiProperty() onlineRevoting!: boolean;
  @ApiProperty({ enum: SECOND_FACTORS }) secondFactor!: SecondFactor;
  @ApiProperty({ type: TimelineDto }) timeline!: TimelineDto;
  @ApiProperty() version!: number;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
}

export class EventDto {
  @ApiProperty() id!: number;
  @ApiProperty() stream!: string;
  @ApiProperty() seq!: number;
  @ApiProperty() type!: string;
  @ApiProperty() actor!: { kind: string; id: string | null; role: string | null };
  @ApiProperty() occurredAt!: string;
  @ApiProperty() data!: Record<string, unknown>;
  @ApiProperty() prevHash!: string;
  @ApiProperty() hash!: string;
}

export class EventQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(40) stream?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(80) type?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(36) actor?: string;
  @ApiPropertyOptional() @IsOptional() @IsISO8601() from?: string;
  @ApiPropertyOptional() @IsOptional() @IsISO8601() to?: string;
  @ApiPropertyOptional({ description: 'Return events after this id (pagination cursor)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  after?: number;
  @ApiPropertyOptional({ default: 100, maximum: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}
