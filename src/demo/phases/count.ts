// After the poll: envelopes beaten by an online vote are pulled from the trays, the rest are
// opened in batches and every ballot paper keyed as an anonymous cast-vote record.
import { inParallel } from 'src/demo/api-client';
import { DemoContext } from 'src/demo/demo-context';
import { demoError } from 'src/demo/demo.errors';
import { Paper } from 'src/demo/scenario';

export async function transition(ctx: DemoContext, to: string): Promise<void> {
  await ctx.staff.admin.post(`/elections/${ctx.electionId}/transitions`, { to }, [200]);
}

/** The supervisor finds each envelope on the pull list in its tray and sets it aside. */
export async function pullEnvelopes(ctx: DemoContext): Promise<number> {
  const list = (await ctx.staff.supervisor.get<{ items: Array<{ packSerial: number; status: string }> }>(`/elections/${ctx.electionId}/intake/pull-list`)).body;
  const toPull = list.items.filter((i) => i.status === 'to_pull');
  for (const item of toPull) {
    await ctx.staff.supervisor.post(`/elections/${ctx.electionId}/intake/pull-list/${item.packSerial}/pulled`, {}, [200, 201]);
    ctx.display.tick();
  }
  return toPull.length;
}

/** What count staff key for a paper: its paper ID (when it has our barcode) and its marks. */
export function keyedEntry(paper: Paper, paperId: string): Record<string, unknown> {
  switch (paper.kind) {
    case 'valid':
      return { paperId, choices: [[0, 1, 2].map((i) => (i === paper.q1 ? 1 : 0)), [0, 1, 2].map((i) => (paper.q2.includes(i) ? 1 : 0))] };
    case 'blank':
      return { paperId, blank: true };
    case 'over_vote':
      return { paperId, invalid: true, reason: 'over_vote' };
    case 'not_genuine':
      // A barcode we never printed: recorded as invalid without a paper ID (docs/COUNT.md).
      return { invalid: true, reason: 'not_genuine' };
    default:
      throw new Error('unknown paper');
  }
}

export interface CountFigures {
  batches: number;
  opened: number;
  summary: CountSummary;
}

export interface CountSummary {
  totals: { envelopesReleased: number; envelopesOpened: number; envelopesNotOpened: number; recorded: number; valid: number; blank: number; invalid: number; reconciled: boolean };
  result: Array<{ question: string; answers: Array<{ answer: string; votes: number }>; blank: number | null }>;
}

/**
 * Opens the released envelopes tray by tray, `perBatch` at a time. The papers come out of their
 * secrecy envelopes mixed, so each batch is keyed in an order unrelated to the trays.
 */
export async function countPapers(ctx: DemoContext, perBatch = 200): Promise<CountFigures> {
  const staff = ctx.staff.countStaff;
  const released = (await staff.get<{ total: number; final: boolean; items: Array<{ tray: string; packSerial: number }> }>(`/elections/${ctx.electionId}/intake/released`)).body;
  if (!released.final) throw demoError('demo_unexpected_answer', 'The list of envelopes released to the count is not final after the close of online voting.');
  ctx.display.setTotal(released.items.length);
  const paperOf = new Map<number, Paper>();
  for (const p of ctx.scenario.plans) {
    const o = ctx.observed.get(p.number);
    if (o?.postalSerial !== undefined && p.paper) paperOf.set(o.postalSerial, p.paper);
  }
  let batches = 0;
  for (let from = 0; from < released.items.length; from += perBatch) {
    const trays = released.items.slice(from, from + perBatch);
    const label = `${trays[0].tray}..${trays[trays.length - 1].tray}`.slice(0, 60);
    const batch = (await staff.post<{ id: string }>(`/elections/${ctx.electionId}/count/batches`, { label, envelopesOpened: trays.length }, [201])).body;
    const papers = trays.map((t) => {
      const paper = paperOf.get(t.packSerial);
      if (!paper) throw demoError('demo_unexpected_answer', `Envelope of pack ${t.packSerial} was released to the count, but no member the demo knows returned it.`);
      return keyedEntry(paper, ctx.shop.bySerial(t.packSerial).paperId);
    });
    for (let i = papers.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [papers[i], papers[j]] = [papers[j], papers[i]];
    }
    await inParallel(papers, 4, async (entry) => {
      await staff.post(`/elections/${ctx.electionId}/count/batches/${batch.id}/records`, entry, [201]);
      ctx.display.tick();
    });
    await staff.post(`/elections/${ctx.electionId}/count/batches/${batch.id}/close`, {}, [200]);
    batches++;
  }
  const summary = (await ctx.staff.admin.get<CountSummary>(`/elections/${ctx.electionId}/count/summary`)).body;
  return { batches, opened: released.items.length, summary };
}
