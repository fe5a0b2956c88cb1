import { formatIdentityCode, makeIdentityCode } from 'src/packs/codes/identity-code';
import { PackEntity, PackSetupEntity } from 'src/packs/pack.entity';
import { TestApp } from 'test/support/test-app';

export interface PackCode {
  serial: number;
  memberNumber: string;
  /** The 25 symbols the barcode carries. */
  code: string;
  /** The grouped form printed under the barcode, as a person would type it. */
  printed: string;
}

/** The identity codes of an election's member packs, made with its MAC key as the print run does. */
export async function packCodes(t: TestApp, electionId: string): Promise<PackCode[]> {
  const setup = await t.dataSource.getRepository(PackSetupEntity).findOneByOrFail({ electionId });
  const key = Buffer.from(setup.macKey, 'hex');
  const packs = await t.dataSource.getRepository(PackEntity).find({ where: { electionId, kind: 'member' }, order: { serial: 'ASC' } });
  return packs.map((p) => {
    const code = makeIdentityCode({ electionCode: setup.electionCode, packSerial: p.serial }, key);
    return { serial: p.serial, memberNumber: p.memberNumber ?? '', code, printed: formatIdentityCode(code) };
  });
}

/** A code for a serial that was never issued, with a valid MAC (as if the key had leaked). */
export async function codeForSerial(t: TestApp, electionId: string, serial: number): Promise<string> {
  const setup = await t.dataSource.getRepository(PackSetupEntity).findOneByOrFail({ electionId });
  return makeIdentityCode({ electionCode: setup.electionCode, packSerial: serial }, Buffer.from(setup.macKey, 'hex'));
}
