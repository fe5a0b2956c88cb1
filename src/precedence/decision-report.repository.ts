import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DecisionGroup } from 'src/precedence/decision-tally';
import { Effect, RejectReason } from 'src/precedence/engine';

/**
 * Reads the decision events of an election grouped by what was decided. A report, not a hot
 * path: it scans the election's decision events once, with the database's JSON functions.
 */
@Injectable()
export class DecisionReportRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async groups(electionId: string): Promise<DecisionGroup[]> {
    const pg = this.ds.options.type === 'postgres';
    const field = (name: string) => (pg ? `(e.data->>'${name}')` : `json_extract(e.data, '$.${name}')`);
    const effects = pg ? `(e.data->'effects')::text` : `json(json_extract(e.data, '$.effects'))`;
    const rows = await this.ds.query<Array<{ event: string; verdict: string; reason: string | null; effects: string; decisions: string | number }>>(
      `SELECT ${field('event')} AS event, ${field('verdict')} AS verdict, ${field('reason')} AS reason, ${effects} AS effects, COUNT(*) AS decisions
         FROM event e
        WHERE e.election_id = ${pg ? '$1' : '?'} AND e.type = 'precedence.decision'
        GROUP BY 1, 2, 3, 4`,
      [electionId],
    );
    return rows.map((r) => ({
      event: r.event,
      verdict: r.verdict,
      reason: (r.reason as RejectReason | null) ?? null,
      effects: JSON.parse(r.effects || '[]') as Effect[],
      decisions: Number(r.decisions),
    }));
  }

  async reverted(electionId: string): Promise<number> {
    const pg = this.ds.options.type === 'postgres';
    const [row] = await this.ds.query<Array<{ n: string | number }>>(
      `SELECT COUNT(*) AS n FROM event WHERE election_id = ${pg ? '$1' : '?'} AND type = 'precedence.reverted'`,
      [electionId],
    );
    return Number(row?.n ?? 0);
  }
}
