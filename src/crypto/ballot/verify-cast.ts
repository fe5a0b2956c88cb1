// The verification of one cast ballot, as the server's cast path needs it: every check of
// verifyBallot against the election and a credential list holding only the signed-in member's
// public credential, summarised for an HTTP answer. Pure (no Node APIs): the worker pool
// (src/crypto/native/ballot-verify-pool.ts) and the in-process verifier below share it, so both
// give the same verdict for the same input.
import { asObject, parseJson } from 'src/crypto/encoding/json';
import { isCryptoError } from 'src/crypto/errors';
import { group, type GroupBackend } from 'src/crypto/group';
import { parseElection, type Election } from 'src/crypto/election/election';
import type { PublicCredential } from 'src/crypto/credential/public-credentials';
import { parseBallot } from 'src/crypto/ballot/ballot';
import { NOT_RUN, verifyBallot, type BallotCheckName } from 'src/crypto/ballot/verify-ballot';

export interface BallotVerdict {
  /** Every check of verifyBallot passed. */
  ok: boolean;
  /** The checks that failed (checks an earlier failure kept from running are not listed). */
  failed: BallotCheckName[];
  /** The ballot's tracker; null when the ballot could not be parsed (nothing to track). */
  tracker: string | null;
  /** Parse or decoding failure: the CryptoError's reason code, then its field path and detail. */
  reason?: string;
}

/** Verifies single ballots for the cast path: a worker pool, or in-process for small setups. */
export interface BallotVerifier {
  verify(electionRaw: string, credentialHex: string, ballotRaw: string): Promise<BallotVerdict>;
  close(): Promise<void>;
}

/** Why the ballot does not parse, as `reason: path: detail` (re-parsed only on failure). */
function parseProblem(ballotRaw: string): string | undefined {
  try {
    parseBallot(asObject(parseJson(ballotRaw, 'ballot'), 'ballot'));
    return undefined;
  } catch (e) {
    if (!isCryptoError(e)) throw e;
    return `${e.reason}: ${e.message}`;
  }
}

/**
 * Verify a cast ballot. The credential lookup knows only `credentialHex`: a ballot signed with
 * any other credential fails `credential_known`. The entry is not decoded here (it comes from the
 * server's own setup, already checked); the ballot's credential point is fully decoded by
 * verifyBallot and must equal it byte for byte.
 */
export function verifyCast(election: Election, credentialHex: string, ballotRaw: string): BallotVerdict {
  const only = { hex: credentialHex } as PublicCredential;
  const v = verifyBallot(election, { get: (hex) => (hex === credentialHex ? only : undefined) }, ballotRaw);
  const failed = v.checks.filter((c) => !c.ok && c.reason !== NOT_RUN).map((c) => c.name);
  if (v.ballot === undefined) {
    // The first failed check carries the message when the parse error was not a CryptoError
    // path we can re-create (it always is one: verifyBallot rethrows anything else).
    return { ok: false, failed, tracker: null, reason: parseProblem(ballotRaw) ?? v.failed?.reason ?? 'ballot does not parse' };
  }
  return { ok: v.ok, failed, tracker: v.tracker };
}

/**
 * Parsed elections by their raw text, least recently used dropped first. Parsing decodes the
 * election key and builds its multiplication tables (≈ 1 ms), which every ballot then reuses.
 * Parsed points belong to the backend that made them, so a backend change empties the cache.
 */
export class ElectionCache {
  private readonly elections = new Map<string, Election>();
  private backend: GroupBackend | undefined;

  constructor(private readonly capacity = 16) {}

  get(raw: string): Election {
    const g = group();
    if (g !== this.backend) {
      this.elections.clear();
      this.backend = g;
    }
    const hit = this.elections.get(raw);
    if (hit) {
      this.elections.delete(raw);
      this.elections.set(raw, hit);
      return hit;
    }
    const election = parseElection(raw);
    this.elections.set(raw, election);
    if (this.elections.size > this.capacity) this.elections.delete(this.elections.keys().next().value!);
    return election;
  }
}

/**
 * The same interface on the calling thread, with whatever group backend is installed: for small
 * deployments and tests, where a pool's threads cost more than they give.
 */
export class InProcessBallotVerifier implements BallotVerifier {
  private readonly elections = new ElectionCache();

  async verify(electionRaw: string, credentialHex: string, ballotRaw: string): Promise<BallotVerdict> {
    return verifyCast(this.elections.get(electionRaw), credentialHex, ballotRaw);
  }

  async close(): Promise<void> {}
}
