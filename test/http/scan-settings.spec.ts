import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CvrEntity } from 'src/count/count.entities';
import { EventEntity } from 'src/events/event.entity';
import { DEFAULT_THRESHOLDS } from 'src/scan/read';
import { ScanPageEntity } from 'src/scan/scan.entities';
import { signIn } from 'test/support/auth';
import { countingElection } from 'test/support/papers';
import { createTestApp, TestApp } from 'test/support/test-app';

// The scan routes' plumbing that needs no ballot image: thresholds, roles, content types, size.
describe('Scan settings and upload limits', () => {
  let t: TestApp;
  let electionId: string;
  let batchId: string;
  let staff: string;
  let supervisor: string;
  let admin: string;
  let observer: string;
  beforeAll(async () => {
    // A small upload limit, so the 413 test sends little.
    t = await createTestApp({ scan: { dir: path.join(os.tmpdir(), `hb-scans-${randomUUID()}`), maxBytes: 64 * 1024 } });
    electionId = (await countingElection(t)).election.id;
    [staff, supervisor, admin, observer] = await Promise.all([signIn(t, 'count_staff'), signIn(t, 'count_supervisor'), signIn(t, 'administrator'), signIn(t, 'observer')]);
    batchId = (await t.http().post(`/elections/${electionId}/count/batches`).set('Authorization', staff).send({ label: 'S-01' }).expect(201)).body.id;
  });
  afterAll(() => t.close());

  const url = (path: string) => `/elections/${electionId}/count${path}`;
  const nothingStored = async () => {
    expect(await t.dataSource.getRepository(ScanPageEntity).countBy({ electionId })).toBe(0);
    expect(await t.dataSource.getRepository(CvrEntity).countBy({ electionId })).toBe(0);
    expect(fs.existsSync(`${t.config.scan.dir}/${electionId}`)).toBe(false);
  };

  describe('thresholds', () => {
    it('shows the defaults until an administrator sets them; each change is logged', async () => {
      for (const who of [staff, supervisor, admin, observer]) {
        expect((await t.http().get(url('/scan-settings')).set('Authorization', who).expect(200)).body).toEqual({
          ...DEFAULT_THRESHOLDS,
          isDefault: true,
          updatedAt: null,
        });
      }
      const put = await t.http().put(url('/scan-settings')).set('Authorization', admin).send({ emptyBelow: 0.04, markedFrom: 0.2 }).expect(200);
      expect(put.body).toMatchObject({ emptyBelow: 0.04, markedFrom: 0.2, isDefault: false });
      expect((await t.http().get(url('/scan-settings')).set('Authorization', observer).expect(200)).body).toMatchObject({ emptyBelow: 0.04, markedFrom: 0.2, isDefault: false });

      const events = await t.dataSource.getRepository(EventEntity).find({ where: { chain: `${electionId}:count`, type: 'count.scan_thresholds_set' } });
      expect(events.map((e) => e.data)).toEqual([{ from: DEFAULT_THRESHOLDS, to: { emptyBelow: 0.04, markedFrom: 0.2 } }]);
    });

    it('refuses thresholds out of order or out of 0..1, naming the field, and keeps the old ones', async () => {
      const before = (await t.http().get(url('/scan-settings')).set('Authorization', admin).expect(200)).body;
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ emptyBelow: 0.3, markedFrom: 0.2 }, 'markedFrom'],
        [{ emptyBelow: 0.2, markedFrom: 0.2 }, 'markedFrom'],
        [{ emptyBelow: -0.1, markedFrom: 0.2 }, 'emptyBelow'],
        [{ emptyBelow: 0.1, markedFrom: 1.5 }, 'markedFrom'],
        [{ emptyBelow: '0.1', markedFrom: 0.5 }, 'emptyBelow'],
        [{ markedFrom: 0.5 }, 'emptyBelow'],
      ];
      for (const [body, field] of cases) {
        const res = await t.http().put(url('/scan-settings')).set('Authorization', admin).send(body).expect(400);
        expect(res.body.error.code).toBe('validation_failed');
        expect(Object.keys(res.body.error.fields)).toContain(field);
      }
      expect((await t.http().get(url('/scan-settings')).set('Authorization', admin).expect(200)).body).toEqual(before);
    });

    it('lets only an administrator set them', async () => {
      for (const who of [staff, supervisor, observer]) {
        await t.http().put(url('/scan-settings')).set('Authorization', who).send({ emptyBelow: 0.01, markedFrom: 0.5 }).expect(403);
      }
      await t.http().get(url('/scan-settings')).expect(401);
    });
  });

  describe('upload refusals', () => {
    const upload = (type: string | null, body: Buffer, who = staff) => {
      const req = t.http().post(url(`/batches/${batchId}/scans`)).set('Authorization', who);
      if (type) req.set('Content-Type', type);
      return req.send(body);
    };

    it('refuses a type the reader does not take with 415, storing nothing', async () => {
      for (const type of ['image/gif', 'text/plain', 'application/octet-stream']) {
        expect((await upload(type, Buffer.from('GIF89a....')).expect(415)).body.error.code).toBe('unsupported_scan_type');
      }
      expect((await upload('application/json', Buffer.from('{"a":1}')).expect(415)).body.error.code).toBe('unsupported_scan_type');
      await nothingStored();
    });

    it('refuses a file above SCAN_MAX_BYTES with 413 scan_too_large, storing nothing', async () => {
      const res = await upload('image/png', Buffer.alloc(t.config.scan.maxBytes + 1, 1)).expect(413);
      expect(res.body.error.code).toBe('scan_too_large');
      await nothingStored();
    });

    it('refuses an empty body, and uploads by observers, administrators and the signed-out', async () => {
      expect((await upload('image/png', Buffer.alloc(0)).expect(400)).body.error.code).toBe('not_an_image');
      await upload('image/png', Buffer.from('x'), observer).expect(403);
      await upload('image/png', Buffer.from('x'), admin).expect(403);
      await t.http().post(url(`/batches/${batchId}/scans`)).set('Content-Type', 'image/png').send(Buffer.from('x')).expect(401);
      await nothingStored();
    });

    it('checks who sends a scan before taking in its body: an oversized upload by the wrong person is refused for who they are', async () => {
      const big = Buffer.alloc(t.config.scan.maxBytes + 1, 1);
      expect((await upload('image/png', big, observer).expect(403)).body.error.code).toBe('role_not_allowed');
      expect((await t.http().post(url(`/batches/${batchId}/scans`)).set('Content-Type', 'image/png').send(big).expect(401)).body.error.code).toBe('not_signed_in');
      await nothingStored();
    });

    it('refuses uploads into an unknown batch', async () => {
      const res = await t.http().post(url('/batches/2b1f7a9e-5d0c-4c4e-9b8a-1f2e3d4c5b6a/scans')).set('Authorization', staff).set('Content-Type', 'image/png').send(Buffer.from('x'));
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('batch_not_found');
    });

    it('shows scan figures on a batch: none yet', async () => {
      const batch = await t.http().get(url(`/batches/${batchId}`)).set('Authorization', observer).expect(200);
      expect(batch.body.scan).toEqual({ pagesRead: 0, recorded: 0, waitingForPages: 0, inAdjudication: 0, decided: 0, discarded: 0 });
      expect((await t.http().get(url('/adjudication')).set('Authorization', observer).expect(200)).body).toEqual([]);
      await t.http().get(url('/scans/2b1f7a9e-5d0c-4c4e-9b8a-1f2e3d4c5b6a')).set('Authorization', observer).expect(404);
    });
  });
});
