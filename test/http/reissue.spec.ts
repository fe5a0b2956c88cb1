import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import { ElectionEntity } from 'src/elections/election.entity';
import { SYSTEM } from 'src/events/actor';
import { EventLogService } from 'src/events/event-log.service';
import { formatIdentityCode } from 'src/packs/codes/identity-code';
import { PackEntity } from 'src/packs/pack.entity';
import { PrecedenceService } from 'src/precedence/precedence.service';
import { JobQueue } from 'src/platform/queue/job-queue';
import { signIn } from 'test/support/auth';
import { codeForSerial, packCodes } from 'test/support/identity-codes';
import { openElection } from 'test/support/open-election';
import { createTestApp, TestApp } from 'test/support/test-app';

describe('replacing a pack (HTTP)', () => {
  let t: TestApp;
  let admin: string;
  let staff: string;
  beforeAll(async () => {
    t = await createTestApp();
    [admin, staff] = [await signIn(t, 'administrator'), await signIn(t, 'count_staff')];
  });
  afterAll(() => t.close());

  const reissue = (e: ElectionEntity, memberNumber: string, auth = admin) =>
    t.http().post(`/elections/${e.id}/packs/reissues`).set('Authorization', auth).send({ memberNumber, reason: 'pack never arrived' });
  async function scanner(e: ElectionEntity) {
    const session = (await t.http().post(`/elections/${e.id}/intake/sessions`).set('Authorization', staff).send({ station: `S${Math.floor(Math.random() * 1e6)}` }).expect(201)).body.id as string;
    return (code: string) => t.http().post(`/elections/${e.id}/intake/scans`).set('Authorization', staff).send({ scanId: randomUUID(), sessionId: session, code, entry: 'barcode' });
  }
  const pack = (e: ElectionEntity, serial: number) => t.dataSource.getRepository(PackEntity).findOneByOrFail({ electionId: e.id, serial });

  it('voids the old pack, gives the member the first spare, and intake then refuses the old envelope only', async () => {
    const e = await openElection(t, { precedencePolicy: 'first-wins' });
    const [m] = await packCodes(t, e.id);
    const firstSpare = await t.dataSource.getRepository(PackEntity).findOneOrFail({ where: { electionId: e.id, status: 'spare' }, order: { serial: 'ASC' } });
    const res = await reissue(e, m.memberNumber).expect(201);
    expect(res.body).toMatchObject({ memberNumber: m.memberNumber, voidedSerial: m.serial, serial: firstSpare.serial, delivery: 'post' });
    expect(await pack(e, m.serial)).toMatchObject({ status: 'voided' });
    expect(await pack(e, firstSpare.serial)).toMatchObject({ status: 'active', kind: 'member', memberNumber: m.memberNumber });
    const [event] = await t.get(EventLogService).list({ electionId: e.id, type: 'packs.reissued', limit: 5 });
    expect(event.data).toMatchObject({ voidedSerial: m.serial, serial: firstSpare.serial, reason: 'pack never arrived' });
    // The print job is queued for the credential authority's worker.
    expect(await t.get(JobQueue).get(res.body.printJobId as string)).not.toBeNull();

    const scan = await scanner(e);
    expect((await scan(m.code).expect(201)).body).toMatchObject({ verdict: 'reject', reason: 'voided_pack' });
    expect((await scan(await codeForSerial(t, e.id, firstSpare.serial)).expect(201)).body).toMatchObject({ verdict: 'accept' });
    // Once the new pack has voted, it cannot be replaced in turn.
    expect((await reissue(e, m.memberNumber).expect(409)).body.error.code).toBe('member_has_voted');
  });

  it('refuses to replace the pack of a member who voted online or by post, and changes nothing', async () => {
    const e = await openElection(t, { precedencePolicy: 'online-overrides-postal' });
    const codes = await packCodes(t, e.id);
    const scan = await scanner(e);
    await scan(codes[0].code).expect(201);
    await t.get(PrecedenceService).decideAlone({ election: e, memberId: codes[1].memberNumber, member: { eligible: true, restriction: 'any' }, event: { kind: 'online_cast' }, actor: SYSTEM, subject: {} });
    expect((await reissue(e, codes[0].memberNumber).expect(409)).body.error).toMatchObject({ code: 'member_has_voted', channel: 'postal' });
    expect((await reissue(e, codes[1].memberNumber).expect(409)).body.error).toMatchObject({ code: 'member_has_voted', channel: 'online' });
    expect((await reissue(e, 'M9999').expect(404)).body.error.code).toBe('no_active_pack');
    expect(await t.dataSource.getRepository(PackEntity).countBy({ electionId: e.id, status: 'voided' })).toBe(0);
  });

  it('in a race between a reissue and the old envelope’s scan, exactly one of them wins for each member', async () => {
    const e = await openElection(t, { precedencePolicy: 'first-wins' });
    const codes = await packCodes(t, e.id);
    const scan = await scanner(e);
    const outcomes = await Promise.all(codes.map((c) => Promise.all([reissue(e, c.memberNumber), scan(c.code)])));
    for (const [r, s] of outcomes) {
      const reissued = r.status === 201;
      const counted = s.body.verdict === 'accept';
      expect([reissued, counted]).toContainEqual(true);
      expect(reissued && counted).toBe(false);
      if (!reissued) expect(r.body.error.code).toBe('member_has_voted');
      if (!counted) expect(s.body.reason).toBe('voided_pack');
    }
  });

  it('refuses when no spare credential is left, keeping the old pack', async () => {
    const e = await openElection(t);
    const [m] = await packCodes(t, e.id);
    await t.dataSource.getRepository(PackEntity).update({ electionId: e.id, status: 'spare' }, { status: 'voided' });
    expect((await reissue(e, m.memberNumber).expect(409)).body.error.code).toBe('no_spare_credentials');
    expect(await pack(e, m.serial)).toMatchObject({ status: 'active' });
  });

  it('prints the replacement pack with its new codes for the credential authority only', async () => {
    const e = await openElection(t);
    const [m] = await packCodes(t, e.id);
    const { body } = await reissue(e, m.memberNumber).expect(201);
    // The in-process queue runs the print job; wait for it as a worker's client would.
    const queue = t.get(JobQueue);
    for (let i = 0; i < 200 && (await queue.get(body.printJobId as string))?.state !== 'completed'; i++) await new Promise((r) => setTimeout(r, 50));
    expect((await queue.get(body.printJobId as string))?.state).toBe('completed');
    await t.http().get(`/elections/${e.id}/packs/reissues/${body.serial}`).set('Authorization', admin).expect(403);
    const pdf = await t
      .http()
      .get(`/elections/${e.id}/packs/reissues/${body.serial}`)
      .set('Authorization', await signIn(t, 'credential_authority'))
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const file = `${fs.mkdtempSync('/tmp/reissue-')}/pack.pdf`;
    fs.writeFileSync(file, pdf.body as Buffer);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain(formatIdentityCode(await codeForSerial(t, e.id, body.serial)));
    expect(text).not.toContain(m.printed);
  });
});
