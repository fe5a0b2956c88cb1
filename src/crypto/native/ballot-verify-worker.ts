// Worker thread of the cast-path ballot verifier (ballot-verify-pool.ts): verifies one ballot
// per message with the fastest backend, parsing each election once (cache keyed by its raw text).
import { parentPort, workerData } from 'node:worker_threads';
import { ElectionCache, verifyCast } from 'src/crypto/ballot/verify-cast';
import { useBackend, useFastestBackend } from 'src/crypto/native/backend';
import type { CastFromWorker, CastToWorker, CastWorkerData } from 'src/crypto/native/ballot-verify-pool';

const port = parentPort;
if (port) {
  const data = workerData as CastWorkerData;
  const backend = data.backend ? useBackend(data.backend) : useFastestBackend();
  const elections = new ElectionCache();
  port.on('message', (m: CastToWorker) => {
    // Test hook: stands in for a crash of the native code (the thread dies mid-job).
    if (data.crashMarker !== undefined && m.ballot.includes(data.crashMarker)) process.exit(70);
    let reply: CastFromWorker;
    try {
      reply = { type: 'result', id: m.id, verdict: verifyCast(elections.get(m.election), m.credential, m.ballot) };
    } catch (e) {
      // Not a verdict on the ballot (e.g. the election itself does not parse): the caller's error.
      reply = { type: 'error', id: m.id, message: e instanceof Error ? e.message : String(e) };
    }
    port.postMessage(reply);
  });
  port.postMessage({ type: 'ready', backend } satisfies CastFromWorker);
}
