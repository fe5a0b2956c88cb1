// Swagger's description of GET /elections/:id/reconciliation; the shape is reconciliation.types.ts.
import { ApiProperty } from '@nestjs/swagger';
import type { Reconciliation, ReconciliationBalance, ReconciliationTerm, TurnoutPoint } from 'src/reconciliation/reconciliation.types';

class TermDto implements ReconciliationTerm {
  @ApiProperty({ example: 'packs.byPost', description: 'The figure, by its path in this answer' }) key!: string;
  @ApiProperty() value!: number;
}

class BalanceDto implements ReconciliationBalance {
  @ApiProperty({ enum: ['packs', 'reissues', 'email', 'returns', 'rejections', 'envelopes', 'count', 'online', 'online-counted', 'members'] }) id!: string;
  @ApiProperty({ type: [TermDto] }) left!: TermDto[];
  @ApiProperty({ type: [TermDto] }) right!: TermDto[];
  @ApiProperty({ description: 'The two sides add up to the same; false means data was lost or counted twice (shown in red)' }) ok!: boolean;
}

class PacksDto {
  @ApiProperty({ description: 'Member packs made: the print run and reissues, by post or e-mail, voided ones included' }) printed!: number;
  @ApiProperty() byPost!: number;
  @ApiProperty() byEmail!: number;
  @ApiProperty({ description: 'E-mail packs handed to the mail server' }) emailed!: number;
  @ApiProperty({ description: 'E-mail packs not sent yet, or failed for now and to be retried' }) emailPending!: number;
  @ApiProperty({ description: 'E-mail packs refused for good (at sending or by a later bounce); posted packs returned undelivered are not recorded' })
  undeliverable!: number;
  @ApiProperty({ description: 'Packs replaced by a reissue' }) voided!: number;
  @ApiProperty({ description: 'Spare credentials handed to members by a reissue' }) reissued!: number;
}

class PapersByKindDto {
  @ApiProperty() valid!: number;
  @ApiProperty() blank!: number;
  @ApiProperty() invalid!: number;
}

class ClosedBatchesDto {
  @ApiProperty() envelopesOpened!: number;
  @ApiProperty() papersRecorded!: number;
}

class PostalDto {
  @ApiProperty({ description: 'Intake scans that stand (not undone)' }) returnsReceived!: number;
  @ApiProperty({ description: 'Scans answered accept' }) accepted!: number;
  @ApiProperty({ description: 'Scans answered hold (kept sealed)' }) held!: number;
  @ApiProperty({ description: 'Scans answered reject' }) rejected!: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, example: { late: 2, duplicate_return: 1 }, description: 'Rejections by the intake reason code' })
  rejectedByReason!: Record<string, number>;
  @ApiProperty({ description: 'Held envelopes whose member then voted online (to pull and pulled)' }) pullList!: number;
  @ApiProperty() pulled!: number;
  @ApiProperty({ description: 'Envelopes that count, to be opened at the count' }) releasedToCount!: number;
  @ApiProperty({ description: 'Envelopes kept sealed now' }) stillHeld!: number;
  @ApiProperty({ description: 'Envelopes opened, as declared on the count batches' }) envelopesOpened!: number;
  @ApiProperty({ description: 'Cast-vote records: papers recorded' }) papersCounted!: number;
  @ApiProperty({ type: PapersByKindDto }) papersByKind!: PapersByKindDto;
  @ApiProperty({ description: 'Scanned pages waiting for a count supervisor' }) inAdjudication!: number;
  @ApiProperty({ description: 'Scanned pages waiting for the other pages of their paper' }) waitingForPages!: number;
  @ApiProperty({ description: 'Papers of double-keyed batches keyed once, waiting for a second operator' }) awaitingSecondEntry!: number;
  @ApiProperty({ description: 'Papers whose two keyings disagree, waiting for a count supervisor' }) keyingDisputed!: number;
  @ApiProperty() batchesClosedWithMismatch!: number;
  @ApiProperty({ type: ClosedBatchesDto, description: 'Batches closed without a mismatch reason' }) closedBatches!: ClosedBatchesDto;
}

class OnlineDto {
  @ApiProperty() ballotsCast!: number;
  @ApiProperty({ description: 'Credentials that cast at least one ballot' }) voters!: number;
  @ApiProperty({ description: 'Ballots cast with a credential that had voted before' }) revoted!: number;
  @ApiProperty({ description: 'Ballots replaced by the same voter’s later ballot' }) supersededByRevote!: number;
  @ApiProperty({ description: 'Ballots excluded because a postal vote counts instead' }) supersededByPostal!: number;
  @ApiProperty({ description: 'Ballots that count' }) counted!: number;
}

class MembersDto {
  @ApiProperty() countedOnline!: number;
  @ApiProperty({ description: 'Members whose envelope counts or is held sealed' }) countedPostal!: number;
  @ApiProperty({ description: 'Eligible members with no vote that stands' }) notVoted!: number;
}

class TurnoutPointDto implements TurnoutPoint {
  @ApiProperty({ description: 'End of the bucket (ISO instant)' }) at!: string;
  @ApiProperty({ description: 'Online voters so far' }) online!: number;
  @ApiProperty({ description: 'Postal envelopes accepted or held so far' }) postal!: number;
}

class TurnoutDto {
  @ApiProperty({ enum: ['hour', 'day'] }) bucket!: 'hour' | 'day';
  @ApiProperty({ type: [TurnoutPointDto] }) points!: TurnoutPointDto[];
}

export class ReconciliationDto implements Reconciliation {
  @ApiProperty() electionId!: string;
  @ApiProperty() status!: string;
  @ApiProperty() generatedAt!: string;
  @ApiProperty({ description: 'Members on the roll who may vote' }) eligible!: number;
  @ApiProperty({ type: PacksDto }) packs!: PacksDto;
  @ApiProperty({ type: PostalDto }) postal!: PostalDto;
  @ApiProperty({ type: OnlineDto }) online!: OnlineDto;
  @ApiProperty({ type: MembersDto }) members!: MembersDto;
  @ApiProperty({ type: [BalanceDto] }) balances!: BalanceDto[];
  @ApiProperty({ type: TurnoutDto }) turnout!: TurnoutDto;
}
