// Worker thread of the scan benchmark (bench/scan.ts): reads the pages it is sent, one at a
// time, with libvips held to one thread, as one core of a count machine would.
import { parentPort, workerData } from 'node:worker_threads';
import sharp from 'sharp';
import { decodeScan, readBallotPage, type BallotGeometry, type ScanMime } from 'src/scan/read';

export interface ScanWorkerInput {
  geometry: BallotGeometry;
}
export interface ScanJob {
  bytes: Uint8Array;
  mime: ScanMime;
}

if (parentPort) {
  sharp.concurrency(1);
  const { geometry } = workerData as ScanWorkerInput;
  const port = parentPort;
  port.on('message', (job: ScanJob) => {
    void (async () => {
      const pages = await decodeScan(Buffer.from(job.bytes), job.mime);
      const r = await readBallotPage(pages[0], geometry);
      port.postMessage({ paperId: r.paperId, failure: r.failure });
    })();
  });
}
