import * as fs from 'node:fs';
import * as path from 'node:path';
import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { formatCredential } from 'src/crypto/credential/credential';
import { ElectionEntity } from 'src/elections/election.entity';
import { formatVotingId } from 'src/packs/codes';
import { PackMailerService } from 'src/packs/email/pack-mailer.service';
import { PackDeliveryEntity } from 'src/packs/pack-delivery.entity';
import { derivePackSecrets, electionSeed } from 'src/packs/pack-secrets';
import { PackEntity } from 'src/packs/pack.entity';
import { APP_CONFIG, AppConfig } from 'src/platform/config/app-config';
import { signIn } from 'test/support/auth';
import { openElection } from 'test/support/open-election';
import { byEmail, members } from 'test/support/roll';
import { createTestApp, TestApp } from 'test/support/test-app';

jest.setTimeout(30_000);

/** Waits until the in-process queue has dealt with every e-mail pack of the election. */
async function settle(t: TestApp, electionId: string, packs = 3): Promise<number> {
  const repo = t.dataSource.getRepository(PackDeliveryEntity);
  for (let i = 0; i < 400; i++) {
    const n = await repo.countBy({ electionId });
    if (n >= packs) return n;
    await new Promise((r) => setTimeout(r, 50));
  }
  return repo.countBy({ electionId });
}

/** Members 1–3 by post, 4–6 abroad with an e-mail address only. */
const ROLL = [...members(1, 3), ...byEmail(members(4, 6))];

function codesOf(t: TestApp, e: ElectionEntity, serial: number) {
  const seed = t.app.get<AppConfig>(APP_CONFIG).packs.credentialSeed!;
  const s = derivePackSecrets(electionSeed(seed, e.beleniosUuid), e.beleniosUuid, serial);
  return { votingId: formatVotingId(s.votingId), credential: formatCredential(s.credential.replace(/-/g, '')), raw: s };
}

describe('e-mailed packs (HTTP)', () => {
  describe('through the file transport', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp();
    });
    afterAll(() => t.close());

    it('sends each e-mail member their own codes and link once, and records the delivery', async () => {
      const e = await openElection(t, {}, ROLL);
      expect(await settle(t, e.id)).toBe(3);
      const dir = t.app.get<AppConfig>(APP_CONFIG).mail.transport === 'file' ? (t.app.get<AppConfig>(APP_CONFIG).mail as { dir: string }).dir : '';
      const files = fs.readdirSync(dir).map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));
      const packs = await t.dataSource.getRepository(PackEntity).find({ where: { electionId: e.id, delivery: 'email' }, order: { serial: 'ASC' } });
      expect(packs.map((p) => p.memberNumber)).toEqual(['M0004', 'M0005', 'M0006']);
      expect(files).toHaveLength(3);
      for (const p of packs) {
        const mail = files.find((f) => f.includes(`To: ${p.memberNumber!.toLowerCase()}@example.org`));
        expect(mail).toBeDefined();
        const c = codesOf(t, e, p.serial);
        expect(mail).toContain(`Voting ID: ${c.votingId}`);
        expect(mail).toContain(`Credential: ${c.credential}`);
        expect(mail).toContain(`#vid=${c.raw.votingId}&cred=${c.raw.credential.replace(/-/g, '')}`);
        expect(mail).toContain(`Subject: Your voting codes: ${e.title}`);
        // Nobody else's codes are in it.
        for (const other of packs.filter((o) => o.serial !== p.serial)) expect(mail).not.toContain(codesOf(t, e, other.serial).votingId);
      }
      const rows = await t.dataSource.getRepository(PackDeliveryEntity).findBy({ electionId: e.id });
      expect(rows.map((r) => r.state)).toEqual(['sent', 'sent', 'sent']);
      const status = await t.http().get(`/elections/${e.id}/packs`).set('Authorization', await signIn(t, 'administrator')).expect(200);
      expect(status.body.emails).toEqual({ sent: 3 });

      // Running the job again (a retry after a crash) sends nothing twice.
      const again = await t.get(PackMailerService).send({ electionId: e.id }, { jobId: 'x', attempt: 2, reportProgress: async () => undefined });
      expect(again).toEqual({ sent: 0, undeliverable: 0, failed: 0 });
      expect(fs.readdirSync(dir)).toHaveLength(3);
    });

    it('records a bounce, lists undeliverable packs, and the member gets a pack by post instead', async () => {
      const e = await openElection(t, {}, ROLL);
      await settle(t, e.id);
      const admin = await signIn(t, 'administrator');
      const [first] = await t.dataSource.getRepository(PackEntity).find({ where: { electionId: e.id, delivery: 'email' }, order: { serial: 'ASC' } });
      await t.http().post(`/elections/${e.id}/packs/deliveries/${first.serial}/undeliverable`).set('Authorization', await signIn(t, 'count_staff')).send({ detail: '550 no such user' }).expect(403);
      await t.http().post(`/elections/${e.id}/packs/deliveries/1/undeliverable`).set('Authorization', admin).send({ detail: '550 no such user' }).expect(404);
      await t.http().post(`/elections/${e.id}/packs/deliveries/${first.serial}/undeliverable`).set('Authorization', admin).send({ detail: '550 no such user' }).expect(200);
      const list = await t.http().get(`/elections/${e.id}/packs/deliveries?state=undeliverable`).set('Authorization', admin).expect(200);
      expect(list.body).toEqual([expect.objectContaining({ serial: first.serial, memberNumber: 'M0004', state: 'undeliverable', detail: '550 no such user' })]);
      // A member abroad with no postal address on the roll would need one added first; here
      // the headquarters sends the new pack by post to the address it has.
      const re = await t.http().post(`/elections/${e.id}/packs/reissues`).set('Authorization', admin).send({ memberNumber: 'M0004', reason: 'e-mail bounced', delivery: 'post' }).expect(201);
      expect(re.body).toMatchObject({ voidedSerial: first.serial, delivery: 'post' });
    });
  });

  describe('through SMTP', () => {
    let server: SMTPServer;
    let t: TestApp;
    const received: string[] = [];
    beforeAll(async () => {
      server = new SMTPServer({
        authOptional: true,
        disabledCommands: ['STARTTLS'],
        onRcptTo(address, _session, cb) {
          // The receiving server knows this mailbox is gone: a permanent refusal.
          if (address.address.startsWith('m0005')) return cb(Object.assign(new Error('5.1.1 mailbox unavailable'), { responseCode: 550 }));
          cb();
        },
        onData(stream, _session, cb) {
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            received.push(Buffer.concat(chunks).toString('utf8'));
            cb();
          });
        },
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const port = (server.server.address() as AddressInfo).port;
      t = await createTestApp({ mail: { transport: 'smtp', smtpUrl: `smtp://127.0.0.1:${port}/?ignoreTLS=true`, from: 'Test Party <ballot@example.org>' } });
    });
    afterAll(async () => {
      await t.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    });

    it('delivers through the server, and a mailbox it refuses for good is recorded as undeliverable', async () => {
      const e = await openElection(t, {}, ROLL);
      expect(await settle(t, e.id)).toBe(3);
      const rows = await t.dataSource.getRepository(PackDeliveryEntity).find({ where: { electionId: e.id }, order: { serial: 'ASC' } });
      expect(rows.map((r) => r.state)).toEqual(['sent', 'undeliverable', 'sent']);
      expect(rows[1].detail).toMatch(/550/);
      expect(received).toHaveLength(2);
      const packs = await t.dataSource.getRepository(PackEntity).find({ where: { electionId: e.id, delivery: 'email' }, order: { serial: 'ASC' } });
      expect(received.some((m) => m.includes(codesOf(t, e, packs[0].serial).votingId))).toBe(true);
    });
  });
});
