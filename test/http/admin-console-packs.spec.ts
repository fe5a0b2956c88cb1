import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readBarcodes } from 'zxing-wasm/reader';
import { prepareZxing } from 'src/scan/read/zxing';
import { ElectionEntity } from 'src/elections/election.entity';
import { ElectionsService } from 'src/elections/elections.service';
import { SYSTEM } from 'src/events/actor';
import { formatPaperId, formatVotingId } from 'src/packs/codes';
import { PackDeliveryEntity } from 'src/packs/pack-delivery.entity';
import { RollService } from 'src/roll/roll.service';
import { PackPreviewService, placeholderIdentityCode, placeholderPaperId, PREVIEW_PLACEHOLDERS } from 'src/packs/pack-preview.service';
import { derivePackSecrets, electionSeed } from 'src/packs/pack-secrets';
import { PackEntity, PackSetupEntity } from 'src/packs/pack.entity';
import { packsDir } from 'src/packs/print-files';
import { signIn } from 'test/support/auth';
import { electionInput } from 'test/support/factories';
import { packsReadyElection } from 'test/support/open-election';
import { byEmail, commitRoll, members } from 'test/support/roll';
import { createTestApp, TestApp } from 'test/support/test-app';

jest.setTimeout(60_000);

// The packs screen of the console over HTTP (issue 9) and the preview image it shows: who sees
// what, that the figures are the API's, and that a preview never carries a live code.
describe('Console packs screen and pack preview', () => {
  let t: TestApp;
  let admin: string;
  let ca: string;
  let observer: string;
  let trustee: string;
  let e: ElectionEntity;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hb-preview-test-'));

  beforeAll(async () => {
    prepareZxing();
    t = await createTestApp();
    [admin, ca, observer, trustee] = [await signIn(t, 'administrator'), await signIn(t, 'credential_authority'), await signIn(t, 'observer'), await signIn(t, 'trustee')];
    // Members 1–5 by post, 6–7 by e-mail.
    e = await packsReadyElection(t, { title: 'Packs <i>2027</i>' }, [...members(1, 5), ...byEmail(members(6, 7))]);
    await waitFor(async () => (await t.dataSource.getRepository(PackDeliveryEntity).countBy({ electionId: e.id })) >= 2);
  });
  afterAll(async () => {
    fs.rmSync(tmp, { recursive: true, force: true });
    await t?.close();
  });

  async function waitFor(ok: () => Promise<boolean>, seconds = 20): Promise<void> {
    for (const end = Date.now() + seconds * 1000; Date.now() < end && !(await ok()); ) await new Promise((r) => setTimeout(r, 100));
  }
  const get = (url: string, auth?: string) => (auth ? t.http().get(url).set('Authorization', auth) : t.http().get(url));
  const screen = (auth?: string, query = '') => get(`/admin/elections/${e.id}/packs${query}`, auth);
  const previewUrl = (member: string, page?: number | string) => `/elections/${e.id}/packs/preview.png?member=${encodeURIComponent(member)}${page === undefined ? '' : `&page=${page}`}`;
  const png = (auth: string, member: string, page?: number | string) =>
    get(previewUrl(member, page), auth)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });
  async function decode(image: Buffer, format: 'QRCode' | 'DataMatrix' | 'Code128'): Promise<string[]> {
    const results = await readBarcodes(new Uint8Array(image), { formats: [format], tryHarder: true, maxNumberOfSymbols: 4 });
    return results.filter((r) => r.isValid).map((r) => r.text);
  }
  function realSecrets(serial: number) {
    const seed = electionSeed(t.config.packs.credentialSeed!, e.beleniosUuid);
    return derivePackSecrets(seed, e.beleniosUuid, serial);
  }
  const packOf = (memberNumber: string) => t.dataSource.getRepository(PackEntity).findOneByOrFail({ electionId: e.id, memberNumber, status: 'active' });

  it('sends the sign-in form to nobody and refuses the roles the packs status route refuses', async () => {
    expect((await screen().expect(401)).text).toContain('id="sign-in"');
    const refused = await screen(trustee).expect(403);
    expect(refused.text).not.toContain('Printed packs');
    await screen(await signIn(t, 'count_staff')).expect(403);
    // The tab is in the election's navigation for those who may use it, and only for them.
    expect((await get(`/admin/elections/${e.id}`, admin).expect(200)).text).toContain(`href="/admin/elections/${e.id}/packs"`);
    expect((await get(`/admin/elections/${e.id}/events`, observer).expect(200)).text).toContain(`href="/admin/elections/${e.id}/packs"`);
  });

  it('shows the run as the API reports it: done/total, the bar at 100 %, the checksums of the batches', async () => {
    const api = (await get(`/elections/${e.id}/packs`, admin).expect(200)).body;
    expect(api.status).toBe('generated');
    const res = await screen(admin).expect(200);
    expect(res.text).toContain('Packs &#60;i&#62;2027&#60;/i&#62;');
    expect(res.text).toContain(`<progress id="pack-progress-bar" max="${api.progress.total}" value="${api.progress.done}">100 %</progress>`);
    expect(res.text).toContain(`${api.progress.done} of ${api.progress.total} packs (100 %)`);
    expect(res.text).toContain('Every pack is printed.');
    // A finished run is not refreshed any more.
    expect(res.text).not.toMatch(/id="pack-run" data-live/);
    for (const [file, sha] of Object.entries(api.setup.checksums as Record<string, string>)) {
      expect(res.text).toContain(file);
      expect(res.text).toContain(sha);
    }
    expect(res.text).toContain(`<code>${api.setup.electionCode}</code>`);
    const fr = await screen(admin, '?lang=fr').expect(200);
    expect(fr.text).toContain('<html lang="fr">');
    expect(fr.text).toContain(`${api.progress.done} plis sur ${api.progress.total} (100 %)`);
    expect(fr.text).toContain('Tous les plis sont imprimés.');
  });

  it('links the batch PDFs for the credential authority only, the manifest for both, nothing for an observer', async () => {
    const batchLink = `href="/elections/${e.id}/packs/batches/1"`;
    const manifest = `href="/elections/${e.id}/packs/manifest.csv"`;
    const forCa = (await screen(ca).expect(200)).text;
    expect(forCa).toContain(batchLink);
    expect(forCa).toContain(manifest);
    const forAdmin = (await screen(admin).expect(200)).text;
    expect(forAdmin).not.toContain(batchLink);
    expect(forAdmin).toContain(manifest);
    // …and the API agrees with what each was shown.
    await get(`/elections/${e.id}/packs/batches/1`, admin).expect(403);
    await get(`/elections/${e.id}/packs/batches/1`, ca).expect(200);
    const forObserver = (await screen(observer).expect(200)).text;
    expect(forObserver).toContain('Every pack is printed.');
    for (const absent of [manifest, batchLink, 'id="reissue-form"', 'id="preview-member"', 'id="mark-undeliverable"']) expect(forObserver).not.toContain(absent);
    // Reissuing and marking bounces are the administrator's (their API routes allow only them).
    expect(forCa).not.toContain('id="reissue-form"');
    expect(forCa).not.toContain('id="mark-undeliverable"');
    expect(forAdmin).toContain('id="reissue-form"');
    expect(forAdmin).toContain(`data-api-path="/elections/${e.id}/packs/reissues"`);
  });

  it('offers the start of a run only on a frozen roll, confirmed, and says why not otherwise', async () => {
    const draft = await t.get(ElectionsService).create(electionInput(), SYSTEM);
    const inDraft = (await get(`/admin/elections/${draft.id}/packs`, admin).expect(200)).text;
    expect(inDraft).toContain('Packs are printed once the roll is frozen; the election is “draft”.');
    expect(inDraft).not.toContain('id="start-packs"');
    await commitRoll(t, draft.id, members(1, 3));
    await t.get(ElectionsService).transition(draft.id, 'roll_frozen', SYSTEM);
    const frozen = (await get(`/admin/elections/${draft.id}/packs`, admin).expect(200)).text;
    expect(frozen).toContain(`data-api-path="/elections/${draft.id}/packs"`);
    expect(frozen).toMatch(/id="start-packs"[^>]*data-confirm="Start printing the packs/);
    expect(frozen).toContain('<option value="default" selected>default</option>');
    expect(frozen).toContain('The print run has not started.');
    // An observer reads the state but gets no button.
    expect((await get(`/admin/elections/${draft.id}/packs`, observer).expect(200)).text).not.toContain('id="start-packs"');
  });

  it('shows a stopped run with its failing batch and error, and a Retry button for those who may retry', async () => {
    const stopped = await t.get(ElectionsService).create(electionInput(), SYSTEM);
    await commitRoll(t, stopped.id, members(1, 6));
    await t.get(ElectionsService).transition(stopped.id, 'roll_frozen', SYSTEM);
    // A name the pack fonts cannot print: its batch fails every attempt.
    await t.get(RollService).amendMember(stopped.id, 'M0002', { givenNames: '王' }, 'entered from the membership form', SYSTEM);
    await t.http().post(`/elections/${stopped.id}/packs`).set('Authorization', ca).send({}).expect(202);
    const url = `/elections/${stopped.id}/packs`;
    // The batch is retried with back-off before the run reads as failed.
    await waitFor(async () => (await get(url, ca).expect(200)).body.status === 'failed', 100);
    const api = (await get(url, ca).expect(200)).body;
    expect(api.status).toBe('failed');
    const res = await get(`/admin${url}`, admin).expect(200);
    expect(res.text).toContain('The print run has stopped: a batch failed every attempt.');
    const [f] = api.progress.failing as Array<{ batch: number; attempts: number; error: string }>;
    expect(res.text).toContain(`<tr><th scope="row">${f.batch}</th><td class="num">${f.attempts}</td><td class="error-text">${f.error.replace(/"/g, '&#34;')}</td></tr>`);
    expect(res.text).toContain('王');
    expect(res.text).toContain(`data-api-path="/elections/${stopped.id}/packs/retry"`);
    // Stopped: nothing to refresh.
    expect(res.text).not.toContain('data-live');
    expect((await get(`/admin${url}`, observer).expect(200)).text).not.toContain('/retry');
  }, 120_000);

  it('counts e-mailed packs by state and lists the undeliverable ones, with the form for a later bounce', async () => {
    const [first] = await t.dataSource.getRepository(PackEntity).find({ where: { electionId: e.id, delivery: 'email' }, order: { serial: 'ASC' } });
    await t.http().post(`/elections/${e.id}/packs/deliveries/${first.serial}/undeliverable`).set('Authorization', admin).send({ detail: '550 <mailbox> unavailable' }).expect(200);
    const api = (await get(`/elections/${e.id}/packs/deliveries?state=undeliverable`, admin).expect(200)).body as Array<{ serial: number; memberNumber: string }>;
    const res = await screen(admin).expect(200);
    expect(res.text).toMatch(/<th scope="row">sent<\/th><td class="num">1<\/td>/);
    expect(res.text).toMatch(/<th scope="row">undeliverable<\/th><td class="num">1<\/td>/);
    for (const row of api) expect(res.text).toContain(`<th scope="row">${row.memberNumber}</th><td class="num">${row.serial}</td><td class="error-text">550 &#60;mailbox&#62; unavailable</td>`);
    expect(res.text).toContain(`data-api-path="/elections/${e.id}/packs/deliveries/{serial}/undeliverable"`);
    expect((await screen(ca).expect(200)).text).toContain('550 &#60;mailbox&#62; unavailable');
  });

  describe('preview', () => {
    it('is refused to the roles that may not see it and to nobody signed in', async () => {
      await get(previewUrl('M0001')).expect(401);
      await get(previewUrl('M0001'), observer).expect(403);
      await get(previewUrl('M0001'), trustee).expect(403);
      for (const auth of [admin, ca]) {
        const res = await png(auth, 'M0001').expect(200);
        expect(res.headers['content-type']).toBe('image/png');
        expect(res.headers['cache-control']).toBe('private, no-store');
      }
    });

    it('refuses an unknown member, a page out of range, a malformed query, and an election not yet printed', async () => {
      expect((await get(previewUrl('M9999'), admin).expect(404)).body.error.code).toBe('member_not_found');
      const pages = (await t.get(PackPreviewService).pages(e.id))!;
      expect(pages).toBe(3);
      for (const page of [0, pages + 1, 'abc', '1.5', 100]) expect((await get(previewUrl('M0001', page), admin).expect(400)).body.error.code).toBe('validation_failed');
      await get(`/elections/${e.id}/packs/preview.png`, admin).expect(400);
      await get(`/elections/${e.id}/packs/preview.png?member=${'9'.repeat(65)}`, admin).expect(400);
      await get(`/elections/${e.id}/packs/preview.png?member=M0001&extra=1`, admin).expect(400);
      // Before the print run there is nothing to preview.
      const draft = await t.get(ElectionsService).create(electionInput(), SYSTEM);
      expect((await get(`/elections/${draft.id}/packs/preview.png?member=M0001`, admin).expect(404)).body.error.code).toBe('packs_not_generated');
    });

    it('lays out the member’s pack with placeholders where every code is: barcodes decoded from the images', async () => {
      const pack = await packOf('M0002');
      const real = realSecrets(pack.serial);
      const setup = await t.dataSource.getRepository(PackSetupEntity).findOneByOrFail({ electionId: e.id });
      const qr = await decode((await png(admin, 'M0002', 1).expect(200)).body as Buffer, 'QRCode');
      expect(qr).toHaveLength(1);
      expect(qr[0]).toMatch(new RegExp(`#vid=${PREVIEW_PLACEHOLDERS.votingId}&cred=${PREVIEW_PLACEHOLDERS.credential}$`));
      // At 100 dpi a Code 128 module is about one pixel, too fine for the decoder: the slip's
      // barcode is read from the same preview PDF at 200 dpi.
      const file = path.join(tmp, 'slip.pdf');
      fs.writeFileSync(file, await t.get(PackPreviewService).previewPdf(e.id, 'M0002'));
      execFileSync('pdftoppm', ['-r', '200', '-f', '2', '-l', '2', '-singlefile', '-png', file, path.join(tmp, 'slip')]);
      const slip = await decode(fs.readFileSync(path.join(tmp, 'slip.png')), 'Code128');
      expect(slip).toEqual([placeholderIdentityCode(setup.electionCode, pack.serial)]);
      const paper = await decode((await png(ca, 'M0002', 3).expect(200)).body as Buffer, 'DataMatrix');
      expect(paper).toEqual([placeholderPaperId()]);
      for (const decoded of [...qr, ...slip, ...paper]) {
        for (const secret of [real.votingId, real.credential.replace(/-/g, ''), real.paperId]) expect(decoded).not.toContain(secret);
      }
    });

    it('prints the same words as the real pack, the member’s name and address, and no live code', async () => {
      const pack = await packOf('M0003');
      const real = realSecrets(pack.serial);
      const file = path.join(tmp, 'preview.pdf');
      fs.writeFileSync(file, await t.get(PackPreviewService).previewPdf(e.id, 'M0003'));
      const preview = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
      // The member's own pages of the printed batch, for comparison.
      const manifest = fs.readFileSync(path.join(packsDir(t.config.dataDir, e.id), 'manifest.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',').map(Number));
      const [batch, , , first, last] = manifest.find((r) => r[2] === pack.serial)!;
      const batchFile = path.join(packsDir(t.config.dataDir, e.id), `batch-${String(batch).padStart(4, '0')}.pdf`);
      const printed = execFileSync('pdftotext', ['-layout', '-f', String(first), '-l', String(last), batchFile, '-'], { encoding: 'utf8' });
      expect(preview).toContain('Alex MemberM0003');
      expect(preview).toContain('M0003 High Street');
      expect(preview).toContain(formatVotingId(PREVIEW_PLACEHOLDERS.votingId));
      expect(preview).toContain(formatPaperId(placeholderPaperId()));
      for (const secret of [formatVotingId(real.votingId), real.votingId, real.credential.replace(/-/g, ''), formatPaperId(real.paperId), real.paperId]) {
        const bare = (s: string) => s.replace(/\s|-/g, '');
        expect(bare(printed)).toContain(bare(secret));
        expect(bare(preview)).not.toContain(bare(secret));
      }
      // Apart from the codes, word for word the printed pack.
      const words = (s: string) => s.split(/\s+/).filter((w) => w && !/X{4}|[0-9A-Z]{4,}-[0-9A-Z]{4,}/.test(w));
      const codeFree = (s: string) => words(s).filter((w) => !w.includes(real.credential.slice(0, 5)) && !/^[1-9A-HJ-NP-Za-km-z]{5,6}$/.test(w));
      expect(codeFree(preview)).toEqual(codeFree(printed));
    });

    it('shows the preview on the screen, and a wrong member number beside its input', async () => {
      const res = await screen(admin, '?member=M0002&ppage=2').expect(200);
      expect(res.text).toContain(`<img src="/elections/${e.id}/packs/preview.png?member=M0002&#38;page=2"`);
      expect(res.text).toContain('alt="Page 2 of the pack of member M0002, codes replaced by XXXX"');
      expect(res.text).toContain('<option value="2" selected>Page 2 of 3</option>');
      const wrong = await screen(admin, '?member=%3Cb%3EM404&lang=en').expect(200);
      expect(wrong.text).toMatch(/id="preview-member" name="member" value="&#60;b&#62;M404"[^>]*aria-invalid="true" aria-describedby="preview-member-error"/);
      expect(wrong.text).toContain('<p class="field-error" id="preview-member-error">No member with this number on the roll.</p>');
      expect(wrong.text).not.toContain('preview.png');
    });
  });

  it('lists replaced packs from the audit log, says what the last reissue did, and links the printed replacement for the credential authority', async () => {
    const old = await packOf('M0004');
    const re = await t.http().post(`/elections/${e.id}/packs/reissues`).set('Authorization', admin).send({ memberNumber: 'M0004', reason: 'Lost' }).expect(201);
    const res = await screen(admin, '?reissued=1').expect(200);
    expect(res.text).toContain(`Pack ${old.serial} of member M0004 is void; the new pack is ${re.body.serial} (by post).`);
    expect(res.text).toContain(`<th scope="row">M0004</th><td class="num">${old.serial}</td><td class="num">${re.body.serial}</td><td>by post</td><td>Lost</td>`);
    // The preview follows the member to the new pack.
    const previewed = await t.get(PackPreviewService).previewPdf(e.id, 'M0004');
    expect(previewed.length).toBeGreaterThan(0);
    // The replacement is printed by the job; then the credential authority gets its link.
    await waitFor(async () => fs.existsSync(path.join(packsDir(t.config.dataDir, e.id), 'reissues', `pack-${String(re.body.serial).padStart(7, '0')}.pdf`)));
    const forCa = (await screen(ca).expect(200)).text;
    expect(forCa).toContain(`href="/elections/${e.id}/packs/reissues/${re.body.serial}"`);
    await get(`/elections/${e.id}/packs/reissues/${re.body.serial}`, ca).expect(200);
    // The administrator sees the reissue but gets no link to a PDF full of codes.
    expect((await screen(admin).expect(200)).text).not.toContain(`/packs/reissues/${re.body.serial}"`);
  });
});
