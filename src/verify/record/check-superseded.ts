// The online ballots a postal vote beat (DESIGN.md §9): each must be a genuine ballot of this
// election (`superseded.ballots_valid`), beaten by a postal return that was counted, from the same
// credential or one voided in the member's favour (`superseded.justified`), and absent from the
// tallied .bel (`superseded.not_tallied`).
import { ballotTracker } from 'src/crypto/ballot/ballot';
import { verifyBallot, type CredentialLookup } from 'src/crypto/ballot/verify-ballot';
import { parsePublicCredential, type PublicCredential } from 'src/crypto/credential/public-credentials';
import { isCryptoError } from 'src/crypto/errors';
import type { Reporter } from 'src/crypto/verify/report';
import type { BelFacts } from 'src/verify/record/bel-facts';
import { RECORD_CHECKS, SUPERSEDED_FILE, conclude, needs, type RecordCheck, type RecordContext } from 'src/verify/record/record-context';
import type { SupersededBallot } from 'src/verify/record/record-format';

type Failure = { where: string; reason: string };

const where = (s: SupersededBallot): string => `${SUPERSEDED_FILE} line ${s.line} (${s.tracker})`;

/** Decodes only the credentials asked for: a record may list 160,000 and supersede a handful. */
function credentialLookup(facts: BelFacts): CredentialLookup {
  const cache = new Map<string, PublicCredential | undefined>();
  return {
    get(hex: string) {
      if (!cache.has(hex)) {
        const weight = facts.credentials.get(hex);
        let c: PublicCredential | undefined;
        try {
          c = weight === undefined ? undefined : parsePublicCredential(weight === '1' ? hex : `${hex},${weight}`, 'public_credentials');
        } catch (e) {
          if (!isCryptoError(e)) throw e;
        }
        cache.set(hex, c);
      }
      return cache.get(hex);
    },
  };
}

function postalOnly(r: Reporter, ctx: RecordContext, id: RecordCheck): boolean {
  if (ctx.online.ok || ctx.online.reason !== 'postal-only') return false;
  const got = needs(r, id, ctx.superseded);
  if (got) conclude(r, id, got[0].length, got[0].length === 0 ? [] : [{ where: SUPERSEDED_FILE, reason: `${got[0].length} superseded ballots in a postal-only election` }]);
  return true;
}

export function checkSupersededValid(r: Reporter, ctx: RecordContext): void {
  const id = 'superseded.ballots_valid';
  if (postalOnly(r, ctx, id)) return;
  const got = needs(r, id, ctx.superseded, ctx.online);
  if (!got) return;
  const [superseded, online] = got;
  const election = online.facts.election;
  if (!election) return void r.fail(id, RECORD_CHECKS[id], online.path, 'no readable election in the archive to check the ballots against');
  const lookup = credentialLookup(online.facts);
  const failures: Failure[] = [];
  for (const s of superseded) {
    const tracker = ballotTracker(s.ballot);
    if (tracker !== s.tracker) failures.push({ where: where(s), reason: `the ballot's tracker is ${tracker}` });
    const v = verifyBallot(election, lookup, s.ballot);
    if (!v.ok) failures.push({ where: where(s), reason: `not a valid ballot: ${v.failed?.name ?? 'unknown'}${v.failed?.reason ? ` (${v.failed.reason})` : ''}` });
    else if (v.credentialHex !== s.credential) failures.push({ where: where(s), reason: `signed with credential ${v.credentialHex}, the line says ${s.credential}` });
  }
  conclude(r, id, superseded.length, failures);
}

export function checkSupersededJustified(r: Reporter, ctx: RecordContext): void {
  const id = 'superseded.justified';
  if (postalOnly(r, ctx, id)) return;
  const got = needs(r, id, ctx.superseded, ctx.counted, ctx.voided);
  if (!got) return;
  const [superseded, countedList, voidedList] = got;
  const counted = new Set(countedList);
  const voided = new Set(voidedList);
  const failures: Failure[] = [];
  for (const s of superseded) {
    if (!counted.has(s.postalCredential)) failures.push({ where: where(s), reason: `postal_credential ${s.postalCredential} is not in postal/counted-credentials.txt` });
    if (s.credential !== s.postalCredential && !voided.has(s.credential)) failures.push({ where: where(s), reason: `credential ${s.credential} is neither the postal credential nor voided` });
  }
  conclude(r, id, superseded.length, failures);
}

export function checkSupersededNotTallied(r: Reporter, ctx: RecordContext): void {
  const id = 'superseded.not_tallied';
  if (postalOnly(r, ctx, id)) return;
  const got = needs(r, id, ctx.superseded, ctx.online);
  if (!got) return;
  const [superseded, online] = got;
  const inBel = new Set(online.facts.ballots.map((b) => b.tracker));
  conclude(
    r,
    id,
    superseded.length,
    superseded.filter((s) => inBel.has(s.tracker) || inBel.has(ballotTracker(s.ballot))).map((s) => ({ where: where(s), reason: 'this ballot is in the .bel, where it counts' })),
  );
}
