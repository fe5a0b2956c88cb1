import { BallotBoxSetupEntity } from 'src/ballot-box/ballot-box.entities';
import { parseElection } from 'src/crypto/election/election';
import { group as activeGroup } from 'src/crypto/group';
import { generatePedersen, serializeThresholdParameters } from 'src/crypto/trustees/pedersen';
import { generateSingleTrustee, serializeTrusteePublicKey } from 'src/crypto/trustees/trustee-key';
import { combineTrusteeKeys, serializeTrustees, type TrusteeKind } from 'src/crypto/trustees/trustees';
import { ElectionsService } from 'src/elections/elections.service';
import { SYSTEM } from 'src/events/actor';
import { EventLogService } from 'src/events/event-log.service';
import { TrusteeEntity } from 'src/trustees/trustee.entity';
import { signIn } from 'test/support/auth';
import { openElection, packsReadyElection } from 'test/support/open-election';
import { createTestApp, TestApp } from 'test/support/test-app';

// Each test opens elections (roll, print run, trustee): seconds on a loaded machine.
jest.setTimeout(60_000);

describe('trustees (HTTP)', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await signIn(t, 'administrator');
  });
  afterAll(() => t.close());

  const upload = (electionId: string, publicKey: unknown, name = 'Returning officer') =>
    t.http().post(`/elections/${electionId}/trustees`).set('Authorization', admin).send({ name, publicKey });
  const stored = (electionId: string) => t.dataSource.getRepository(TrusteeEntity).countBy({ electionId });

  it('stores a single trustee key given as an object or as text, in upload order, and lists them to staff', async () => {
    const e = await packsReadyElection(t);
    const [a, b] = [generateSingleTrustee(), generateSingleTrustee()];
    const first = await upload(e.id, JSON.parse(serializeTrusteePublicKey(a.publicKey))).expect(201);
    expect(first.body).toMatchObject({ position: 1, kind: 'single', name: 'Returning officer', publicKey: serializeTrusteePublicKey(a.publicKey) });
    await upload(e.id, serializeTrusteePublicKey(b.publicKey), 'Deputy').expect(201);

    const observer = await signIn(t, 'observer');
    const list = await t.http().get(`/elections/${e.id}/trustees`).set('Authorization', observer).expect(200);
    expect(list.body.map((x: { name: string; position: number }) => [x.position, x.name])).toEqual([[1, 'Returning officer'], [2, 'Deputy']]);
    const [event] = await t.get(EventLogService).list({ electionId: e.id, type: 'trustee.added', limit: 5 });
    expect(event.data).toMatchObject({ kind: 'single' });
  });

  it('refuses a key whose proof of knowledge does not verify, and stores nothing', async () => {
    const e = await packsReadyElection(t);
    const good = JSON.parse(serializeTrusteePublicKey(generateSingleTrustee().publicKey)) as { pok: { challenge: string; response: string }; public_key: string };
    // Someone else's public key with this proof: the proof is not about that key.
    const other = JSON.parse(serializeTrusteePublicKey(generateSingleTrustee().publicKey)) as { public_key: string };
    const res = await upload(e.id, { ...good, public_key: other.public_key }).expect(400);
    expect(res.body.error).toMatchObject({ code: 'invalid_trustee_key', reason: 'invalid_pok' });
    expect(await stored(e.id)).toBe(0);
  });

  it('refuses a key that is not a curve point, or not a trustee key at all, naming the crypto reason', async () => {
    const e = await packsReadyElection(t);
    const good = JSON.parse(serializeTrusteePublicKey(generateSingleTrustee().publicKey)) as Record<string, unknown>;
    const offCurve = await upload(e.id, { ...good, public_key: '02'.padEnd(64, '0') }).expect(400);
    expect(offCurve.body.error.code).toBe('invalid_trustee_key');
    expect(offCurve.body.error.reason).toMatch(/point|encoding/);
    expect((await upload(e.id, 'not json').expect(400)).body.error).toMatchObject({ code: 'invalid_trustee_key', reason: 'invalid_json' });
    expect((await upload(e.id, { public_key: good.public_key }).expect(400)).body.error).toMatchObject({ code: 'invalid_trustee_key', reason: 'invalid_structure' });
    expect(await stored(e.id)).toBe(0);
  });

  describe('a Pedersen threshold group', () => {
    const pedersen = (electionId: string, parameters: unknown) =>
      t.http().post(`/elections/${electionId}/trustees`).set('Authorization', admin).send({ name: 'Scrutineers', kind: 'pedersen', parameters });

    it('stores checked threshold parameters canonically, and the opened election key includes the group', async () => {
      const e = await packsReadyElection(t);
      const single = generateSingleTrustee();
      const group = generatePedersen(3, 2);
      await upload(e.id, serializeTrusteePublicKey(single.publicKey)).expect(201);
      const canonical = serializeThresholdParameters(group.parameters);
      const res = await pedersen(e.id, canonical).expect(201);
      expect(res.body).toMatchObject({ position: 2, kind: 'pedersen', name: 'Scrutineers', publicKey: canonical, owners: [2, 3, 4] });

      await t.get(ElectionsService).transition(e.id, 'open', SYSTEM);
      const setup = await t.dataSource.getRepository(BallotBoxSetupEntity).findOneByOrFail({ electionId: e.id });
      const kinds: TrusteeKind[] = [
        { kind: 'Single', key: single.publicKey },
        { kind: 'Pedersen', parameters: group.parameters },
      ];
      expect(setup.trusteesRaw).toBe(serializeTrustees(kinds));
      expect(parseElection(setup.electionRaw).publicKeyHex).toBe(activeGroup().encode(combineTrusteeKeys(kinds)));
    });

    it('refuses parameters failing any check, naming it, and stores nothing', async () => {
      const e = await packsReadyElection(t);
      const good = JSON.parse(serializeThresholdParameters(generatePedersen(3, 2).parameters)) as Record<string, unknown> & { verification_keys: unknown[] };
      const other = JSON.parse(serializeThresholdParameters(generatePedersen(3, 2).parameters)) as { verification_keys: unknown[] };
      // The threshold changed after the ceremony: the certificates say 2.
      expect((await pedersen(e.id, { ...good, threshold: 3 }).expect(400)).body.error).toMatchObject({ code: 'invalid_trustee_key', reason: 'parameters.certs[0].context' });
      // A verification key from another ceremony is not the one its commitments imply.
      const mixed = { ...good, verification_keys: [other.verification_keys[0], ...good.verification_keys.slice(1)] };
      expect((await pedersen(e.id, mixed).expect(400)).body.error).toMatchObject({ code: 'invalid_trustee_key', reason: 'parameters.verification_keys[0].public_key' });
      expect((await pedersen(e.id, '{"threshold":').expect(400)).body.error).toMatchObject({ code: 'invalid_trustee_key', reason: 'invalid_json' });
      await t.http().post(`/elections/${e.id}/trustees`).set('Authorization', admin).send({ name: 'x', kind: 'pedersen' }).expect(400);
      expect(await stored(e.id)).toBe(0);
    });
  });

  it('refuses trustees once the election is open', async () => {
    const e = await openElection(t);
    const res = await upload(e.id, serializeTrusteePublicKey(generateSingleTrustee().publicKey)).expect(409);
    expect(res.body.error).toMatchObject({ code: 'trustees_fixed', status: 'open' });
    expect(await stored(e.id)).toBe(1);
  });

  it('blocks opening an election with the online channel until a trustee is registered, but not a postal-only one', async () => {
    const e = await packsReadyElection(t);
    await expect(t.get(ElectionsService).transition(e.id, 'open', SYSTEM)).rejects.toMatchObject({
      code: 'transition_blocked',
      details: { problems: ['No trustee key has been registered.'] },
    });
    const postal = await packsReadyElection(t, { channels: { online: false, postal: true } });
    await expect(t.get(ElectionsService).transition(postal.id, 'open', SYSTEM)).resolves.toMatchObject({ status: 'open' });
  });

  it('only administrators may register a trustee', async () => {
    const e = await packsReadyElection(t);
    const observer = await signIn(t, 'observer');
    await t.http().post(`/elections/${e.id}/trustees`).set('Authorization', observer).send({ name: 'x', publicKey: serializeTrusteePublicKey(generateSingleTrustee().publicKey) }).expect(403);
    expect(await stored(e.id)).toBe(0);
  });
});
