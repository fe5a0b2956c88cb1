import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { PrecedencePolicy } from 'src/elections/election.types';
import { VOTER_STATES, VoterState } from 'src/voter/voter-state';

export class SignInDto {
  @ApiProperty({ description: 'As printed on the letter; dashes, spaces and case do not matter', example: 'ABCD-EFGH-JKMN' })
  @IsString()
  @MaxLength(64)
  votingId!: string;

  @ApiProperty({ description: 'Date of birth (YYYY-MM-DD or DD/MM/YYYY) or postcode, as the election asks' })
  @IsString()
  @MaxLength(64)
  secondFactor!: string;
}

export class SignedInDto {
  @ApiProperty({ enum: VOTER_STATES, description: 'The member’s state, as in GET …/voter/me' }) status!: VoterState;
  @ApiProperty() explanation!: string;
  @ApiProperty() expiresAt!: string;
}

export class CastBallotDto {
  @ApiProperty({ description: 'The Belenios ballot JSON, as a string' })
  @IsString()
  @MinLength(2)
  ballot!: string;

  @ApiProperty({ required: false, description: 'E-mail a confirmation (tracker, time, board link) to the address on the roll' })
  @IsOptional()
  @IsBoolean()
  confirmationEmail?: boolean;
}

export class CastReceiptDto {
  @ApiProperty() tracker!: string;
  @ApiProperty() receivedAt!: string;
  @ApiProperty() explanation!: string;
  @ApiProperty({ enum: ['queued', 'no_email_on_roll', 'not_requested', 'not_queued'] }) confirmationEmail!: string;
}

export class QuestionDto {
  @ApiProperty() question!: string;
  @ApiProperty({ type: [String], description: 'In published order' }) answers!: string[];
  @ApiProperty() min!: number;
  @ApiProperty() max!: number;
  @ApiProperty() blank!: boolean;
}

export class VoterElectionDto {
  @ApiProperty() id!: string;
  @ApiProperty() title!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ type: [QuestionDto] }) questions!: QuestionDto[];
  @ApiProperty() revoting!: boolean;
  @ApiProperty() policy!: PrecedencePolicy;
  @ApiProperty({ nullable: true }) onlineOpensAt!: string | null;
  @ApiProperty({ nullable: true }) onlineClosesAt!: string | null;
  @ApiProperty() timeZone!: string;
}

export class CastPreviewDto {
  @ApiProperty({ enum: ['accept', 'reject'] }) verdict!: 'accept' | 'reject';
  @ApiProperty({ nullable: true }) reason!: string | null;
  @ApiProperty() explanation!: string;
}

export class LastBallotDto {
  @ApiProperty() tracker!: string;
  @ApiProperty() receivedAt!: string;
}

export class VoterStatusDto {
  @ApiProperty() election!: VoterElectionDto;
  @ApiProperty({ enum: VOTER_STATES }) state!: VoterState;
  @ApiProperty() explanation!: string;
  @ApiProperty() castPreview!: CastPreviewDto;
  @ApiProperty({ nullable: true, type: LastBallotDto }) lastBallot!: LastBallotDto | null;
}
