import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import { readArchive } from 'src/crypto/archive/archive-reader';
import { createBallot } from 'src/crypto/ballot/create-ballot';
import { publicCredentialHex } from 'src/crypto/credential/credential';
import { useFastestBackend } from 'src/crypto/native/backend';
import { demoArchive } from 'src/crypto/testing/demo-election';
import { verifyRecord, type RecordReport } from 'src/verify/record/verify-record';
import { buildRecord, copyRecord, reseal, zipRecord, type RecordFixture } from 'test/support/record-fixture';
import { sironaVerify } from 'test/support/sirona';
import { rechain } from 'test/support/tamper';

const failed = (r: RecordReport): string[] => r.checks.filter((c) => c.status === 'fail').map((c) => c.id);
const check = (r: RecordReport, id: string) => r.checks.find((c) => c.id === id)!;

const TABLE = [
  'manifest',
  'online.election_matches',
  'superseded.ballots_valid',
  'superseded.justified',
  'superseded.not_tallied',
  'channels.disjoint',
  'voided.unused',
  'postal.credentials_listed',
  'postal.cvrs_valid',
  'postal.batches_reconcile',
  'postal.envelopes',
  'result.online',
  'result.postal',
  'result.merged',
];

function edit(dir: string, file: string, f: (text: string) => string): void {
  const p = path.join(dir, file);
  fs.writeFileSync(p, f(fs.readFileSync(p, 'utf8')));
}

function editJson<T>(dir: string, file: string, f: (v: T) => void): void {
  edit(dir, file, (t) => {
    const v = JSON.parse(t) as T;
    f(v);
    return JSON.stringify(v, null, 2) + '\n';
  });
}

/** Replace the .bel and reseal, as someone rewriting the record would. */
function replaceBel(dir: string, fx: RecordFixture, bel: Uint8Array): void {
  fs.writeFileSync(path.join(dir, fx.belPath), bel);
  reseal(dir);
}

const belBytes = (dir: string, fx: RecordFixture): Uint8Array => new Uint8Array(fs.readFileSync(path.join(dir, fx.belPath)));

type ResultJson = { questions: { answers: { online: number; postal: number; total: number }[] }[] };

describe(verifyRecord.name, () => {
  let fx: RecordFixture;
  let pedersen: RecordFixture;
  beforeAll(() => {
    useFastestBackend();
    fx = buildRecord();
    pedersen = buildRecord({ blank: true, pedersen: true, online: 5, postal: 7 });
  });

  describe('a valid record', () => {
    test('passes every check of the table, from its directory', async () => {
      const r = await verifyRecord(fx.dir);
      expect(failed(r)).toEqual([]);
      expect(r.ok).toBe(true);
      for (const id of TABLE) expect(check(r, id).status).toBe('pass');
      expect(r.checks.some((c) => c.id === 'online.archive.ballot.signature_proof' && c.count === 5)).toBe(true);
      expect(r).toMatchObject({ form: 'directory', electionUuid: fx.uuid, ballots: 5, tallied: 4, superseded: 1, cvrs: 5 });
    });

    test('passes from its record.zip, at the root or under one folder', async () => {
      const zip = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hb-zip-')), 'record.zip');
      fs.writeFileSync(zip, zipRecord(fx.dir));
      const r = await verifyRecord(zip);
      expect(r.form).toBe('zip');
      expect(failed(r)).toEqual([]);
      expect(r.checks.length).toBeGreaterThan(TABLE.length + 30);
      const nested = zipSync(Object.fromEntries(Object.entries(unzipSync(zipRecord(fx.dir))).map(([name, body]) => [`record/${name}`, body])));
      fs.writeFileSync(zip, nested);
      expect(failed(await verifyRecord(zip))).toEqual([]);
    });

    test('with a blank-allowed question and a Pedersen 2-of-3 group with one member absent, passes too', async () => {
      const r = await verifyRecord(pedersen.dir);
      expect(failed(r)).toEqual([]);
      expect(check(r, 'online.archive.decryption.proofs').count).toBe(2);
      expect(check(r, 'online.archive.trustees.pedersen').status).toBe('pass');
      const result = JSON.parse(fs.readFileSync(path.join(pedersen.dir, 'result.json'), 'utf8')) as { questions: { blank?: { online: number; postal: number } }[] };
      expect(result.questions[1].blank!.online).toBeGreaterThan(0);
      expect(result.questions[1].blank!.postal).toBeGreaterThan(0);
    });

    test("Sirona verifies the record's .bel unchanged", () => {
      for (const f of [fx, pedersen]) {
        const s = sironaVerify(belBytes(f.dir, f), f.uuid);
        expect(s).toMatchObject({ code: 0 });
      }
    }, 120_000);

    test('a bare .bel gets the archive checks only, under their own names', async () => {
      const r = await verifyRecord(path.join(fx.dir, fx.belPath));
      expect(r.form).toBe('bel');
      expect(r.ok).toBe(true);
      expect(r.checks.map((c) => c.id)).toContain('ballot.signature_proof');
      expect(r.checks.map((c) => c.id)).not.toContain('manifest');
    });
  });

  describe('tampering is caught and names the check', () => {
    let dir: string;
    beforeEach(() => {
      dir = copyRecord(fx.dir);
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    test('a flipped digit in a ballot proof (archive rechained, manifest resealed)', async () => {
      const target = fx.ballots[2];
      const bel = rechain(belBytes(dir, fx), (body) => (body === target ? body.replace(/("individual_proofs":\[\[\{"challenge":"\d+","response":"\d*)(\d)"/, (_, a: string, d: string) => `${a}${(Number(d) + 1) % 10}"`) : body));
      replaceBel(dir, fx, bel);
      const r = await verifyRecord(dir);
      expect(failed(r)).toContain('online.archive.ballot.individual_proofs');
      expect(check(r, 'manifest').status).toBe('pass');
    });

    test('a dropped ballot, the archive re-tallied and decrypted again', async () => {
      replaceBel(dir, fx, demoArchive(fx.setup, fx.ballots.filter((_, i) => i !== 3)).bytes);
      const r = await verifyRecord(dir);
      expect(failed(r)).toEqual(['result.online']);
      expect(check(r, 'result.online').failures[0].reason).toMatch(/result\.json says \d+, the \.bel's Result gives \d+/);
    });

    test('a duplicated ballot', async () => {
      replaceBel(dir, fx, demoArchive(fx.setup, [...fx.ballots, fx.ballots[2]]).bytes);
      const r = await verifyRecord(dir);
      expect(failed(r)).toContain('online.archive.ballot.unique');
    });

    test('a CVR changed', async () => {
      edit(dir, 'postal/cvrs.jsonl', (t) => t.replace('"choices":[[1,0]]', '"choices":[[0,1]]'));
      reseal(dir);
      const r = await verifyRecord(dir);
      expect(failed(r)).toEqual(['result.postal']);
    });

    test('a CVR added', async () => {
      const batch = (JSON.parse(fs.readFileSync(path.join(dir, 'postal/batches.json'), 'utf8')) as { id: string }[])[0].id;
      edit(dir, 'postal/cvrs.jsonl', (t) => t + JSON.stringify({ batch, kind: 'valid', choices: [[1, 0]] }) + '\n');
      reseal(dir);
      const r = await verifyRecord(dir);
      expect(failed(r)).toEqual(expect.arrayContaining(['postal.batches_reconcile', 'result.postal']));
      expect(check(r, 'postal.batches_reconcile').failures[0].reason).toMatch(/CVRs, the batch says \d+ papers/);
    });

    test('one scanned page behind two CVRs', async () => {
      edit(dir, 'postal/cvrs.jsonl', (t) => {
        const lines = t.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
        const scanned = lines.filter((l) => l.image_sha256 !== undefined);
        scanned[1].image_sha256 = scanned[0].image_sha256;
        scanned[1].image_page = scanned[0].image_page;
        return lines.map((l) => JSON.stringify(l)).join('\n') + '\n';
      });
      reseal(dir);
      const r = await verifyRecord(dir);
      expect(failed(r)).toEqual(['postal.cvrs_valid']);
      expect(check(r, 'postal.cvrs_valid').failures[0].reason).toMatch(/the same scanned page \([0-9a-f]{64}#\d\) is behind the record on line \d+/);
    });

    test('a malformed scan hash', async () => {
      edit(dir, 'postal/cvrs.jsonl', (t) => t.replace(/"image_sha256":"[0-9a-f]{64}"/, '"image_sha256":"not-a-hash"'));
      reseal(dir);
      const r = await verifyRecord(dir);
      expect(failed(r)).toContain('postal.cvrs_valid');
      expect(check(r, 'postal.cvrs_valid').failures[0].reason).toMatch(/image_sha256: expected 64 lowercase hex digits/);
    });

    test('a credential counted in both channels', async () => {
      edit(dir, 'postal/counted-credentials.txt', (t) => [...t.trim().split('\n'), fx.onlineCredentials[1]].sort().join('\n') + '\n');
      reseal(dir);
      const r = await verifyRecord(dir);
      expect(failed(r)).toContain('channels.disjoint');
      expect(check(r, 'channels.disjoint').failures).toEqual([{ where: fx.onlineCredentials[1], reason: expect.stringMatching(/counted by post and has ballot \S+ in the \.bel/) }]);
    });

    test('a voided credential used online', async () => {
      edit(dir, 'credentials/voided.txt', (t) => [...t.trim().split('\n'), fx.onlineCredentials[2]].sort().join('\n') + '\n');
      reseal(dir);
      const r = await verifyRecord(dir);
      expect(failed(r)).toEqual(['voided.unused']);
    });

    test('a superseded ballot whose credential is not in counted-credentials', async () => {
      const spare = fx.spareIndices[0];
      const b = createBallot(fx.setup.election, fx.setup.privateCreds[spare], [[1, 0]]);
      const hex = publicCredentialHex(fx.uuid, fx.setup.privateCreds[spare]);
      edit(dir, 'online/superseded.jsonl', (t) => t + JSON.stringify({ tracker: b.tracker, credential: hex, postal_credential: hex, ballot: b.raw }) + '\n');
      reseal(dir);
      const r = await verifyRecord(dir);
      expect(failed(r)).toEqual(['superseded.justified']);
      expect(check(r, 'superseded.justified').failures[0].reason).toBe(`postal_credential ${hex} is not in postal/counted-credentials.txt`);
    });

    test('a superseded ballot that is not a valid ballot of this election', async () => {
      edit(dir, 'online/superseded.jsonl', (t) => t.replace(/(\\"response\\":\\"\d*)(\d)\\"/, (_, a: string, d: string) => `${a}${(Number(d) + 1) % 10}\\"`));
      reseal(dir);
      const r = await verifyRecord(dir);
      expect(failed(r)).toEqual(['superseded.ballots_valid']);
    });

    test("a partial decryption swapped for another trustee's", async () => {
      const pdir = copyRecord(pedersen.dir);
      const bel = belBytes(pdir, pedersen);
      const partials: string[] = [];
      for (const rec of readArchive(bel)) if (rec.kind === 'data' && new TextDecoder().decode(rec.entry.body).includes('decryption_factors')) partials.push(new TextDecoder().decode(rec.entry.body));
      expect(partials).toHaveLength(2);
      replaceBel(pdir, pedersen, rechain(bel, (body) => (body === partials[0] ? partials[1] : body === partials[1] ? partials[0] : body)));
      const r = await verifyRecord(pdir);
      expect(failed(r)).toContain('online.archive.decryption.proofs');
      fs.rmSync(pdir, { recursive: true, force: true });
    });

    test('a result digit changed: online, postal or merged total, each named', async () => {
      const cases: [string, (q: ResultJson) => void][] = [
        ['result.online', (v) => void ((v.questions[0].answers[0].online += 1), (v.questions[0].answers[0].total += 1))],
        ['result.postal', (v) => void ((v.questions[0].answers[1].postal += 1), (v.questions[0].answers[1].total += 1))],
        ['result.merged', (v) => void (v.questions[0].answers[0].total += 1)],
      ];
      for (const [id, change] of cases) {
        const d = copyRecord(fx.dir);
        editJson<ResultJson>(d, 'result.json', change);
        reseal(d);
        const r = await verifyRecord(d);
        expect(failed(r)).toEqual([id]);
        fs.rmSync(d, { recursive: true, force: true });
      }
    });

    test('a manifest hash changed', async () => {
      editJson<{ files: { sha256: string }[] }>(dir, 'manifest.json', (m) => void (m.files[0].sha256 = m.files[0].sha256.replace(/^./, (c) => (c === '0' ? '1' : '0'))));
      const r = await verifyRecord(dir);
      expect(failed(r)).toEqual(['manifest']);
      expect(check(r, 'manifest').failures.map((f) => f.reason).join('\n')).toMatch(/the manifest says/);
    });

    test('an unlisted file added', async () => {
      fs.writeFileSync(path.join(dir, 'postal', 'extra.jsonl'), '{}\n');
      const r = await verifyRecord(dir);
      expect(failed(r)).toEqual(['manifest']);
      expect(check(r, 'manifest').failures).toEqual([{ where: 'postal/extra.jsonl', reason: 'not listed in the manifest' }]);
    });

    test('a missing file fails the manifest and every check that needs it, with the reason, and nothing crashes', async () => {
      fs.rmSync(path.join(dir, 'postal/batches.json'));
      const r = await verifyRecord(dir);
      expect(failed(r)).toEqual(['manifest', 'postal.cvrs_valid', 'postal.batches_reconcile', 'postal.envelopes', 'result.merged']);
      expect(check(r, 'manifest').failures).toEqual([{ where: 'postal/batches.json', reason: 'listed in the manifest but missing' }]);
      expect(check(r, 'postal.envelopes').failures[0].reason).toBe('cannot check: postal/batches.json is missing');
    });

    test('a malformed file is a failed check naming the line', async () => {
      edit(dir, 'postal/cvrs.jsonl', (t) => t + '{"batch": oops}\n');
      reseal(dir);
      const r = await verifyRecord(dir);
      expect(failed(r)).toEqual(['postal.cvrs_valid', 'postal.batches_reconcile', 'result.postal']);
      expect(check(r, 'postal.cvrs_valid').failures[0].reason).toBe('cannot check: postal/cvrs.jsonl line 6: not valid JSON');
    });
  });
});
