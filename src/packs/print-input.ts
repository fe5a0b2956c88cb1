import { makeIdentityCode } from 'src/packs/codes';
import { derivePackSecrets } from 'src/packs/pack-secrets';
import { PackPrintInput } from 'src/packs/render/pack-renderer';
import { RollMemberEntity } from 'src/roll/roll-member.entity';

export interface PrintKeys {
  /** The election's seed, derived from the credential authority's master seed. */
  electionSeed: Uint8Array;
  beleniosUuid: string;
  electionCode: string;
  macKey: Uint8Array;
}

/** What the renderer needs for one member's pack: the member's name and address, and the pack's codes. */
export function printInputFor(serial: number, m: RollMemberEntity, keys: PrintKeys): PackPrintInput {
  const s = derivePackSecrets(keys.electionSeed, keys.beleniosUuid, serial);
  return {
    packSerial: serial,
    memberName: [m.givenNames, m.familyName].filter(Boolean).join(' '),
    addressLines: [m.addressLine1, m.addressLine2, m.addressLine3, m.addressLine4, m.postcode, m.country].filter((l): l is string => !!l).slice(0, 4),
    votingId: s.votingId,
    // The letter prints the 22 characters in Belenios' 5-6-5-6 layout itself.
    credential: s.credential.replace(/-/g, ''),
    identityCode: makeIdentityCode({ electionCode: keys.electionCode, packSerial: serial }, keys.macKey),
    paperId: s.paperId,
  };
}
