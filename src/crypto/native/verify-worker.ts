// Worker thread of the parallel archive verifier (parallel-verify.ts). For each archive it is
// given (shared, not copied) it lists the Ballot events' data entries exactly as the archive
// verifier will meet them, verifies the setup on its own, then verifies the blocks of ballots
// the main thread asks for and sends back what the archive verifier needs.
import { parentPort, workerData } from 'node:worker_threads';
import { readTar } from 'src/crypto/archive/tar';
import { parseEvent } from 'src/crypto/archive/event';
import { verifyBallot } from 'src/crypto/ballot/verify-ballot';
import { group } from 'src/crypto/group';
import { useBackend, type BackendName } from 'src/crypto/native/backend';
import { parseElection, type Election } from 'src/crypto/election/election';
import { asArray, asString, parseJson } from 'src/crypto/encoding/json';
import type { PublicCredential } from 'src/crypto/credential/public-credentials';
import type { CredentialLookup } from 'src/crypto/ballot/verify-ballot';
import type { ToWorker, WireOutcome } from 'src/crypto/native/parallel-verify';

const NAME = /^[0-9a-f]{64}\.(data|event)\.json$/;

interface Setup {
  election: Election;
  credentials: CredentialLookup;
}

/**
 * What ballot verification needs from the setup. The main thread verifies the setup itself
 * (and asks for ballots only when it is valid), so here the credential list is only indexed by
 * its strings, not decoded: each ballot's credential point is still fully decoded by
 * verifyBallot, and only the hex of a known credential is sent back.
 */
function workerSetup(electionRaw: Uint8Array, credentialsRaw: Uint8Array): Setup | undefined {
  try {
    const election = parseElection(electionRaw);
    const known = new Set(asArray(parseJson(credentialsRaw, 'public_credentials'), 'public_credentials').map((e, i) => {
      const entry = asString(e, `public_credentials[${i}]`);
      const comma = entry.indexOf(',');
      return comma < 0 ? entry : entry.slice(0, comma);
    }));
    return { election, credentials: { get: (hex) => (known.has(hex) ? ({ hex } as PublicCredential) : undefined) } };
  } catch {
    return undefined;
  }
}

interface Job {
  setup: Setup | undefined;
  ballots: ({ name: string; body: Uint8Array } | undefined)[];
}

function prepare(bytes: Uint8Array): Job {
  const ballots: Job['ballots'] = [];
  let setup: Setup | undefined;
  let pending: { name: string; body: Uint8Array }[] = [];
  try {
    let first = true;
    for (const entry of readTar(bytes)) {
      if (first) {
        first = false;
        continue;
      }
      const m = NAME.exec(entry.name);
      if (!m) break;
      if (m[1] === 'data') {
        pending.push({ name: entry.name, body: entry.body });
        continue;
      }
      const e = parseEvent(entry.body, entry.name);
      if (e.type === 'Setup' && setup === undefined && pending.length === 4) {
        setup = workerSetup(pending[0].body, pending[2].body);
      }
      if (e.type === 'Ballot') ballots.push(pending.length === 1 ? pending[0] : undefined);
      pending = [];
    }
  } catch {
    // The main thread reports structure errors; ballots listed so far stay usable.
  }
  return { setup, ballots };
}

function outcome(job: Job, i: number): WireOutcome | null {
  const entry = job.ballots[i];
  if (!entry || !job.setup) return null;
  const v = verifyBallot(job.setup.election, job.setup.credentials, entry.body);
  const G = group();
  return {
    name: entry.name,
    ok: v.ok,
    checks: v.checks,
    tracker: v.tracker,
    ...(v.credential ? { credentialHex: v.credential.hex } : {}),
    ...(v.ok && v.ballot ? { choices: v.ballot.answers.map((a) => G.encodeAll(a.choices.flatMap((c) => [c.alpha, c.beta]))) } : {}),
  };
}

const port = parentPort;
if (port) {
  useBackend((workerData as { backend: BackendName }).backend);
  const jobs = new Map<number, Job>();
  port.on('message', (msg: ToWorker) => {
    if (msg.type === 'archive') {
      const job = prepare(new Uint8Array(msg.archive));
      jobs.set(msg.job, job);
      port.postMessage({ type: 'ready', job: msg.job, count: job.ballots.length });
    } else if (msg.type === 'verify') {
      const job = jobs.get(msg.job);
      const results: (WireOutcome | null)[] = [];
      for (let i = msg.from; i < msg.to; i++) results.push(job ? outcome(job, i) : null);
      port.postMessage({ type: 'results', job: msg.job, from: msg.from, results });
    } else {
      jobs.delete(msg.job);
    }
  });
}
