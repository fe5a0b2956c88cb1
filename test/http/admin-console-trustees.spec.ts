import { generateSingleTrustee, serializeTrusteePublicKey } from 'src/crypto/trustees/trustee-key';
import { signIn } from 'test/support/auth';
import { electionInput } from 'test/support/factories';
import { openElection } from 'test/support/open-election';
import { createTestApp, TestApp } from 'test/support/test-app';

// The trustees screen: the trustees as GET …/trustees lists them, with the start and end of each
// public key to read back to the trustee, and the registration forms only while the API would take them.
describe('Console: trustees screen', () => {
  let t: TestApp;
  let admin: string;
  let draftId: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await signIn(t, 'administrator');
    draftId = (await t.http().post('/elections').set('Authorization', admin).send(electionInput({ title: 'Trustees test' })).expect(201)).body.id as string;
  });
  afterAll(() => t.close());

  const page = (id: string, auth: string) => t.http().get(`/admin/elections/${id}/trustees`).set('Authorization', auth);

  it('says there is no trustee yet and offers both registration forms, each confirmed, to an administrator', async () => {
    const res = await page(draftId, admin).expect(200);
    expect(res.text).toContain('No trustee yet');
    expect(res.text).toMatch(/data-api-path="\/elections\/[0-9a-f-]+\/trustees" data-confirm="Register this trustee\?/);
    expect(res.text).toContain('name="kind" value="single"');
    expect(res.text).toContain('name="kind" value="pedersen"');
    expect(res.text).toContain('name="publicKey"');
    expect(res.text).toContain('name="parameters"');
  });

  it('lists a trustee registered through the API as the API does, with the fingerprint of the stored key', async () => {
    const key = serializeTrusteePublicKey(generateSingleTrustee().publicKey);
    // What the form sends: the key as the text the trustee pasted.
    await t.http().post(`/elections/${draftId}/trustees`).set('Authorization', admin).send({ kind: 'single', name: 'Returning <officer>', publicKey: key }).expect(201);
    const [listed] = (await t.http().get(`/elections/${draftId}/trustees`).set('Authorization', admin).expect(200)).body as Array<{ publicKey: string }>;
    const res = await page(draftId, await signIn(t, 'observer')).expect(200);
    expect(res.text).toContain('Returning &#60;officer&#62;');
    // The start and end of the public_key the trustee's own file holds, to read back to them.
    const pk = (JSON.parse(key) as { public_key: string }).public_key;
    expect(JSON.parse(listed.publicKey)).toMatchObject({ public_key: pk });
    expect(res.text).toContain(`<code>${pk.slice(0, 8)}…${pk.slice(-8)}</code>`);
    // Observers read; only those the API lets register see the forms.
    expect(res.text).not.toContain('/trustees" data-confirm');
    expect(res.text).not.toContain('name="publicKey"');
  });

  it('shows no form once the election is open: trustees are fixed', async () => {
    const e = await openElection(t);
    const res = await page(e.id, admin).expect(200);
    expect(res.text).toContain('Trustees are fixed: the election is open.');
    expect(res.text).not.toContain('name="publicKey"');
  });

  it('is refused to count staff and to the credential authority', async () => {
    await page(draftId, await signIn(t, 'count_staff')).expect(403);
    await page(draftId, await signIn(t, 'credential_authority')).expect(403);
  });
});
