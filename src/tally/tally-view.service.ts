import { Injectable } from '@nestjs/common';
import { authError } from 'src/auth/auth.errors';
import { ElectionsService } from 'src/elections/elections.service';
import { Role } from 'src/platform/http/access.decorators';
import { TrusteesService } from 'src/trustees/trustees.service';
import { OnlineTallyInput } from 'src/tally/online-tally-input';
import { TallyClosingService } from 'src/tally/tally-closing.service';
import { tallyError } from 'src/tally/tally.errors';
import { TallyRepository } from 'src/tally/tally.repository';

export type PublicTallyStatus = 'not_started' | 'computing' | 'awaiting_decryptions' | 'result_ready';

export interface TallyView {
  status: PublicTallyStatus;
  online: { numTallied: number; totalWeight: string; superseded: number } | null;
  trustees: Array<{ owner: number; name: string; kind: 'single' | 'pedersen'; group: number | null; member: number | null; decrypted: boolean }>;
  needed: string;
  result?: unknown;
}

export interface ForTrustees {
  electionId: string;
  uuid: string;
  election: string;
  trustees: string;
  encryptedTally: string;
  numTallied: number;
  totalWeight: string;
}

const SEE_RESULT_EARLY: readonly Role[] = ['administrator', 'observer'];

/** The public face of the tally: where it stands, what trustees decrypt, the result. */
@Injectable()
export class TallyViewService {
  constructor(
    private readonly repo: TallyRepository,
    private readonly input: OnlineTallyInput,
    private readonly elections: ElectionsService,
    private readonly trustees: TrusteesService,
    private readonly closing: TallyClosingService,
  ) {}

  async status(electionId: string): Promise<TallyView> {
    const e = await this.elections.get(electionId);
    const tally = await this.repo.findTally(electionId);
    // A lost enqueue (the process died between the commit and the queue) is recovered here:
    // the same job id makes this a no-op when the job exists.
    if (tally?.status === 'computing') await this.closing.enqueue(electionId);
    const setup = await this.input.setup(electionId);
    const quorum = setup ? this.input.quorum(setup) : null;
    const rows = await this.trustees.list(electionId);
    const decrypted = new Set((await this.repo.partials(electionId)).map((p) => p.owner));
    const trustees = (quorum?.slots ?? []).map((s, i) => {
      const row = rows[s.item];
      const pedersen = row?.kind === 'pedersen';
      return { owner: i + 1, name: row?.name ?? '', kind: row?.kind ?? 'single', group: pedersen ? s.item + 1 : null, member: pedersen ? s.member : null, decrypted: decrypted.has(i + 1) };
    });
    const online =
      tally?.encryptedTally && tally.numTallied !== null && tally.totalWeight !== null
        ? { numTallied: tally.numTallied, totalWeight: tally.totalWeight, superseded: await this.input.supersededCredentials(electionId) }
        : null;
    return {
      status: tally ? tally.status : 'not_started',
      online,
      trustees,
      needed: quorum ? quorum.describe() : 'no decryption (postal only)',
      ...(tally?.mergedResult && e.status === 'published' ? { result: JSON.parse(tally.mergedResult) as unknown } : {}),
    };
  }

  async forTrustees(electionId: string): Promise<ForTrustees> {
    const e = await this.elections.get(electionId);
    const tally = await this.repo.findTally(electionId);
    const setup = await this.input.setup(electionId);
    if (!tally?.encryptedTally || tally.numTallied === null || tally.totalWeight === null || !setup) {
      throw tallyError('tally_not_ready', 'The encrypted tally has not been computed yet.');
    }
    return {
      electionId,
      uuid: e.beleniosUuid,
      election: setup.electionRaw,
      trustees: setup.trusteesRaw,
      encryptedTally: tally.encryptedTally,
      numTallied: tally.numTallied,
      totalWeight: tally.totalWeight,
    };
  }

  /**
   * result.json: public once published; before that to administrators and observers only.
   * `asker` resolves the caller's role (null when not signed in), asked only when needed.
   */
  async result(electionId: string, asker: () => Promise<Role | null>): Promise<string> {
    const e = await this.elections.get(electionId);
    if (e.status !== 'published') {
      const role = await asker();
      if (role === null) throw authError('not_signed_in', 'The result is public once the election is published; sign in to see it before.');
      if (!SEE_RESULT_EARLY.includes(role)) throw authError('role_not_allowed', `This action needs one of these roles: ${SEE_RESULT_EARLY.join(', ')}.`);
    }
    const tally = await this.repo.findTally(electionId);
    if (!tally?.mergedResult) throw tallyError('result_not_ready', 'The result has not been computed yet.', { status: tally?.status ?? 'not_started' });
    return tally.mergedResult;
  }
}
