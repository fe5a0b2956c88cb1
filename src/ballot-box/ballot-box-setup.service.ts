import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { BallotBoxSetupEntity } from 'src/ballot-box/ballot-box.entities';
import { ballotBoxError } from 'src/ballot-box/ballot-box.errors';
import { BallotBoxRepository } from 'src/ballot-box/ballot-box.repository';
import { CredentialList, credentialList } from 'src/ballot-box/credential-list';
import { serializeElection } from 'src/crypto/election/election';
import { sha256B64 } from 'src/crypto/encoding/sha256';
import { combineTrusteeKeys, serializeTrustees, type TrusteeKind } from 'src/crypto/trustees/trustees';
import { ElectionEntity } from 'src/elections/election.entity';
import { LifecycleChecks } from 'src/elections/lifecycle-checks';
import { Actor } from 'src/events/actor';
import { EventLogService } from 'src/events/event-log.service';
import { trusteeKinds } from 'src/trustees/trustee-kinds';
import { TrusteesService } from 'src/trustees/trustees.service';

/**
 * Fixes the Belenios setup when an election with the online channel opens (docs/ONLINE.md
 * "Setup when the election opens"), in the opening transaction: from then on every ballot is
 * encrypted for this election.json, and the archive starts with exactly this setup.
 */
@Injectable()
export class BallotBoxSetupService implements OnModuleInit {
  // A setup never changes once written, so it is kept once read.
  private readonly setups = new Map<string, BallotBoxSetupEntity>();

  constructor(
    private readonly repo: BallotBoxRepository,
    private readonly trustees: TrusteesService,
    private readonly lifecycle: LifecycleChecks,
    private readonly events: EventLogService,
  ) {}

  onModuleInit(): void {
    this.lifecycle.onEnter('open', 'ballot-box', (e, m, actor) => this.fix(e, m, actor));
  }

  async setup(electionId: string): Promise<BallotBoxSetupEntity | null> {
    const cached = this.setups.get(electionId);
    if (cached) return cached;
    const found = await this.repo.findSetup(electionId);
    if (found) this.setups.set(electionId, found);
    return found;
  }

  /** The public credential list regenerated from the packs, refused if it is not the one fixed at opening. */
  async credentials(setup: BallotBoxSetupEntity): Promise<CredentialList> {
    const list = credentialList(await this.repo.credentialRows(setup.electionId), setup.sparesFrom);
    if (list.sha256 !== setup.credentialsSha256) {
      // A pack row or a member weight changed since opening; publishing another list would
      // give an archive no verifier accepts.
      throw ballotBoxError('setup_mismatch', 'The public credential list no longer matches the one fixed when the election opened.', {
        expected: setup.credentialsSha256,
        found: list.sha256,
      });
    }
    return list;
  }

  private async fix(e: ElectionEntity, m: EntityManager, actor: Actor): Promise<void> {
    if (!e.channels.online) return;
    const trustees: TrusteeKind[] = trusteeKinds(await this.trustees.inOrder(m, e.id));
    // The canonical bytes makeElection would parse back; parsing here would only build the
    // key's tables, which the verifier builds when it first meets this election.
    const electionRaw = serializeElection({
      name: e.title,
      description: e.description,
      publicKey: combineTrusteeKeys(trustees),
      // Answers in published order: ballots are vectors over them.
      questions: e.questions.map((q) => ({ question: q.question, answers: [...q.answers], min: q.min, max: q.max, blank: q.blank })),
      uuid: e.beleniosUuid,
    });
    const fingerprint = sha256B64(electionRaw);
    const sparesFrom = await this.repo.sparesFrom(m, e.id);
    const list = credentialList(await this.repo.credentialRows(e.id, m), sparesFrom);
    const setup: BallotBoxSetupEntity = {
      electionId: e.id,
      electionRaw,
      trusteesRaw: serializeTrustees(trustees),
      credentialsSha256: list.sha256,
      credentials: list.count,
      weighted: list.weighted,
      sparesFrom,
      fingerprint,
      createdAt: new Date(),
    };
    await this.repo.insertSetup(m, setup);
    await this.events.append(m, {
      electionId: e.id,
      type: 'ballot_box.setup',
      actor,
      data: { fingerprint, credentials: list.count, credentialsSha256: list.sha256, weighted: list.weighted, trustees: trustees.length },
    });
  }
}
