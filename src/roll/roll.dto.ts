import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { IMPORT_STATUSES, ImportStatus } from 'src/roll/roll-import.entity';
import { CHANNEL_RESTRICTIONS, ChannelRestriction, MAX_LENGTH, MAX_WEIGHT, MEMBER_STATUSES, MemberStatus } from 'src/roll/roll.types';

export class RollImportDto {
  @ApiProperty() id!: string;
  @ApiProperty() electionId!: string;
  @ApiProperty({ enum: IMPORT_STATUSES }) status!: ImportStatus;
  @ApiProperty({ nullable: true, type: String }) fileSha256!: string | null;
  @ApiProperty() fileBytes!: number;
  @ApiProperty({ description: 'Data rows in the file (blank lines not counted)' }) rows!: number;
  @ApiProperty({ description: 'Rows that will become members on commit' }) valid!: number;
  @ApiProperty({ description: 'Rows refused (see the report); duplicates included' }) invalid!: number;
  @ApiProperty({ description: 'Rows refused because their member number occurs more than once' }) duplicates!: number;
  @ApiProperty() newMembers!: number;
  @ApiProperty() updatedMembers!: number;
  @ApiProperty() unchangedMembers!: number;
  @ApiProperty({ description: 'Active members of the current roll missing from this file: marked removed on commit unless kept' })
  missingMembers!: number;
  @ApiProperty() issueCount!: number;
  @ApiProperty({ nullable: true, type: String }) failure!: string | null;
  @ApiProperty({ nullable: true, type: Boolean }) keepMissing!: boolean | null;
  @ApiProperty({ nullable: true, type: Boolean }) skippedInvalid!: boolean | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ nullable: true, type: String }) committedAt!: string | null;
}

export class RollIssueDto {
  @ApiProperty() line!: number;
  @ApiProperty({ nullable: true, type: String }) column!: string | null;
  @ApiProperty() code!: string;
  @ApiProperty() message!: string;
}

export class PageQueryDto {
  @ApiPropertyOptional({ default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  offset = 0;

  @ApiPropertyOptional({ default: 50, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit = 50;
}

export class MemberSearchQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Member number prefix' })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_LENGTH.member_number)
  memberNumber?: string;

  @ApiPropertyOptional({ description: 'Family name prefix, ignoring case and accents' })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_LENGTH.family_name)
  name?: string;

  @ApiPropertyOptional({ description: 'Postcode prefix' })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_LENGTH.postcode)
  postcode?: string;
}

export class CommitImportDto {
  @ApiPropertyOptional({ default: false, description: 'Keep members missing from the file as they are instead of marking them removed' })
  @IsOptional()
  @IsBoolean()
  keepMissing?: boolean;

  @ApiPropertyOptional({ default: false, description: 'Commit the valid rows of a file with bad rows, leaving the bad rows out' })
  @IsOptional()
  @IsBoolean()
  acceptInvalidRows?: boolean;
}

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** Fields an amendment may set; the service runs the same checks as for file rows. */
export class MemberFieldsDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(MAX_LENGTH.given_names) givenNames?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(MAX_LENGTH.family_name) familyName?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(MAX_LENGTH.address_line_1) addressLine1?: string;
  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @IsString() @MaxLength(MAX_LENGTH.address_line_2) addressLine2?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @IsString() @MaxLength(MAX_LENGTH.address_line_3) addressLine3?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @IsString() @MaxLength(MAX_LENGTH.address_line_4) addressLine4?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @IsString() @MaxLength(MAX_LENGTH.postcode) postcode?: string | null;
  @ApiPropertyOptional({ example: 'GB' }) @IsOptional() @IsString() @MaxLength(2) country?: string;
  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @IsString() @MaxLength(MAX_LENGTH.email) email?: string | null;
  @ApiPropertyOptional({ example: '1970-01-31' }) @IsOptional() @IsString() @MaxLength(10) dateOfBirth?: string;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(MAX_WEIGHT) weight?: number;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() eligible?: boolean;
  @ApiPropertyOptional({ enum: CHANNEL_RESTRICTIONS }) @IsOptional() @IsIn(CHANNEL_RESTRICTIONS) channel?: ChannelRestriction;
}

export class AmendMemberDto extends MemberFieldsDto {
  @ApiPropertyOptional({ enum: MEMBER_STATUSES, description: 'removed: off the roll (kept for the record); active: reinstated' })
  @IsOptional()
  @IsIn(MEMBER_STATUSES)
  status?: MemberStatus;

  @ApiProperty({ description: 'Why the roll changes; recorded in the event log' })
  @Transform(trim)
  @IsString()
  @MinLength(3)
  @MaxLength(1000)
  reason!: string;
}

export class AddMemberDto extends MemberFieldsDto {
  @ApiProperty() @Transform(trim) @IsString() @MinLength(1) @MaxLength(MAX_LENGTH.member_number) memberNumber!: string;

  @ApiProperty({ description: 'Why the member is added; recorded in the event log' })
  @Transform(trim)
  @IsString()
  @MinLength(3)
  @MaxLength(1000)
  reason!: string;
}

export class MemberDto {
  @ApiProperty() memberNumber!: string;
  @ApiProperty() givenNames!: string;
  @ApiProperty() familyName!: string;
  @ApiProperty() addressLine1!: string;
  @ApiProperty({ nullable: true, type: String }) addressLine2!: string | null;
  @ApiProperty({ nullable: true, type: String }) addressLine3!: string | null;
  @ApiProperty({ nullable: true, type: String }) addressLine4!: string | null;
  @ApiProperty({ nullable: true, type: String }) postcode!: string | null;
  @ApiProperty() country!: string;
  @ApiProperty({ nullable: true, type: String }) email!: string | null;
  @ApiProperty() dateOfBirth!: string;
  @ApiProperty() weight!: number;
  @ApiProperty() eligible!: boolean;
  @ApiProperty({ enum: CHANNEL_RESTRICTIONS }) channel!: ChannelRestriction;
  @ApiProperty({ enum: MEMBER_STATUSES }) status!: MemberStatus;
  @ApiProperty({ nullable: true, type: String }) amendedAt!: string | null;
}

export class MemberPageDto {
  @ApiProperty({ type: [MemberDto] }) items!: MemberDto[];
  @ApiProperty() total!: number;
  @ApiProperty() offset!: number;
  @ApiProperty() limit!: number;
}

export class RollCountDto {
  @ApiProperty({ enum: MEMBER_STATUSES }) status!: MemberStatus;
  @ApiProperty() eligible!: boolean;
  @ApiProperty({ enum: CHANNEL_RESTRICTIONS }) channel!: ChannelRestriction;
  @ApiProperty() members!: number;
  @ApiProperty() weight!: number;
}

export class RollSummaryDto {
  @ApiProperty({ nullable: true, type: String, description: 'The committed import that is the current roll' }) importId!: string | null;
  @ApiProperty({ nullable: true, type: String }) committedAt!: string | null;
  @ApiProperty() members!: number;
  @ApiProperty({ description: 'Active and eligible members' }) eligibleMembers!: number;
  @ApiProperty() removedMembers!: number;
  @ApiProperty({ type: [RollCountDto] }) counts!: RollCountDto[];
}
