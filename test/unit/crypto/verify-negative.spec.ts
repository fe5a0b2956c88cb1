// Negative tests grouped by reason: each archive has one semantic error and a rebuilt hash chain
// (so file hashes and links are consistent) and must fail the named check — including the
// departures Sirona and belenios-tool miss (issue 3).
import * as fs from 'node:fs';
import { ed25519 } from '@noble/curves/ed25519.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { verifyArchive } from 'src/crypto/verify/verify-archive';
import { verifyBallot } from 'src/crypto/ballot/verify-ballot';
import { readArchive } from 'src/crypto/archive/archive-reader';
import { concatEntries, tarEntryBytes } from 'src/crypto/archive/tar';
import { sha256Hex } from 'src/crypto/encoding/sha256';
import { COMMITTEE_BLANK, LEADER, castAll, demoArchive, demoSetup } from 'src/crypto/testing/demo-election';
import { rechain, resign } from 'test/support/tamper';
import { belFile } from 'test/support/vectors';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tampering edits arbitrary JSON
type Editable = Record<string, any>;

const failedIds = (bytes: Uint8Array): string[] => verifyArchive(bytes).checks.filter((c) => c.status === 'fail').map((c) => c.id);
const beHex = (p: InstanceType<typeof ed25519.Point>): string => bytesToHex(p.toBytes().reverse());
const T2 = ed25519.Point.fromHex('ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f'); // (0,-1), order 2

describe('verifyArchive rejects', () => {
  const setup = demoSetup({ questions: [LEADER, COMMITTEE_BLANK], voters: 3, singles: 2 });
  const ballots = castAll(setup, [
    [[1, 0], [0, 1, 0, 0]],
    [[0, 1], [1, 0, 0, 0]],
    [[1, 0], [0, 0, 1, 1]],
  ]);
  const good = demoArchive(setup, ballots).bytes;
  const firstBallot = (f: (b: Editable) => void, cred = setup.privateCreds[0]) =>
    rechain(good, (body) => {
      if (body !== ballots[0]) return body;
      const b = JSON.parse(body);
      f(b);
      return resign(b, setup.election.uuid, cred);
    });

  test('the untouched archive passes', () => {
    expect(failedIds(good)).toEqual([]);
  });

  describe('wrong proofs', () => {
    test('an individual proof response changed (ballot re-signed)', () => {
      const bad = firstBallot((b) => (b.answers[0].individual_proofs[0][0].response = '1'));
      expect(failedIds(bad)).toContain('ballot.individual_proofs');
    });
    test('an overall proof challenge changed', () => {
      const bad = firstBallot((b) => (b.answers[0].overall_proof[0].challenge = '12345'));
      expect(failedIds(bad)).toContain('ballot.overall_proofs');
    });
    test('a blank proof changed', () => {
      const bad = firstBallot((b) => (b.answers[1].blank_proof[1].response = '7'));
      expect(failedIds(bad)).toContain('ballot.blank_proofs');
    });
    test('a stale signature hash after editing the ballot', () => {
      const bad = rechain(good, (body) => (body === ballots[0] ? body.replace(/"response":"(\d)/, (_m, d: string) => `"response":"${(Number(d) % 9) + 1}`) : body));
      expect(failedIds(bad)).toContain('ballot.signature_hash');
    });
    test('a signature by another credential', () => {
      const bad = firstBallot(() => undefined, setup.privateCreds[1]);
      expect(failedIds(bad)).toContain('ballot.signature_proof');
    });
    test('a partial decryption proof changed', () => {
      const bad = rechain(good, (body) => (body.startsWith('{"decryption_factors"') ? body.replace(/"challenge":"(\d)/, (_m, d: string) => `"challenge":"${(Number(d) % 9) + 1}`) : body));
      expect(failedIds(bad)).toEqual(expect.arrayContaining(['decryption.proofs', 'decryption.enough']));
    });
  });

  test('swapped ciphertexts (with their individual proofs, re-signed)', () => {
    const bad = firstBallot((b) => {
      const a = b.answers[1];
      [a.choices[1], a.choices[2]] = [a.choices[2], a.choices[1]];
      [a.individual_proofs[1], a.individual_proofs[2]] = [a.individual_proofs[2], a.individual_proofs[1]];
    });
    expect(failedIds(bad)).toEqual(expect.arrayContaining(['ballot.overall_proofs', 'ballot.blank_proofs']));
  });

  describe('small-order, mixed-order and off-curve points', () => {
    test('a ciphertext with a torsion component (Sirona ignores its check result)', () => {
      const bad = firstBallot((b) => {
        const alpha = ed25519.Point.fromBytes(Uint8Array.from(Buffer.from(b.answers[0].choices[0].alpha, 'hex')).reverse());
        b.answers[0].choices[0].alpha = beHex(alpha.add(T2));
      });
      const v = verifyArchive(bad).checks.find((c) => c.id === 'ballot.ciphertexts_valid');
      expect(v?.status).toBe('fail');
      expect(v?.failures[0].reason).toMatch(/point_not_in_subgroup|prime-order subgroup/);
    });
    test('the last ciphertext of a blank-allowed answer is checked too (Sirona skips it)', () => {
      const bad = firstBallot((b) => (b.answers[1].choices[3].beta = beHex(T2)));
      expect(failedIds(bad)).toContain('ballot.ciphertexts_valid');
    });
    test('an off-curve point', () => {
      const bad = firstBallot((b) => (b.answers[0].choices[1].alpha = '0'.repeat(63) + '2'));
      expect(failedIds(bad)).toContain('ballot.ciphertexts_valid');
    });
  });

  describe('non-canonical encodings', () => {
    test('a y ≥ p credential encoding in the public credentials', () => {
      const P = 2n ** 255n - 19n;
      const bad = rechain(good, (body, i) => (i === 2 ? JSON.stringify([...JSON.parse(body), (P + 1n).toString(16)]) : body));
      expect(failedIds(bad)).toContain('credentials.valid');
    });
    test('a scalar with a leading zero', () => {
      const bad = firstBallot((b) => (b.answers[0].overall_proof[0].response = '0' + b.answers[0].overall_proof[0].response));
      expect(failedIds(bad)).toContain('ballot.overall_proofs');
    });
    test('a ballot with extra whitespace (not canonical)', () => {
      const bad = rechain(good, (body) => (body === ballots[0] ? body.replace('{"election_uuid"', '{ "election_uuid"') : body));
      expect(failedIds(bad)).toContain('ballot.canonical_serialization');
    });
    test('a tar layout re-packed differently', () => {
      const bytes = Buffer.from(good);
      bytes[100] = 0x31; // mode 1000644
      expect(failedIds(bytes)).toContain('archive.structure');
    });
  });

  test('a ballot for another election', () => {
    const other = demoSetup({ questions: [LEADER, COMMITTEE_BLANK], voters: 1 });
    const foreign = castAll(other, [[[1, 0], [1, 0, 0, 0]]])[0];
    const v = verifyBallot(setup.election, setup.credentials.byHex, foreign);
    expect(v.checks.filter((c) => !c.ok).map((c) => c.name)).toEqual(expect.arrayContaining(['election_uuid', 'election_hash', 'credential_known']));
  });

  describe('credentials', () => {
    test('a duplicated public credential (Sirona accepts it)', () => {
      const bad = rechain(good, (body, i) => (i === 2 ? JSON.stringify([...JSON.parse(body), JSON.parse(body)[0]]) : body));
      expect(failedIds(bad)).toContain('credentials.distinct');
    });
    test('a ballot appended twice', () => {
      const twice = demoArchive(setup, [...ballots, ballots[0]]).bytes;
      expect(failedIds(twice)).toContain('ballot.unique');
    });
  });

  describe('broken chain', () => {
    test('an event with a wrong parent (file renamed to its new hash)', () => {
      const parts: Uint8Array[] = [];
      let n = 0;
      for (const rec of readArchive(good)) {
        let body = rec.entry.body;
        let name = rec.entry.name;
        if (rec.kind === 'event' && ++n === 3) {
          body = new TextEncoder().encode(new TextDecoder().decode(body).replace(/"parent":"[0-9a-f]{64}"/, `"parent":"${'0'.repeat(64)}"`));
          name = `${sha256Hex(body)}.event.json`;
        }
        parts.push(tarEntryBytes(name, body, rec.entry.mtime));
      }
      expect(failedIds(concatEntries(parts))).toContain('chain.parent');
    });
    test('a ballot event removed from the middle (no EndBallots before the tally)', () => {
      const bad = rechain(good, (body) => (body === ballots[1] ? null : body));
      // Removing the data leaves its event without payload data.
      expect(failedIds(bad)).toContain('chain.payload');
    });
  });

  describe('wrong tally or result', () => {
    test('a wrong result (rechained)', () => {
      const bad = rechain(good, (body) => (body.startsWith('{"result"') ? body.replace('[[2,1]', '[[1,2]') : body));
      expect(failedIds(bad)).toContain('result.matches');
    });
    test('a wrong last count of a blank-allowed question (Sirona misses it)', () => {
      const bad = rechain(good, (body) => (body.startsWith('{"result"') ? body.replace(/,(\d+)\]\]\}$/, (_m, d: string) => `,${Number(d) + 1}]]}`) : body));
      expect(failedIds(bad)).toContain('result.matches');
    });
    test('a wrong num_tallied (belenios-tool 2.5.1 never compares it)', () => {
      const bad = rechain(good, (body) => (body.startsWith('{"num_tallied"') ? body.replace('"num_tallied":3', '"num_tallied":4') : body));
      expect(failedIds(bad)).toEqual(['tally.sized']);
    });
    test('a wrong total_weight', () => {
      const bad = rechain(good, (body) => (body.startsWith('{"num_tallied"') ? body.replace('"total_weight":3', '"total_weight":30') : body));
      expect(failedIds(bad)).toEqual(['tally.sized']);
    });
    test('an encrypted tally that omits a ballot', () => {
      const bad = rechain(good, (body) => (body.startsWith('[[{"alpha"') ? body.replace(/"alpha":"[0-9a-f]{64}"/, `"alpha":"${'0'.repeat(63)}1"`) : body));
      expect(failedIds(bad)).toContain('tally.encrypted_tally');
    });
  });
});

describe('revoting', () => {
  test('only the last ballot of each credential is tallied', () => {
    const setup = demoSetup({ voters: 2 });
    const ballots = castAll(setup, [[[1, 0]], [[1, 0]], [[0, 1]]]); // voter 1 revotes Bob
    const { bytes } = demoArchive(setup, ballots);
    const report = verifyArchive(bytes);
    expect(report.ok).toBe(true);
    expect(report.result).toEqual([['1', '1']]);
    expect(report.ballots).toBe(3);
    expect(report.tallied).toBe(2);
  });
});

describe('threshold decryption', () => {
  const setup = demoSetup({ voters: 3, threshold: { n: 3, k: 2, decryptors: [2, 3] } });
  const ballots = castAll(setup, [[[1, 0]], [[0, 1]], [[1, 0]]]);
  test('any 2 of 3 Pedersen trustees decrypt', () => {
    const report = verifyArchive(demoArchive(setup, ballots).bytes);
    expect(report.checks.filter((c) => c.status !== 'pass')).toEqual([]);
    expect(report.result).toEqual([['2', '1']]);
  });
  test('one Pedersen share is not enough', () => {
    const short = { ...setup, decryptors: [2] };
    expect(() => demoArchive(short, ballots)).toThrow(/Pedersen partial decryptions needed/);
  });
});

test('the vector scale-2000 archive file is present for the benchmark', () => {
  expect(fs.statSync(belFile('scale-2000')).size).toBeGreaterThan(1_000_000);
});
