import { parseCredential, publicCredentialHex } from 'src/crypto/credential/credential';
import { parsePaperId, parseVotingId } from 'src/packs/codes';
import { derivePackSecrets, electionSeed } from 'src/packs/pack-secrets';

// Test data only: a fixed master seed.
const MASTER = new Uint8Array(32).fill(7);

describe(derivePackSecrets.name, () => {
  const seed = electionSeed(MASTER, 'Uu1dTestElect1');

  it('derives the same secrets for the same serial (a rerun prints identical packs)', () => {
    expect(derivePackSecrets(seed, 'Uu1dTestElect1', 42)).toEqual(derivePackSecrets(electionSeed(MASTER, 'Uu1dTestElect1'), 'Uu1dTestElect1', 42));
  });

  it('gives valid codes: a Belenios credential, a Voting ID and a paper ID with its check symbol', () => {
    const s = derivePackSecrets(seed, 'Uu1dTestElect1', 1);
    expect(() => parseCredential(s.credential)).not.toThrow();
    expect(parseVotingId(s.votingId)).toBe(s.votingId);
    expect(parsePaperId(s.paperId)).toBe(s.paperId);
    expect(publicCredentialHex('Uu1dTestElect1', s.credential)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('differs between serials and between elections', () => {
    const seen = { credential: new Set<string>(), votingId: new Set<string>(), paperId: new Set<string>() };
    for (let serial = 1; serial <= 500; serial++) {
      const s = derivePackSecrets(seed, 'Uu1dTestElect1', serial);
      seen.credential.add(s.credential);
      seen.votingId.add(s.votingId);
      seen.paperId.add(s.paperId);
    }
    expect([seen.credential.size, seen.votingId.size, seen.paperId.size]).toEqual([500, 500, 500]);
    const other = electionSeed(MASTER, 'OtherElection1');
    expect(derivePackSecrets(other, 'OtherElection1', 1).credential).not.toBe(derivePackSecrets(seed, 'Uu1dTestElect1', 1).credential);
  });

  it('refuses a short seed', () => {
    expect(() => electionSeed(new Uint8Array(16), 'Uu1dTestElect1')).toThrow(/at least 32 bytes/);
  });
});
