// What each member finds in their pack. The demo plays the printer and the post: rather than
// reading the codes back out of the print PDFs, it derives them exactly as the print run does —
// Voting ID, credential and paper ID from the credential seed, the identity barcode from the
// election's MAC key — for the packs the run recorded.
import { DataSource } from 'typeorm';
import { formatVotingId } from 'src/packs/codes';
import { makeIdentityCode } from 'src/packs/codes/identity-code';
import { derivePackSecrets, electionSeed } from 'src/packs/pack-secrets';
import { PackEntity, PackSetupEntity } from 'src/packs/pack.entity';

export interface PrintedPack {
  serial: number;
  votingId: string;
  credential: string;
  paperId: string;
  /** The identity barcode on the return slip. */
  identityCode: string;
}

export interface PrintShop {
  /** The member's current pack. */
  current(memberNumber: string): Promise<PrintedPack>;
  bySerial(serial: number): PrintedPack;
}

export async function openPrintShop(ds: DataSource, masterSeed: Uint8Array, election: { id: string; beleniosUuid: string }): Promise<PrintShop> {
  const setup = await ds.getRepository(PackSetupEntity).findOneByOrFail({ electionId: election.id });
  const macKey = Buffer.from(setup.macKey, 'hex');
  const seed = electionSeed(masterSeed, election.beleniosUuid);
  const bySerial = (serial: number): PrintedPack => {
    const s = derivePackSecrets(seed, election.beleniosUuid, serial);
    return {
      serial,
      votingId: formatVotingId(s.votingId),
      credential: s.credential,
      paperId: s.paperId,
      identityCode: makeIdentityCode({ electionCode: setup.electionCode, packSerial: serial }, macKey),
    };
  };
  return {
    bySerial,
    current: async (memberNumber) => {
      const pack = await ds.getRepository(PackEntity).findOneOrFail({ where: { electionId: election.id, memberNumber, status: 'active' }, order: { serial: 'DESC' } });
      return bySerial(pack.serial);
    },
  };
}
