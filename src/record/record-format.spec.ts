import { batchesJson, credentialList, cvrLine, electionJson, manifestJson, sha256Sums, supersededLine } from 'src/record/record-format';

const text = (b: Uint8Array) => new TextDecoder().decode(b);
const A = 'a'.repeat(64);
const B = 'b'.repeat(64);

describe('record format', () => {
  it('writes a CVR as its batch and what the paper says, never its id', () => {
    expect(cvrLine({ batchId: 'b1', kind: 'valid', choices: [[0, 1], [1, 0, 1]], invalidReason: null })).toBe('{"batch":"b1","kind":"valid","choices":[[0,1],[1,0,1]]}\n');
    expect(cvrLine({ batchId: 'b1', kind: 'blank', choices: null, invalidReason: null })).toBe('{"batch":"b1","kind":"blank"}\n');
    expect(cvrLine({ batchId: 'b2', kind: 'invalid', choices: null, invalidReason: 'over_vote' })).toBe('{"batch":"b2","kind":"invalid","reason":"over_vote"}\n');
  });

  it('names the scan a scanned paper was read from, by its hash and page', () => {
    expect(cvrLine({ batchId: 'b1', kind: 'valid', choices: [[1, 0]], invalidReason: null, imageSha256: B, imagePage: 2 })).toBe(`{"batch":"b1","kind":"valid","choices":[[1,0]],"image_sha256":"${B}","image_page":2}\n`);
    expect(cvrLine({ batchId: 'b1', kind: 'blank', choices: null, invalidReason: null, imageSha256: null, imagePage: null })).toBe('{"batch":"b1","kind":"blank"}\n');
  });

  it('refuses to publish a valid CVR without choices or an invalid one without a reason', () => {
    expect(() => cvrLine({ batchId: 'b', kind: 'valid', choices: null, invalidReason: null })).toThrow(/no choices/);
    expect(() => cvrLine({ batchId: 'b', kind: 'invalid', choices: null, invalidReason: null })).toThrow(/no reason/);
  });

  it('lists credentials lowercase, sorted, once each, one per line', () => {
    expect(text(credentialList([B, A.toUpperCase(), A]))).toBe(`${A}\n${B}\n`);
    expect(text(credentialList([]))).toBe('');
  });

  it('writes superseded ballots with snake_case keys and the raw ballot', () => {
    const line = supersededLine({ tracker: 'T', credential: A.toUpperCase(), postalCredential: B, ballot: '{"x":1}' });
    expect(JSON.parse(line)).toEqual({ tracker: 'T', credential: A, postal_credential: B, ballot: '{"x":1}' });
    expect(line.endsWith('}\n')).toBe(true);
  });

  it('gives each batch its papers as valid + blank + invalid, and its mismatch reason', () => {
    const json = JSON.parse(text(batchesJson([{ id: 'b1', label: 'D1', envelopesOpened: 7, valid: 3, blank: 2, invalid: 1, mismatchReason: 'one envelope held two papers' }])));
    expect(json).toEqual([{ id: 'b1', label: 'D1', envelopes_opened: 7, papers: 6, valid: 3, blank: 2, invalid: 1, mismatch_reason: 'one envelope held two papers' }]);
  });

  it('publishes the election settings voters were told, and not how members sign in', () => {
    // An election entity carries more than is published (how members sign in, for one).
    const entity = {
      id: 'e1',
      beleniosUuid: 'UUID',
      title: 'Leader',
      description: 'd',
      questions: [{ question: 'Q', answers: ['A', 'B'], min: 1, max: 1, blank: true }],
      channels: { online: true, postal: true },
      precedencePolicy: 'postal-overrides-online' as const,
      onlineRevoting: false,
      timeline: { onlineOpensAt: '2026-01-01T00:00:00.000Z', onlineClosesAt: null, postalDeadline: null, timeZone: 'Europe/Paris' },
      secondFactor: 'date-of-birth',
    };
    const json = JSON.parse(text(electionJson(entity)));
    expect(json).toEqual({
      id: 'e1',
      uuid: 'UUID',
      title: 'Leader',
      description: 'd',
      questions: [{ question: 'Q', answers: ['A', 'B'], min: 1, max: 1, blank: true }],
      channels: { online: true, postal: true },
      precedence_policy: 'postal-overrides-online',
      online_revoting: false,
      timeline: { online_opens_at: '2026-01-01T00:00:00.000Z', online_closes_at: null, postal_deadline: null, time_zone: 'Europe/Paris' },
    });
  });

  it('sorts the manifest and SHA256SUMS by path', () => {
    const files = [
      { path: 'result.json', sha256: '1'.repeat(64), bytes: 3 },
      { path: 'election.json', sha256: '2'.repeat(64), bytes: 5 },
      { path: 'postal/cvrs.jsonl', sha256: '3'.repeat(64), bytes: 0 },
    ];
    const manifest = JSON.parse(text(manifestJson('e1', files)));
    expect(manifest).toEqual({ format: 'hybrid-ballot-record/1', election: 'e1', files: [files[1], files[2], files[0]] });
    expect(text(sha256Sums(files))).toBe(`${'2'.repeat(64)}  election.json\n${'3'.repeat(64)}  postal/cvrs.jsonl\n${'1'.repeat(64)}  result.json\n`);
  });
});
