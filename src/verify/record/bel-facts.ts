// What the record checks need to know about the .bel beyond its own verification: the election,
// the public credential list, each ballot's tracker and credential, the sized tally and the
// published Result. Read straight from the tar entries without judging them (the archive
// verification does that, and reports anything odd); a .bel too broken to read gives `problem`.
import { readTar } from 'src/crypto/archive/tar';
import { parseEvent } from 'src/crypto/archive/event';
import { ballotTracker } from 'src/crypto/ballot/ballot';
import { parseElection, type Election } from 'src/crypto/election/election';
import { isCryptoError } from 'src/crypto/errors';
import { parseResult, type ElectionResult } from 'src/crypto/tally/result';

export interface BelFacts {
  election?: Election;
  /** Public credentials (hex) with their weight, in list order. */
  credentials: Map<string, string>;
  /** Ballots in archive order. */
  ballots: { tracker: string; credential: string }[];
  numTallied?: number;
  totalWeight?: bigint;
  /** The Result as published in the archive. */
  result?: ElectionResult;
  /** Why the facts are incomplete, when they are. */
  problem?: string;
}

const decoder = new TextDecoder();

function credentialList(body: Uint8Array): Map<string, string> {
  const list = JSON.parse(decoder.decode(body)) as unknown;
  if (!Array.isArray(list)) throw new Error('public_credentials is not a list');
  return new Map(
    list.map((e) => {
      const s = String(e);
      const comma = s.indexOf(',');
      return comma < 0 ? [s, '1'] : [s.slice(0, comma), s.slice(comma + 1)];
    }),
  );
}

export function readBelFacts(bytes: Uint8Array): BelFacts {
  const facts: BelFacts = { credentials: new Map(), ballots: [] };
  let pending: Uint8Array[] = [];
  try {
    for (const entry of readTar(bytes)) {
      if (entry.name.endsWith('.data.json')) {
        pending.push(entry.body);
        continue;
      }
      if (!entry.name.endsWith('.event.json')) continue;
      const data = pending;
      pending = [];
      const last = data[data.length - 1];
      switch (parseEvent(entry.body, entry.name).type) {
        case 'Setup':
          facts.election = parseElection(data[0]);
          facts.credentials = credentialList(data[2]);
          break;
        case 'Ballot': {
          const b = JSON.parse(decoder.decode(last)) as { credential?: unknown };
          facts.ballots.push({ tracker: ballotTracker(last), credential: String(b.credential) });
          break;
        }
        case 'EncryptedTally': {
          const sized = JSON.parse(decoder.decode(last)) as { num_tallied: number; total_weight: number | string };
          facts.numTallied = sized.num_tallied;
          facts.totalWeight = BigInt(sized.total_weight);
          break;
        }
        case 'Result':
          facts.result = parseResult(last);
          break;
        case 'EndBallots':
        case 'PartialDecryption':
        case 'Shuffle':
        case 'EndShuffles':
          break;
      }
    }
  } catch (e) {
    if (!isCryptoError(e) && !(e instanceof Error)) throw e;
    facts.problem = `the .bel cannot be read past this point: ${e instanceof Error ? e.message : String(e)}`;
  }
  return facts;
}
