import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { publicCredentialHex } from 'src/crypto/credential/credential';
import { ElectionsService } from 'src/elections/elections.service';
import { SYSTEM } from 'src/events/actor';
import { PackGenerationService } from 'src/packs/pack-generation.service';
import { derivePackSecrets, electionSeed } from 'src/packs/pack-secrets';
import { PackBatchEntity, PackEntity } from 'src/packs/pack.entity';
import { packsDir } from 'src/packs/print-files';
import { RollService } from 'src/roll/roll.service';
import { signIn } from 'test/support/auth';
import { electionInput } from 'test/support/factories';
import { byEmail, commitRoll, members } from 'test/support/roll';
import { createTestApp, TestApp } from 'test/support/test-app';

describe('Pack generation', () => {
  let t: TestApp;
  let ca: string;
  beforeAll(async () => {
    t = await createTestApp();
    ca = await signIn(t, 'credential_authority');
  });
  afterAll(() => t.close());

  async function frozenElection(): Promise<string> {
    const e = await t.get(ElectionsService).create(electionInput(), SYSTEM);
    await commitRoll(t, e.id, [
      ...members(1, 8),
      { member_number: 'A0001', channel: 'online-only', email: 'abroad1@example.org', country: 'FR', postcode: '75001' },
      { member_number: 'A0002', channel: 'online-only', email: 'abroad2@example.org', country: 'DE', postcode: '10115' },
    ]);
    await t.get(ElectionsService).transition(e.id, 'roll_frozen', SYSTEM);
    return e.id;
  }

  async function waitGenerated(id: string): Promise<Record<string, unknown>> {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const res = await t.http().get(`/elections/${id}/packs`).set('Authorization', ca).expect(200);
      if (res.body.status === 'generated' || res.body.status === 'failed' || Date.now() > deadline) return res.body;
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  it('prints a frozen roll in batches, stores only public values, and moves the election to packs_ready', async () => {
    const id = await frozenElection();
    const res = await t.http().post(`/elections/${id}/packs`).set('Authorization', ca).send({ language: 'fr' }).expect(202);
    expect(res.body.jobId).toEqual(expect.any(String));
    const status = await waitGenerated(id);
    expect(status).toMatchObject({ status: 'generated', setup: { members: 10, spares: 50, batches: 2, language: 'fr' } });
    // Progress is summed over the batch jobs (one per print batch).
    expect(status.progress).toMatchObject({ done: 8, total: 8, batches: 2, batchesDone: 2, etaSeconds: 0, failures: 0, failing: [] });
    expect((status.progress as { packsPerSecond: number }).packsPerSecond).toBeGreaterThan(0);
    expect((await t.get(ElectionsService).get(id)).status).toBe('packs_ready');

    // The printed credential derives the public credential stored for each pack.
    const election = await t.get(ElectionsService).get(id);
    const seed = electionSeed(t.config.packs.credentialSeed!, election.beleniosUuid);
    const stored = await t.dataSource.getRepository(PackEntity).find({ where: { electionId: id } });
    expect(stored).toHaveLength(60);
    const secrets = stored.map((p) => derivePackSecrets(seed, election.beleniosUuid, p.serial));
    stored.forEach((p, i) => expect(p.publicCredential).toBe(publicCredentialHex(election.beleniosUuid, secrets[i].credential)));
    expect(stored.filter((p) => p.delivery === 'email').map((p) => p.memberNumber).sort()).toEqual(['A0001', 'A0002']);

    // No private code anywhere in the database or the manifest.
    const dump = JSON.stringify(
      await Promise.all(['pack', 'pack_setup', 'paper', 'event', 'job'].map((table) => t.dataSource.query(`SELECT * FROM ${table}`))),
    );
    const dir = packsDir(t.config.dataDir, id);
    const manifest = fs.readFileSync(path.join(dir, 'manifest.csv'), 'utf8');
    for (const s of secrets) {
      for (const secret of [s.credential, s.votingId, s.paperId]) {
        expect(dump.includes(secret)).toBe(false);
        expect(manifest.includes(secret)).toBe(false);
      }
    }
    expect(manifest.trim().split('\n')).toHaveLength(1 + 8);

    // Checksums match the files; the PDF shows the member's name and Voting ID.
    const sums = fs.readFileSync(path.join(dir, 'SHA256SUMS'), 'utf8').trim().split('\n');
    expect(sums).toHaveLength(2);
    for (const line of sums) {
      const [hash, file] = line.split(/\s+/);
      expect(createHash('sha256').update(fs.readFileSync(path.join(dir, file))).digest('hex')).toBe(hash);
    }
    const text = execFileSync('pdftotext', [path.join(dir, 'batch-0001.pdf'), '-'], { encoding: 'utf8' });
    const first = stored.find((p) => p.batch === 1 && p.sequence === 1)!;
    expect(text).toContain(`Member${first.memberNumber}`);
    expect(text.replace(/-/g, '')).toContain(derivePackSecrets(seed, election.beleniosUuid, first.serial).votingId);
  });

  it('a batch that fails every attempt stops the run; once the cause is fixed, retrying its batch completes it', async () => {
    const id = await frozenElection();
    // A name the pack fonts cannot print: the batch that holds it fails, the other one prints.
    await t.get(RollService).amendMember(id, 'M0003', { givenNames: '王' }, 'entered from the membership form', SYSTEM);
    await t.http().post(`/elections/${id}/packs`).set('Authorization', ca).send({}).expect(202);
    const failed = await waitGenerated(id);
    expect(failed.status).toBe('failed');
    const progress = failed.progress as { batchesDone: number; failing: Array<{ batch: number; error: string }> };
    expect(progress.batchesDone).toBe(1);
    expect(progress.failing).toEqual([expect.objectContaining({ error: expect.stringContaining('王') })]);
    expect((await t.get(ElectionsService).get(id)).status).toBe('roll_frozen');

    // Had the worker been killed during the last attempt, no error would be on the batch: the
    // run must still read as failed, from the queue's verdict on that batch's job.
    await t.dataSource.getRepository(PackBatchEntity).update({ electionId: id, batch: progress.failing[0].batch }, { error: null });
    const silent = (await t.http().get(`/elections/${id}/packs`).set('Authorization', ca).expect(200)).body;
    expect(silent).toMatchObject({ status: 'failed', progress: { failing: [{ batch: progress.failing[0].batch, error: expect.stringMatching(/^attempt 5: /) }] } });

    await t.get(RollService).amendMember(id, 'M0003', { givenNames: 'Wang' }, 'name as on the passport', SYSTEM);
    const retry = await t.http().post(`/elections/${id}/packs/retry`).set('Authorization', ca).expect(202);
    expect(retry.body).toEqual({ batches: [progress.failing[0].batch] });
    // The retried batch starts afresh: the run no longer reads as failed while it renders.
    expect((await t.http().get(`/elections/${id}/packs`).set('Authorization', ca).expect(200)).body.status).not.toBe('failed');
    expect(await waitGenerated(id)).toMatchObject({ status: 'generated', progress: { batchesDone: 2, failing: [] } });
    expect((await t.get(ElectionsService).get(id)).status).toBe('packs_ready');
    expect((await t.http().post(`/elections/${id}/packs/retry`).set('Authorization', ca).expect(409)).body.error.code).toBe('packs_already_generated');
  }, 90_000);

  it('a rerun after a crash renders byte-identical batches and never new codes', async () => {
    const id = await frozenElection();
    await t.http().post(`/elections/${id}/packs`).set('Authorization', ca).send({}).expect(202);
    await waitGenerated(id);
    const dir = packsDir(t.config.dataDir, id);
    const before = fs.readFileSync(path.join(dir, 'SHA256SUMS'), 'utf8');
    const packsBefore = await t.dataSource.getRepository(PackEntity).find({ where: { electionId: id }, order: { serial: 'ASC' } });
    fs.rmSync(path.join(dir, 'batch-0002.pdf'));
    await t.get(PackGenerationService).generate({ electionId: id, template: 'default', language: 'en' }, { jobId: 'rerun', attempt: 2, reportProgress: async () => undefined });
    expect(fs.readFileSync(path.join(dir, 'SHA256SUMS'), 'utf8')).toBe(before);
    expect(await t.dataSource.getRepository(PackEntity).find({ where: { electionId: id }, order: { serial: 'ASC' } })).toEqual(packsBefore);
  });

  it('completes when every pack is e-mailed and there is nothing to print', async () => {
    // Regression: with no print batch the packs directory was never created, writing the
    // manifest failed (ENOENT) and the election could not reach packs_ready.
    const e = await t.get(ElectionsService).create(electionInput(), SYSTEM);
    await commitRoll(t, e.id, byEmail(members(1, 3)));
    await t.get(ElectionsService).transition(e.id, 'roll_frozen', SYSTEM);
    await t.http().post(`/elections/${e.id}/packs`).set('Authorization', ca).send({}).expect(202);
    expect(await waitGenerated(e.id)).toMatchObject({ status: 'generated', setup: { members: 3, batches: 0 } });
    expect((await t.get(ElectionsService).get(e.id)).status).toBe('packs_ready');
    expect(fs.readFileSync(path.join(packsDir(t.config.dataDir, e.id), 'manifest.csv'), 'utf8')).toBe('batch,sequence,pack_serial,first_page,last_page\n');
  });

  it('refuses before the roll is frozen, and the roll cannot be unfrozen once packs are printed', async () => {
    const e = await t.get(ElectionsService).create(electionInput(), SYSTEM);
    const early = await t.http().post(`/elections/${e.id}/packs`).set('Authorization', ca).send({}).expect(409);
    expect(early.body.error.code).toBe('roll_not_frozen');
    const id = await frozenElection();
    await t.http().post(`/elections/${id}/packs`).set('Authorization', ca).send({}).expect(202);
    await waitGenerated(id);
    await expect(t.get(ElectionsService).transition(id, 'draft', SYSTEM)).rejects.toMatchObject({ code: 'illegal_transition' });
  });
});
