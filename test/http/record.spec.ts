import { execFileSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { unzipSync } from 'fflate';
import { CvrEntity } from 'src/count/count.entities';
import { ElectionEntity } from 'src/elections/election.entity';
import { ElectionsService } from 'src/elections/elections.service';
import { SYSTEM } from 'src/events/actor';
import { PackEntity } from 'src/packs/pack.entity';
import { ElectionRecordEntity } from 'src/record/election-record.entity';
import { recordPaths } from 'src/record/record-paths';
import { RecordService } from 'src/record/record.service';
import { TALLY_OUTCOME } from 'src/record/tally-outcome';
import { signIn } from 'test/support/auth';
import { codeForSerial, packCodes } from 'test/support/identity-codes';
import { openElection } from 'test/support/open-election';
import { printedPaperIds } from 'test/support/papers';
import { fakeTallyOutcome } from 'test/support/record';
import { members } from 'test/support/roll';
import { createTestApp, TestApp } from 'test/support/test-app';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const QUESTIONS = [{ question: 'Leader', answers: ['Alice', 'Bob'], min: 1, max: 1, blank: true }];

/** Reads a binary response body as bytes. */
const binary = (res: import('superagent').Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

describe('the election record (HTTP)', () => {
  let t: TestApp;
  let dataDir: string;
  const tally = fakeTallyOutcome();
  let admin: string;
  let observer: string;
  let staff: string;
  let supervisor: string;
  let e: ElectionEntity;
  /** Record ids in the order the papers were keyed. */
  const keyed: string[] = [];
  let countedSerials: number[];
  let voidedSerial: number;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hb-record-http-'));
    t = await createTestApp({ dataDir }, (b) => b.overrideProvider(TALLY_OUTCOME).useValue(tally));
    [admin, observer, staff, supervisor] = await Promise.all([signIn(t, 'administrator'), signIn(t, 'observer'), signIn(t, 'count_staff'), signIn(t, 'count_supervisor')]);
    e = await countedElection();
  }, 60_000);
  afterAll(async () => {
    await t.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  /**
   * Six members, first-wins: three return their pack, a fourth's pack is replaced and the
   * replacement returned (the old envelope arrives too, and is refused); the count keys 34
   * papers in two batches; the tally is then taken to result_ready.
   */
  async function countedElection(): Promise<ElectionEntity> {
    const election = await openElection(t, { precedencePolicy: 'first-wins', questions: QUESTIONS }, members(1, 6));
    const url = (p: string) => `/elections/${election.id}${p}`;
    const codes = await packCodes(t, election.id);
    const reissued = await t.http().post(url('/packs/reissues')).set('Authorization', admin).send({ memberNumber: codes[3].memberNumber, reason: 'pack never arrived' }).expect(201);
    voidedSerial = codes[3].serial;
    const session = (await t.http().post(url('/intake/sessions')).set('Authorization', staff).send({ station: 'D1' }).expect(201)).body.id as string;
    const scan = (code: string) => t.http().post(url('/intake/scans')).set('Authorization', staff).send({ scanId: randomUUID(), sessionId: session, code, entry: 'barcode' }).expect(201);
    for (const c of codes.slice(0, 3)) expect((await scan(c.code)).body.verdict).toBe('accept');
    expect((await scan(codes[3].code)).body).toMatchObject({ verdict: 'reject', reason: 'voided_pack' });
    expect((await scan(await codeForSerial(t, election.id, reissued.body.serial as number))).body.verdict).toBe('accept');
    countedSerials = [codes[0].serial, codes[1].serial, codes[2].serial, reissued.body.serial as number];
    await t.http().post(url(`/intake/sessions/${session}/close`)).set('Authorization', staff).expect(200);
    for (const to of ['online_closed', 'postal_closed', 'counting']) await t.http().post(url('/transitions')).set('Authorization', admin).send({ to }).expect(200);

    const papers = await printedPaperIds(t, election.id);
    const batch = async (label: string, envelopesOpened: number) =>
      (await t.http().post(url('/count/batches')).set('Authorization', staff).send({ label, envelopesOpened }).expect(201)).body.id as string;
    const key = async (batchId: string, body: object) => {
      const res = await t.http().post(url(`/count/batches/${batchId}/records`)).set('Authorization', staff).send(body).expect(201);
      keyed.push(res.body.recordId as string);
    };
    const first = await batch('D1-A01', 4);
    await key(first, { paperId: papers[0], choices: [[1, 0]] });
    await key(first, { paperId: papers[1], choices: [[0, 1]] });
    await key(first, { paperId: papers[2], choices: [[0, 0]] });
    await key(first, { paperId: papers[3], blank: true });
    await t.http().post(url(`/count/batches/${first}/close`)).set('Authorization', staff).send({}).expect(200);
    // Thirty papers without a barcode in a batch whose envelopes were never opened: it closes
    // only with a supervisor's reason, which the record carries.
    const second = await batch('D1-B01', 0);
    for (let i = 0; i < 30; i++) await key(second, { invalid: true, reason: i % 2 ? 'no_ballot_paper' : 'paper_missing_barcode' });
    await t.http().post(url(`/count/batches/${second}/close`)).set('Authorization', supervisor).send({ mismatchReason: 'found in the mail room' }).expect(200);

    await t.http().post(url('/transitions')).set('Authorization', admin).send({ to: 'tallying' }).expect(200);
    await t.get(ElectionsService).transition(election.id, 'result_ready', SYSTEM, { system: true });
    return t.get(ElectionsService).get(election.id);
  }

  const url = (p = '') => `/elections/${e.id}/record${p}`;
  const dir = () => recordPaths(dataDir, e.id).dir;
  const read = (p: string) => fs.readFileSync(path.join(dir(), p));

  type View = { status: string; error: string | null; builtAt: string; manifestSha256: string; zipBytes: number; files: Array<{ path: string; sha256: string; bytes: number }> };
  /** The record once the job has brought it to `status` (the in-process queue runs it). */
  async function settled(electionId: string, status: 'ready' | 'failed'): Promise<View> {
    for (let i = 0; i < 200; i++) {
      const res = await t.http().get(`/elections/${electionId}/record`).set('Authorization', admin).expect(200);
      if (res.body.status === status) return res.body;
      if (res.body.status === 'failed') throw new Error(`record build failed: ${res.body.error}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`the record did not become ${status} in 20 s`);
  }
  const built = () => settled(e.id, 'ready');

  it('is built as soon as the result is ready, without anyone asking; publishing waits until it is', async () => {
    // The counted election's record was asked for by entering result_ready alone.
    expect((await built()).files).toHaveLength(9);
    const archive = tally.onlineArchive;
    tally.onlineArchive = () => Promise.reject(new Error('the tally store is unreachable'));
    try {
      const other = await resultReadyElection();
      expect(await settled(other.id, 'failed')).toMatchObject({ status: 'failed', error: 'the tally store is unreachable' });
      const res = await t.http().post(`/elections/${other.id}/transitions`).set('Authorization', admin).send({ to: 'published' }).expect(409);
      expect(res.body.error).toMatchObject({ code: 'transition_blocked', problems: [expect.stringMatching(/record is not built/)] });
      expect((await t.get(ElectionsService).get(other.id)).status).toBe('result_ready');
    } finally {
      tally.onlineArchive = archive;
    }
  });

  it('can be asked for only once the result is ready, and only by an administrator', async () => {
    const counting = await openElection(t);
    expect((await t.http().post(`/elections/${counting.id}/record`).set('Authorization', admin).expect(409)).body.error).toMatchObject({ code: 'result_not_ready', status: 'open' });
    expect(await t.dataSource.getRepository(ElectionRecordEntity).countBy({ electionId: counting.id })).toBe(0);
    await t.http().post(url()).set('Authorization', observer).expect(403);
    await t.http().post(url()).expect(401);
  });

  it('builds every file of RECORD.md, with a manifest and SHA256SUMS that match them', async () => {
    const view = await built();
    const bel = `online/${e.beleniosUuid}.bel`;
    // Sorted by path: where the .bel falls depends on the election's random uuid.
    expect(view.files.map((f) => f.path)).toEqual(
      ['credentials/voided.txt', 'election.json', bel, 'online/superseded.jsonl', 'postal/batches.json', 'postal/counted-credentials.txt', 'postal/cvrs.jsonl', 'precedence.json', 'result.json'].sort(),
    );
    const manifest = read('manifest.json');
    expect(view.manifestSha256).toBe(sha(manifest));
    expect(JSON.parse(manifest.toString())).toEqual({ format: 'hybrid-ballot-record/1', election: e.id, files: view.files });
    for (const f of view.files) expect({ path: f.path, sha256: sha(read(f.path)), bytes: read(f.path).length }).toEqual(f);
    expect(execFileSync('sha256sum', ['--strict', '-c', 'SHA256SUMS'], { cwd: dir(), encoding: 'utf8' }).trim().split('\n')).toHaveLength(9);
    // Nothing besides the files listed, the manifest and the sums.
    const onDisk = (d: string, prefix = ''): string[] =>
      fs.readdirSync(d, { withFileTypes: true }).flatMap((x) => (x.isDirectory() ? onDisk(path.join(d, x.name), `${prefix}${x.name}/`) : [`${prefix}${x.name}`]));
    expect(onDisk(dir()).sort()).toEqual([...view.files.map((f) => f.path), 'SHA256SUMS', 'manifest.json'].sort());

    expect(Buffer.compare(read(bel), Buffer.from(tally.archive))).toBe(0);
    expect(JSON.parse(read('result.json').toString())).toEqual(tally.result);
    const superseded = read('online/superseded.jsonl').toString();
    expect(superseded.split('\n')).toEqual([expect.any(String), '']);
    expect(JSON.parse(superseded)).toEqual({ tracker: tally.supersededBallots[0].tracker, credential: tally.supersededBallots[0].credential, postal_credential: tally.supersededBallots[0].postalCredential, ballot: tally.supersededBallots[0].ballot });
    expect(JSON.parse(read('election.json').toString())).toMatchObject({ id: e.id, uuid: e.beleniosUuid, questions: QUESTIONS, precedence_policy: 'first-wins', timeline: { time_zone: 'UTC' } });
    expect(JSON.parse(read('precedence.json').toString())).toMatchObject({ policy: 'first-wins', members: { countedPostal: 4 } });
  });

  it('lists the credentials whose postal return counted, and the voided one', async () => {
    const credential = async (serial: number) => (await t.dataSource.getRepository(PackEntity).findOneByOrFail({ electionId: e.id, serial })).publicCredential;
    const counted = await Promise.all(countedSerials.map(credential));
    expect(read('postal/counted-credentials.txt').toString()).toBe(counted.sort().map((c) => `${c}\n`).join(''));
    expect(read('credentials/voided.txt').toString()).toBe(`${await credential(voidedSerial)}\n`);
  });

  it('publishes the CVRs in the order of their random ids, not the order they were keyed, without the ids', async () => {
    const lines = read('postal/cvrs.jsonl').toString().split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(34);
    const rows = await t.dataSource.getRepository(CvrEntity).findBy({ electionId: e.id });
    const byId = [...rows].sort((a, b) => (a.id < b.id ? -1 : 1));
    const line = (r: CvrEntity) =>
      JSON.stringify(r.kind === 'valid' ? { batch: r.batchId, kind: 'valid', choices: r.choices } : r.kind === 'blank' ? { batch: r.batchId, kind: 'blank' } : { batch: r.batchId, kind: 'invalid', reason: r.invalidReason });
    expect(lines).toEqual(byId.map(line));
    const inKeyingOrder = keyed.map((id) => line(rows.find((r) => r.id === id)!));
    expect(lines).not.toEqual(inKeyingOrder);
    for (const id of keyed) expect(read('postal/cvrs.jsonl').toString()).not.toContain(id);
    const batches = JSON.parse(read('postal/batches.json').toString());
    expect(batches).toEqual([
      { id: expect.any(String), label: 'D1-A01', envelopes_opened: 4, papers: 4, valid: 3, blank: 1, invalid: 0, mismatch_reason: null },
      { id: expect.any(String), label: 'D1-B01', envelopes_opened: 0, papers: 30, valid: 0, blank: 0, invalid: 30, mismatch_reason: 'found in the mail room' },
    ]);
  });

  it('serves record.zip holding the same bytes, and is rebuilt byte for byte the same', async () => {
    const first = await built();
    const zip = await t.http().get(url('/download')).set('Authorization', observer).buffer(true).parse(binary).expect(200);
    expect(zip.headers['content-type']).toBe('application/zip');
    expect(zip.headers['content-disposition']).toBe(`attachment; filename="record-${e.id}.zip"`);
    const body = zip.body as Buffer;
    expect(body.length).toBe(first.zipBytes);
    const entries = unzipSync(body);
    expect(Object.keys(entries)).toEqual([...first.files.map((f) => f.path), 'SHA256SUMS', 'manifest.json'].sort((a, b) => (a < b ? -1 : 1)));
    for (const [p, bytes] of Object.entries(entries)) expect(sha(bytes)).toBe(sha(read(p)));

    // A rebuild keeps the record served meanwhile, and writes the same bytes.
    expect((await t.http().post(url()).set('Authorization', admin).expect(202)).body).toMatchObject({ status: 'ready', manifestSha256: first.manifestSha256 });
    await t.http().get(url('/files/election.json')).set('Authorization', observer).expect(200);
    let again = first;
    for (let i = 0; i < 200 && again.builtAt === first.builtAt; i++) {
      await new Promise((r) => setTimeout(r, 100));
      again = await built();
    }
    expect(again.builtAt).not.toBe(first.builtAt);
    expect(again.manifestSha256).toBe(first.manifestSha256);
    expect(sha(fs.readFileSync(recordPaths(dataDir, e.id).zip))).toBe(sha(body));
    // The job's key is the election id for the first build; a rebuild has its own.
    expect(await t.dataSource.getRepository(ElectionRecordEntity).findOneByOrFail({ electionId: e.id })).toMatchObject({ status: 'ready', requests: 2, jobKey: `${e.id}.1` });
    expect(fs.readdirSync(recordPaths(dataDir, e.id).root).sort()).toEqual(['record', 'record.zip']);
  });

  it('serves each file the manifest lists, and nothing else', async () => {
    const bel = await t.http().get(url(`/files/online/${e.beleniosUuid}.bel`)).set('Authorization', observer).buffer(true).parse(binary).expect(200);
    expect(Buffer.compare(bel.body as Buffer, Buffer.from(tally.archive))).toBe(0);
    const sums = await t.http().get(url('/files/SHA256SUMS')).set('Authorization', admin).expect(200);
    expect(sums.headers['content-type']).toMatch(/^text\/plain/);
    expect(sums.text).toBe(read('SHA256SUMS').toString());
    expect((await t.http().get(url('/files/postal/batches.json')).set('Authorization', admin).expect(200)).body).toHaveLength(2);
    for (const p of ['../record.zip', '..%2Frecord.zip', 'postal/../election.json', '%2e%2e/%2e%2e/%2e%2e/etc/passwd', 'postal', 'online/', '/etc/passwd', 'ELECTION.JSON']) {
      const res = await t.http().get(`${url('/files/')}${p}`).set('Authorization', admin);
      expect([p, res.status]).toEqual([p, 404]);
      expect(res.text).not.toContain(e.beleniosUuid);
    }
  });

  it('is for administrators and observers until the election is published, then for everyone', async () => {
    for (const p of ['', '/download', '/files/election.json']) {
      await t.http().get(url(p)).expect(401);
      await t.http().get(url(p)).set('Authorization', staff).expect(403);
    }
    await t.http().get('/elections/2b1f7a9e-5d0c-4c4e-9b8a-1f2e3d4c5b6a/record').expect(404);
    await t.http().post(`/elections/${e.id}/transitions`).set('Authorization', admin).send({ to: 'published' }).expect(200);
    expect((await t.http().get(url()).expect(200)).body).toMatchObject({ status: 'ready', manifestSha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    await t.http().get(url('/download')).expect(200);
    expect((await t.http().get(url('/files/election.json')).expect(200)).body).toMatchObject({ id: e.id });
    // Building is still the administrator's alone.
    await t.http().post(url()).set('Authorization', staff).expect(403);
  });

  it('records a failed build with its message and leaves no record, then builds once asked again', async () => {
    const archive = tally.onlineArchive;
    tally.onlineArchive = () => Promise.reject(new Error('the tally store is unreachable'));
    let other: ElectionEntity;
    try {
      other = await resultReadyElection();
      expect(await settled(other.id, 'failed')).toMatchObject({ status: 'failed', error: 'the tally store is unreachable', files: [], manifestSha256: null });
      expect(fs.existsSync(recordPaths(dataDir, other.id).dir)).toBe(false);
      await t.http().get(`/elections/${other.id}/record/download`).set('Authorization', admin).expect(404);
    } finally {
      tally.onlineArchive = archive;
    }
    await t.http().post(`/elections/${other.id}/record`).set('Authorization', admin).expect(202);
    const ready = await settled(other.id, 'ready');
    expect(ready.files).toHaveLength(9);

    // A rebuild that fails leaves the ready record as it was, and says what went wrong.
    tally.onlineArchive = () => Promise.reject(new Error('the tally store is unreachable again'));
    try {
      await t.http().post(`/elections/${other.id}/record`).set('Authorization', admin).expect(202);
      let view = ready;
      for (let i = 0; i < 200 && !view.error; i++) {
        await new Promise((r) => setTimeout(r, 100));
        view = await settled(other.id, 'ready');
      }
      expect(view).toMatchObject({ status: 'ready', error: 'the tally store is unreachable again', manifestSha256: ready.manifestSha256, files: ready.files });
      await t.http().get(`/elections/${other.id}/record/download`).set('Authorization', admin).expect(200);
    } finally {
      tally.onlineArchive = archive;
    }
  });

  it('builds through requestBuild once (job id = election id), however often it is asked', async () => {
    const other = await resultReadyElection();
    const service = t.get(RecordService);
    await Promise.all([service.requestBuild(other.id), service.requestBuild(other.id)]);
    const ready = await settled(other.id, 'ready');
    await service.requestBuild(other.id);
    expect(await t.dataSource.getRepository(ElectionRecordEntity).findOneByOrFail({ electionId: other.id })).toMatchObject({ status: 'ready', requests: 1, jobKey: other.id, manifestSha256: ready.manifestSha256 });
  });

  /** An election with nothing counted, taken straight to result_ready. */
  async function resultReadyElection(): Promise<ElectionEntity> {
    const other = await openElection(t, { precedencePolicy: 'first-wins' });
    for (const to of ['online_closed', 'postal_closed', 'counting', 'tallying'] as const) await t.get(ElectionsService).transition(other.id, to, SYSTEM);
    return t.get(ElectionsService).transition(other.id, 'result_ready', SYSTEM, { system: true });
  }
});
