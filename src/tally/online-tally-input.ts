import { Injectable } from '@nestjs/common';
import { BallotBoxSetupEntity } from 'src/ballot-box/ballot-box.entities';
import { BallotBoxSetupService } from 'src/ballot-box/ballot-box-setup.service';
import { CredentialList } from 'src/ballot-box/credential-list';
import { parseElection, type Election } from 'src/crypto/election/election';
import { parseTrustees } from 'src/crypto/trustees/trustees';
import { DecryptionQuorum } from 'src/tally/decryption-quorum';
import { TallyRepository } from 'src/tally/tally.repository';

export interface TalliedBallot {
  id: number;
  tracker: string;
  publicCredential: string;
  raw: string;
  /** Whether it is its credential's last ballot (the one Belenios counts). */
  last: boolean;
}

/**
 * What the online channel's tally is computed from, read the same way every time: the setup
 * fixed at opening and the ballots that go into the .bel — every ballot of each credential
 * whose last ballot counts, in acceptance order (revotes stay; Belenios counts the last).
 */
@Injectable()
export class OnlineTallyInput {
  constructor(
    private readonly setups: BallotBoxSetupService,
    private readonly repo: TallyRepository,
  ) {}

  setup(electionId: string): Promise<BallotBoxSetupEntity | null> {
    return this.setups.setup(electionId);
  }

  credentials(setup: BallotBoxSetupEntity): Promise<CredentialList> {
    return this.setups.credentials(setup);
  }

  election(setup: BallotBoxSetupEntity): Election {
    return parseElection(setup.electionRaw);
  }

  quorum(setup: BallotBoxSetupEntity): DecryptionQuorum {
    return new DecryptionQuorum(parseTrustees(setup.trusteesRaw));
  }

  async *tallied(electionId: string): AsyncGenerator<TalliedBallot> {
    const last = await this.repo.lastBallots(electionId);
    for await (const b of this.repo.ballotsInOrder(electionId)) {
      const l = last.get(b.publicCredential);
      if (l?.status === 'counts') yield { ...b, last: l.id === b.id };
    }
  }

  /** Ballots of credentials whose last ballot a postal vote superseded, in acceptance order. */
  async *superseded(electionId: string): AsyncGenerator<Omit<TalliedBallot, 'last'>> {
    const last = await this.repo.lastBallots(electionId);
    for await (const b of this.repo.ballotsInOrder(electionId)) {
      if (last.get(b.publicCredential)?.status === 'superseded') yield b;
    }
  }

  async supersededCredentials(electionId: string): Promise<number> {
    let n = 0;
    for (const l of (await this.repo.lastBallots(electionId)).values()) if (l.status === 'superseded') n += 1;
    return n;
  }
}

/** Credential → weight from the public credential list (`"hex"` or `"hex,weight"`), no point decoded. */
export function weightsOf(list: CredentialList): Map<string, bigint> {
  const weights = new Map<string, bigint>();
  for (const entry of JSON.parse(list.raw) as string[]) {
    const comma = entry.indexOf(',');
    weights.set(comma < 0 ? entry : entry.slice(0, comma), comma < 0 ? 1n : BigInt(entry.slice(comma + 1)));
  }
  return weights;
}
