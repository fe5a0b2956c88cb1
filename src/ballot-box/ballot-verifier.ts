import { Injectable } from '@nestjs/common';
import { verifyBallot, type BallotVerification } from 'src/crypto/ballot/verify-ballot';
import { parsePublicCredential } from 'src/crypto/credential/public-credentials';
import { parseElection, type Election } from 'src/crypto/election/election';

/**
 * What verifying one cast ballot gives back.
 * - `failed`: the names of the checks of `verifyBallot` that ran and failed (`signature_proof`,
 *   `credential_known`, …); checks not run after an earlier failure are left out.
 * - `tracker`: the hash of the bytes as received (null only if even that could not be taken).
 * - `reason`: present when the ballot could not be read at all (not JSON, wrong shape, bad
 *   encoding, a point not on the curve or not in the group): the parse error, path first.
 */
export interface BallotVerifyOutcome {
  ok: boolean;
  failed: string[];
  tracker: string | null;
  reason?: string;
}

/**
 * Verification of one ballot against an election and the one public credential it must be
 * signed with (the member's current one: any other credential fails `credential_known`). Behind
 * an interface so the cast path can verify on worker threads instead of the event loop.
 */
export interface BallotVerifier {
  verify(electionRaw: string, credentialHex: string, ballotRaw: string): Promise<BallotVerifyOutcome>;
}

export const BALLOT_VERIFIER = Symbol('BallotVerifier');

const NOT_RUN = 'not run (earlier failure)';
// Checked on the raw JSON before decoding, so they fail for a readable ballot of another election.
const IDENTITY_CHECKS: ReadonlySet<string> = new Set(['election_uuid', 'election_hash', 'credential_known']);

/** The outcome of `verifyBallot` in the shape every `BallotVerifier` returns (workers included). */
export function outcomeOf(v: BallotVerification): BallotVerifyOutcome {
  const failed = v.checks.filter((c) => !c.ok && c.reason !== NOT_RUN);
  const unreadable = !v.ok && v.ballot === undefined;
  return {
    ok: v.ok,
    failed: failed.map((c) => c.name),
    tracker: v.tracker,
    ...(unreadable ? { reason: (failed.find((c) => !IDENTITY_CHECKS.has(c.name)) ?? failed.find((c) => c.name === 'credential_known'))?.reason ?? 'the ballot could not be read' } : {}),
  };
}

/** Verifies one ballot with a single-entry credential lookup: only `credentialHex` is known. */
export function verifyOne(election: Election, credentialHex: string, ballotRaw: string): BallotVerifyOutcome {
  const lookup = { get: (hex: string) => (hex === credentialHex ? parsePublicCredential(hex, 'credential') : undefined) };
  return outcomeOf(verifyBallot(election, lookup, ballotRaw));
}

// Parsing an election builds tables for its key; a few open elections at a time is plenty.
const CACHED_ELECTIONS = 8;

/** Verifies on the calling thread (fine for tests and small elections; the pool is for load). */
@Injectable()
export class InProcessBallotVerifier implements BallotVerifier {
  private readonly elections = new Map<string, Election>();

  verify(electionRaw: string, credentialHex: string, ballotRaw: string): Promise<BallotVerifyOutcome> {
    return Promise.resolve(verifyOne(this.election(electionRaw), credentialHex, ballotRaw));
  }

  private election(raw: string): Election {
    const cached = this.elections.get(raw);
    if (cached) return cached;
    const e = parseElection(raw);
    if (this.elections.size >= CACHED_ELECTIONS) this.elections.delete(this.elections.keys().next().value!);
    this.elections.set(raw, e);
    return e;
  }
}
