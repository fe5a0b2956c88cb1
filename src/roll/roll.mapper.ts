import { RollImportDto, RollIssueDto, MemberDto, RollSummaryDto } from 'src/roll/roll.dto';
import { RollImportEntity } from 'src/roll/roll-import.entity';
import { RollIssueEntity } from 'src/roll/roll-issue.entity';
import { RollMemberEntity } from 'src/roll/roll-member.entity';
import { RollSummary } from 'src/roll/roll.service';

export function toImportDto(i: RollImportEntity): RollImportDto {
  return {
    id: i.id,
    electionId: i.electionId,
    status: i.status,
    fileSha256: i.fileSha256,
    fileBytes: i.fileBytes,
    rows: i.rows,
    valid: i.valid,
    invalid: i.invalid,
    duplicates: i.duplicates,
    newMembers: i.newMembers,
    updatedMembers: i.updatedMembers,
    unchangedMembers: i.unchangedMembers,
    missingMembers: i.missingMembers,
    issueCount: i.issueCount,
    failure: i.failure,
    keepMissing: i.keepMissing,
    skippedInvalid: i.skippedInvalid,
    createdAt: i.createdAt.toISOString(),
    committedAt: i.committedAt?.toISOString() ?? null,
  };
}

export function toIssueDto(x: RollIssueEntity): RollIssueDto {
  return { line: x.line, column: x.column, code: x.code, message: x.message };
}

export function toMemberDto(m: RollMemberEntity): MemberDto {
  return {
    memberNumber: m.memberNumber,
    givenNames: m.givenNames,
    familyName: m.familyName,
    addressLine1: m.addressLine1,
    addressLine2: m.addressLine2,
    addressLine3: m.addressLine3,
    addressLine4: m.addressLine4,
    postcode: m.postcode,
    country: m.country,
    email: m.email,
    dateOfBirth: m.dateOfBirth,
    weight: m.weight,
    eligible: m.eligible,
    channel: m.channel,
    status: m.status,
    amendedAt: m.amendedAt?.toISOString() ?? null,
  };
}

export function toSummaryDto(s: RollSummary): RollSummaryDto {
  const sum = (pred: (c: RollSummary['counts'][number]) => boolean) => s.counts.filter(pred).reduce((n, c) => n + c.members, 0);
  return {
    importId: s.importId,
    committedAt: s.committedAt?.toISOString() ?? null,
    members: sum(() => true),
    eligibleMembers: sum((c) => c.status === 'active' && c.eligible),
    removedMembers: sum((c) => c.status === 'removed'),
    counts: s.counts,
  };
}
