// Worker thread of the cast benchmark (bench/cast.ts): creates ballots with the fastest backend,
// so preparing one ballot per member (≈ 3 ms each with sodium-native) uses every core.
import { parentPort, workerData } from 'node:worker_threads';
import { createBallot } from 'src/crypto/ballot/create-ballot';
import { parseElection } from 'src/crypto/election/election';
import { useFastestBackend } from 'src/crypto/native/backend';

export interface CastWorkerInput {
  electionRaw: string;
  /** Private credential and the answer index ticked, per ballot. */
  items: { credential: string; choice: number }[];
}

if (parentPort) {
  useFastestBackend();
  const { electionRaw, items } = workerData as CastWorkerInput;
  const election = parseElection(electionRaw);
  const n = election.questions[0].answers.length;
  const out = items.map((it) => createBallot(election, it.credential, [Array.from({ length: n }, (_, j) => (j === it.choice ? 1 : 0))]).raw);
  parentPort.postMessage(out);
}
