// One vote per member across channels (DESIGN.md §8): no credential counts both online and by post
// (`channels.disjoint`), voided credentials count nowhere (`voided.unused`), and every counted
// postal credential is one the election issued (`postal.credentials_listed`).
import type { Reporter } from 'src/crypto/verify/report';
import { RECORD_CHECKS, conclude, needs, type RecordContext } from 'src/verify/record/record-context';
import type { Parsed } from 'src/verify/record/record-format';

/** Credentials with a ballot in the .bel (none in a postal-only election), with one tracker each. */
function onlineCredentials(ctx: RecordContext): Parsed<Map<string, string>> {
  if (!ctx.online.ok) return ctx.online.reason === 'postal-only' ? { ok: true, value: new Map() } : ctx.online;
  return { ok: true, value: new Map(ctx.online.value.facts.ballots.map((b) => [b.credential, b.tracker])) };
}

export function checkChannelsDisjoint(r: Reporter, ctx: RecordContext): void {
  const id = 'channels.disjoint';
  const got = needs(r, id, ctx.counted, onlineCredentials(ctx));
  if (!got) return;
  const [counted, online] = got;
  conclude(
    r,
    id,
    counted.length,
    counted.filter((c) => online.has(c)).map((c) => ({ where: c, reason: `counted by post and has ballot ${online.get(c)} in the .bel` })),
  );
}

export function checkVoidedUnused(r: Reporter, ctx: RecordContext): void {
  const id = 'voided.unused';
  const got = needs(r, id, ctx.voided, ctx.counted, onlineCredentials(ctx));
  if (!got) return;
  const [voided, countedList, online] = got;
  const counted = new Set(countedList);
  const failures: { where: string; reason: string }[] = [];
  for (const v of voided) {
    if (online.has(v)) failures.push({ where: v, reason: `voided, yet has ballot ${online.get(v)} in the .bel` });
    if (counted.has(v)) failures.push({ where: v, reason: 'voided, yet its postal return was counted' });
  }
  conclude(r, id, voided.length, failures);
}

export function checkPostalCredentialsListed(r: Reporter, ctx: RecordContext): void {
  const id = 'postal.credentials_listed';
  if (!ctx.online.ok && ctx.online.reason === 'postal-only') {
    r.pass(id, RECORD_CHECKS[id]);
    r.note(id, RECORD_CHECKS[id], 'postal-only election: no public credential list to check against');
    return;
  }
  const got = needs(r, id, ctx.counted, ctx.online);
  if (!got) return;
  const [counted, online] = got;
  if (online.facts.credentials.size === 0) return void r.fail(id, RECORD_CHECKS[id], online.path, `no public credential list in the archive${online.facts.problem ? ` (${online.facts.problem})` : ''}`);
  conclude(
    r,
    id,
    counted.length,
    counted.filter((c) => !online.facts.credentials.has(c)).map((c) => ({ where: c, reason: "not in the .bel's public credential list" })),
  );
}
