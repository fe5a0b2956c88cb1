// Worker thread of the tally benchmark (bench/tally.ts): random private credentials and their
// public credentials for the election's uuid (the derivation hashes, so it runs on every core).
import { parentPort, workerData } from 'node:worker_threads';
import { generateCredential, publicCredentialHex } from 'src/crypto/credential/credential';
import { useFastestBackend } from 'src/crypto/native/backend';

export interface TallyWorkerInput {
  uuid: string;
  count: number;
}

if (parentPort) {
  useFastestBackend();
  const { uuid, count } = workerData as TallyWorkerInput;
  const out: [string, string][] = [];
  for (let i = 0; i < count; i++) {
    const c = generateCredential();
    out.push([c, publicCredentialHex(uuid, c)]);
  }
  parentPort.postMessage(out);
}
