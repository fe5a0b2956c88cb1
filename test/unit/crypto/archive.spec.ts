// Archive layout: re-writing every vector archive from its parsed entries reproduces it byte for
// byte (belenios-tool's fsck demands this), and every vector verifies with its recorded result.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ArchiveWriter } from 'src/crypto/archive/archive-writer';
import { readArchive } from 'src/crypto/archive/archive-reader';
import { verifyArchive } from 'src/crypto/verify/verify-archive';
import { POSITIVE_CASES, belFile, readVectorJson, vectorDir } from 'test/support/vectors';

function rewrite(bytes: Uint8Array): Uint8Array {
  let w: ArchiveWriter | undefined;
  for (const rec of readArchive(bytes)) {
    if (rec.kind === 'header') w = new ArchiveWriter(rec.timestamp);
    else if (rec.kind === 'data') w!.addData(rec.entry.body);
    else w!.addEvent(rec.event.type, rec.event.payload);
  }
  return w!.bytes();
}

describe('archive writer', () => {
  test.each([...POSITIVE_CASES, 'scale-2000'])('%s is reproduced byte for byte', (c) => {
    const bytes = new Uint8Array(fs.readFileSync(belFile(c)));
    expect(Buffer.from(rewrite(bytes)).equals(Buffer.from(bytes))).toBe(true);
  });
});

describe('verifyArchive on the reference vectors', () => {
  test.each(POSITIVE_CASES)('%s passes every check and reproduces result.json', (c) => {
    const report = verifyArchive(fs.readFileSync(belFile(c)));
    expect(report.checks.filter((x) => x.status === 'fail')).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.stage).toBe('Result');
    const expected = readVectorJson<number[][]>(c, 'result.json');
    expect(report.result).toEqual(expected.map((row) => row.map(String)));
  });

  test('2.5.1 threshold archives pass with a warning for the missing 3.x vk signature', () => {
    const report = verifyArchive(fs.readFileSync(belFile('leader-threshold')));
    expect(report.checks.find((c) => c.id === 'trustees.pedersen_vk_signature')?.status).toBe('warn');
    const v330 = verifyArchive(fs.readFileSync(belFile('v330-leader-threshold')));
    expect(v330.checks.find((c) => c.id === 'trustees.pedersen_vk_signature')?.status).toBe('pass');
  });

  const TAMPERED: [string, string][] = [
    ['tampered/leader-basic-raw', 'archive.file_hashes'],
    ['tampered/leader-basic-rechained', 'ballot.signature_hash'],
    ['tampered/leader-basic-resigned', 'ballot.individual_proofs'],
    ['tampered/leader-basic-resigned-full', 'ballot.individual_proofs'],
  ];
  test.each(TAMPERED)('%s is rejected by %s', (c, reason) => {
    expect(fs.existsSync(path.join(vectorDir(c), 'README.md'))).toBe(true);
    const report = verifyArchive(fs.readFileSync(belFile(c)));
    expect(report.ok).toBe(false);
    expect(report.checks.find((x) => x.id === reason)?.status).toBe('fail');
  });
});
