import { makeIdentityCode } from 'src/packs/codes';
import { ElectionEntity } from 'src/elections/election.entity';
import { derivePackSecrets, electionSeed } from 'src/packs/pack-secrets';
import { PackSetupEntity } from 'src/packs/pack.entity';
import { printInfo } from 'src/packs/print-info';
import { PackPrintInput, PackRenderer } from 'src/packs/render/pack-renderer';
import { loadTemplate } from 'src/packs/render/template';
import { RollMemberEntity } from 'src/roll/roll-member.entity';

export interface PrintKeys {
  /** The election's seed, derived from the credential authority's master seed. */
  electionSeed: Uint8Array;
  beleniosUuid: string;
  electionCode: string;
  macKey: Uint8Array;
}

/** The member's name and address as the pack prints them (the print run and the preview alike). */
export function recipientOf(m: RollMemberEntity): Pick<PackPrintInput, 'memberName' | 'addressLines'> {
  return {
    memberName: [m.givenNames, m.familyName].filter(Boolean).join(' '),
    addressLines: [m.addressLine1, m.addressLine2, m.addressLine3, m.addressLine4, m.postcode, m.country].filter((l): l is string => !!l).slice(0, 4),
  };
}

/** What the renderer needs for one member's pack: the member's name and address, and the pack's codes. */
export function printInputFor(serial: number, m: RollMemberEntity, keys: PrintKeys): PackPrintInput {
  const s = derivePackSecrets(keys.electionSeed, keys.beleniosUuid, serial);
  return {
    packSerial: serial,
    ...recipientOf(m),
    votingId: s.votingId,
    // The letter prints the 22 characters in Belenios' 5-6-5-6 layout itself.
    credential: s.credential.replace(/-/g, ''),
    identityCode: makeIdentityCode({ electionCode: keys.electionCode, packSerial: serial }, keys.macKey),
    paperId: s.paperId,
  };
}

/**
 * How an election's packs are printed: its keys and a renderer laid out from the stored setup.
 * The print run, a batch re-render and a reissue all use it, so a replacement pack looks like
 * the batch it replaces, and the document date (the run's, fixed at store time) keeps re-renders
 * byte-identical.
 */
export function printerFor(election: ElectionEntity, setup: PackSetupEntity, masterSeed: Uint8Array, publicUrl: string): { keys: PrintKeys; renderer: PackRenderer } {
  const keys = { electionSeed: electionSeed(masterSeed, election.beleniosUuid), beleniosUuid: election.beleniosUuid, electionCode: setup.electionCode, macKey: Buffer.from(setup.macKey, 'hex') };
  const renderer = PackRenderer.create(printInfo(election, publicUrl), loadTemplate(setup.template, setup.language), { documentDate: setup.createdAt });
  return { keys, renderer };
}
