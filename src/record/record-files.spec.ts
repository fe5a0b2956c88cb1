import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { unzipSync } from 'fflate';
import { RecordDirWriter } from 'src/record/record-writer';
import { writeRecordZip } from 'src/record/record-zip';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** ~3 MB of lines: more than the writer's and the zip's buffers, so both split it. */
async function* manyLines(): AsyncGenerator<string> {
  for (let i = 0; i < 40_000; i++) yield `{"batch":"b${i % 7}","kind":"valid","choices":[[${i % 2},${(i + 1) % 2}]],"pad":"${'x'.repeat(40)}"}\n`;
}

async function writeSample(dir: string) {
  const w = new RecordDirWriter(dir);
  await w.write('election.json', new TextEncoder().encode('{"id":"e1"}\n'));
  await w.write('postal/cvrs.jsonl', manyLines());
  await w.write('online/superseded.jsonl', (async function* () {})());
  return w.finish('e1');
}

describe('record files on disk', () => {
  let tmp: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hb-record-'));
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('hashes what it wrote: the manifest and SHA256SUMS agree with the files, and sha256sum -c passes', async () => {
    const dir = path.join(tmp, 'record');
    const written = await writeSample(dir);
    expect(written.files.map((f) => f.path)).toEqual(['election.json', 'online/superseded.jsonl', 'postal/cvrs.jsonl']);
    for (const f of written.files) {
      const bytes = fs.readFileSync(path.join(dir, f.path));
      expect({ sha256: f.sha256, bytes: f.bytes }).toEqual({ sha256: sha(bytes), bytes: bytes.length });
    }
    expect(fs.readFileSync(path.join(dir, 'postal/cvrs.jsonl'), 'utf8').split('\n')).toHaveLength(40_001);
    const manifest = fs.readFileSync(path.join(dir, 'manifest.json'));
    expect(written.manifestSha256).toBe(sha(manifest));
    expect(JSON.parse(manifest.toString()).files).toEqual(written.files);
    expect(execFileSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: dir, encoding: 'utf8' })).toBe(
      'election.json: OK\nonline/superseded.jsonl: OK\npostal/cvrs.jsonl: OK\n',
    );
  });

  it('zips the same bytes, sorted by path, and the same zip every time and in every time zone', async () => {
    const dir = path.join(tmp, 'record');
    const written = await writeSample(dir);
    const paths = ['manifest.json', 'SHA256SUMS', ...written.files.map((f) => f.path)];
    const tz = process.env.TZ;
    try {
      process.env.TZ = 'UTC';
      await writeRecordZip(dir, paths, path.join(tmp, 'a.zip'));
      process.env.TZ = 'Pacific/Kiritimati';
      const size = await writeRecordZip(dir, [...paths].reverse(), path.join(tmp, 'b.zip'));
      expect(size).toBe(fs.statSync(path.join(tmp, 'b.zip')).size);
    } finally {
      process.env.TZ = tz;
    }
    const a = fs.readFileSync(path.join(tmp, 'a.zip'));
    expect(sha(fs.readFileSync(path.join(tmp, 'b.zip')))).toBe(sha(a));
    const entries = unzipSync(a);
    expect(Object.keys(entries)).toEqual(['SHA256SUMS', 'election.json', 'manifest.json', 'online/superseded.jsonl', 'postal/cvrs.jsonl']);
    for (const p of paths) expect(sha(entries[p])).toBe(sha(fs.readFileSync(path.join(dir, p))));
    // The deflated zip is much smaller than the repetitive CVRs it holds.
    expect(a.length).toBeLessThan(written.files.find((f) => f.path === 'postal/cvrs.jsonl')!.bytes / 5);
  });
});
