import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ElectionEntity } from 'src/elections/election.entity';
import { ElectionStatus } from 'src/elections/election.types';
import { ElectionsService } from 'src/elections/elections.service';
import { Actor, StaffActor } from 'src/events/actor';
import { EventLogService } from 'src/events/event-log.service';
import { readIdentityCode, ReadCode } from 'src/intake/code-reader';
import { FirstScan, IntakeScanEntity, IntakeSessionEntity, IntakeStationEntity } from 'src/intake/intake.entities';
import { intakeError } from 'src/intake/intake.errors';
import { IntakeRepository } from 'src/intake/intake.repository';
import { CodeRejectReason, EntryKind, Verdict } from 'src/intake/intake.types';
import { dayIn } from 'src/intake/scan-day';
import { nextPlace } from 'src/intake/trays';
import { CODE_REJECT_MESSAGES, DUPLICATE_MESSAGE } from 'src/intake/verdict-messages';
import { normalizeLenient } from 'src/packs/codes/crockford';
import { IDENTITY_CODE_LENGTH } from 'src/packs/codes/identity-code';
import { PackLookupService } from 'src/packs/pack-lookup.service';
import { circumstancesAt } from 'src/precedence/circumstances';
import { Decision } from 'src/precedence/engine';
import { PrecedenceService } from 'src/precedence/precedence.service';
import { Transactions } from 'src/platform/database/transactions';
import { isUniqueViolation } from 'src/platform/database/unique-violation';
import { RollService } from 'src/roll/roll.service';

export const DEFAULT_TRAY_CAPACITY = 200;

/** Intake runs while envelopes can still arrive: from opening until postal intake closes. */
// Envelopes that arrive after postal voting closed are still scanned, to be recorded as late.
const INTAKE_STATUSES: ReadonlySet<ElectionStatus> = new Set(['open', 'online_closed', 'postal_closed', 'counting']);

/** Before packs are ready an election may go back to draft, where its settings can be edited. */
const SETTINGS_MAY_CHANGE: ReadonlySet<ElectionStatus> = new Set(['draft', 'roll_frozen']);

export interface ScanInput {
  scanId: string;
  sessionId: string;
  code: string;
  entry: EntryKind;
}

export interface ScanOutcome {
  scan: IntakeScanEntity;
  replayed: boolean;
}

export interface SessionSummary {
  session: IntakeSessionEntity;
  counts: Record<Verdict | 'undone' | 'total', number>;
  trays: Array<{ tray: string; verdict: Verdict; envelopes: number }>;
}

@Injectable()
export class IntakeService {
  /**
   * Elections whose packs are ready: their settings (time zone, rules) can no longer change, as
   * an election with packs never returns to draft. A scan uses the id and time zone from here;
   * the status and the rules are read under lock by the precedence engine for every decision.
   */
  private readonly settled = new Map<string, ElectionEntity>();

  constructor(
    private readonly repo: IntakeRepository,
    private readonly elections: ElectionsService,
    private readonly packs: PackLookupService,
    private readonly roll: RollService,
    private readonly precedence: PrecedenceService,
    private readonly events: EventLogService,
    private readonly tx: Transactions,
  ) {}

  async openSession(electionId: string, station: string, trayCapacity: number | undefined, actor: StaffActor): Promise<IntakeSessionEntity> {
    const election = await this.elections.get(electionId);
    assertIntakeOpen(election);
    return this.tx.run(async (m) => {
      const st = await this.repo.lockStation(m, electionId, station, trayCapacity ?? DEFAULT_TRAY_CAPACITY);
      if (st.openSessionId) {
        const open = await this.repo.findSession(st.openSessionId, m);
        throw intakeError('station_busy', `Station ${station} already has an open session; close it first.`, { sessionId: open?.id });
      }
      const session: IntakeSessionEntity = { id: randomUUID(), electionId, station, openedBy: actor.staffId, scans: 0, openedAt: new Date(), closedAt: null };
      await this.repo.insertSession(m, session);
      st.openSessionId = session.id;
      if (trayCapacity !== undefined) st.trayCapacity = trayCapacity;
      await this.repo.saveStation(m, st);
      await this.events.append(m, { electionId, stream: intakeStream(station), type: 'intake.session_opened', actor, data: { sessionId: session.id, station, trayCapacity: st.trayCapacity } });
      return session;
    });
  }

  async closeSession(electionId: string, sessionId: string, actor: Actor): Promise<IntakeSessionEntity> {
    return this.tx.run(async (m) => {
      const { session, station } = await this.lockOpenSession(m, electionId, sessionId);
      session.closedAt = new Date();
      station.openSessionId = null;
      await this.repo.saveSession(m, session);
      await this.repo.saveStation(m, station);
      await this.events.append(m, { electionId, stream: intakeStream(session.station), type: 'intake.session_closed', actor, data: { sessionId, scans: session.scans } });
      return session;
    });
  }

  async summary(electionId: string, sessionId: string): Promise<SessionSummary> {
    const session = await this.repo.findSession(sessionId);
    if (!session || session.electionId !== electionId) throw intakeError('session_not_found', 'No such intake session in this election.');
    const rows = await this.repo.sessionCounts(sessionId);
    const counts = { accept: 0, hold: 0, reject: 0, undone: 0, total: 0 };
    const trays = new Map<string, { tray: string; verdict: Verdict; envelopes: number }>();
    for (const r of rows) {
      counts.total += r.scans;
      if (r.undone) {
        counts.undone += r.scans;
        continue;
      }
      counts[r.verdict] += r.scans;
      const t = trays.get(r.tray) ?? { tray: r.tray, verdict: r.verdict, envelopes: 0 };
      t.envelopes += r.scans;
      trays.set(r.tray, t);
    }
    return { session, counts, trays: [...trays.values()] };
  }

  listSessions(electionId: string): Promise<IntakeSessionEntity[]> {
    return this.repo.listSessions(electionId);
  }

  /**
   * Records one scanned envelope and its verdict. The decision, the tray position and the scan
   * row commit together; a scan id seen before returns the stored answer and changes nothing.
   */
  async scan(electionId: string, input: ScanInput, actor: StaffActor): Promise<ScanOutcome> {
    const earlier = await this.repo.findScan(electionId, input.scanId);
    if (earlier) return replay(earlier, input);
    const election = this.settled.get(electionId) ?? (await this.electionForScan(electionId));
    const key = await this.packs.identityKey(electionId);
    if (!key) throw intakeError('packs_not_generated', 'This election has no packs yet, so no envelope can be checked.');
    const read = readIdentityCode(input.code, key);
    const codeReject = read.ok ? null : await this.codeRejectReason(read);
    try {
      return await this.tx.run((m) => this.record(m, election, input, read, codeReject, actor));
    } catch (e) {
      // The same scan id sent twice at once: the second insert lost, and rolled back its decision.
      if (!isUniqueViolation(e)) throw e;
      const winner = await this.repo.findScan(electionId, input.scanId);
      if (!winner) throw e;
      return replay(winner, input);
    }
  }

  private async electionForScan(electionId: string): Promise<ElectionEntity> {
    const election = await this.elections.get(electionId);
    if (!SETTINGS_MAY_CHANGE.has(election.status)) this.settled.set(electionId, election);
    return election;
  }

  private async record(m: EntityManager, election: ElectionEntity, input: ScanInput, read: ReadCode, codeReject: CodeRejectReason | null, actor: StaffActor): Promise<ScanOutcome> {
    const { session, station } = await this.lockOpenSession(m, election.id, input.sessionId);
    const now = new Date();
    const scan: IntakeScanEntity = {
      electionId: election.id,
      scanId: input.scanId,
      sessionId: session.id,
      seq: session.scans + 1,
      entry: input.entry,
      code: read.code,
      packSerial: null,
      memberId: null,
      verdict: 'reject',
      reason: null,
      message: '',
      tray: '',
      position: 0,
      decisionNo: null,
      stateChange: null,
      firstScan: null,
      scanDay: dayIn(election.timeline.timeZone, now),
      scannedBy: actor.staffId,
      scannedAt: now,
      undoneAt: null,
      undoneBy: null,
      undoReason: null,
    };
    const place = (verdict: Verdict) => {
      const r = nextPlace(station.trays, verdict, station.trayCapacity, station.station);
      station.trays = r.cursor;
      Object.assign(scan, { verdict, tray: r.place.tray, position: r.place.position });
    };

    // Locks in one order everywhere (station → election → pack → member) so nothing deadlocks.
    const locked = await this.elections.readShared(m, election.id);
    const pack = read.ok ? await this.packs.pack(m, election.id, read.packSerial, 'share') : null;
    const reject: CodeRejectReason | null = codeReject ?? (!pack || pack.kind !== 'member' || !pack.memberNumber ? 'unknown_pack' : pack.status === 'voided' ? 'voided_pack' : null);
    if (read.ok) scan.packSerial = read.packSerial;

    if (reject || !pack?.memberNumber) {
      const reason = reject ?? 'unknown_pack';
      place('reject');
      Object.assign(scan, { reason, message: CODE_REJECT_MESSAGES[reason] });
      await this.events.append(m, {
        electionId: election.id,
        stream: intakeStream(station.station),
        type: 'intake.scan',
        actor,
        data: { scanId: scan.scanId, sessionId: session.id, entry: scan.entry, packSerial: scan.packSerial, verdict: 'reject', reason, tray: scan.tray, position: scan.position },
      });
    } else {
      const memberId = pack.memberNumber;
      scan.memberId = memberId;
      const member = await this.roll.memberFacts(election.id, memberId, m);
      const applied = await this.precedence.decide(m, {
        election: locked,
        electionLocked: true,
        memberId,
        member,
        event: { kind: 'postal_return' },
        actor,
        now,
        subject: async (d: Decision) => {
          place(d.verdict === 'accept' || d.verdict === 'hold' ? d.verdict : 'reject');
          return { scanId: scan.scanId, sessionId: session.id, entry: scan.entry, packSerial: pack.serial, tray: scan.tray, position: scan.position };
        },
      });
      scan.decisionNo = applied.decisionNo;
      scan.stateChange = { before: applied.previous, after: applied.next };
      if (applied.verdict === 'reject') {
        scan.reason = applied.reason;
        scan.message = applied.reason === 'duplicate_return' ? DUPLICATE_MESSAGE : applied.explanation;
        if (applied.reason === 'duplicate_return') {
          // Read now, with the member's row locked: read before, it missed a return of the same
          // pack recorded at another station a moment earlier, and the answer had no firstScan.
          const first = await this.repo.standingEnvelope(m, election.id, memberId);
          if (first) scan.firstScan = { tray: first.tray, position: first.position, scannedAt: first.scannedAt.toISOString() } satisfies FirstScan;
        }
      } else {
        scan.message = applied.explanation;
      }
    }
    session.scans = scan.seq;
    await this.repo.recordScan(m, scan, session, station);
    return { scan, replayed: false };
  }

  /** Undoes the session's last standing scan and gives the member back the state they had. */
  async undoLast(electionId: string, sessionId: string, reason: string, actor: StaffActor): Promise<IntakeScanEntity> {
    return this.tx.run(async (m) => {
      const { station } = await this.lockSession(m, electionId, sessionId);
      const last = await this.repo.lastStanding(m, sessionId);
      if (!last) throw intakeError('nothing_to_undo', 'This session has no scan left to undo.');
      const subject = { scanId: last.scanId, sessionId, packSerial: last.packSerial, tray: last.tray, position: last.position };
      if (last.memberId && last.stateChange && last.decisionNo !== null) {
        const outcome = await this.precedence.revert(m, {
          electionId,
          memberId: last.memberId,
          decisionNo: last.decisionNo,
          before: last.stateChange.before,
          after: last.stateChange.after,
          actor,
          reason,
          subject,
        });
        if (outcome === 'changed_since') {
          throw intakeError('undo_not_possible', 'This scan cannot be undone: something else was recorded for this member since (an online vote, for instance).', { scanId: last.scanId });
        }
      } else {
        await this.events.append(m, { electionId, stream: intakeStream(station.station), type: 'intake.scan_undone', actor, data: { ...subject, reason } });
      }
      Object.assign(last, { undoneAt: new Date(), undoneBy: actor.staffId, undoReason: reason });
      await this.repo.markUndone(m, last);
      return last;
    });
  }

  /** Held envelopes whose member then voted online: to find and set aside. */
  async pullList(electionId: string) {
    await this.elections.get(electionId);
    const items = await this.repo.envelopesIn(electionId, ['pull', 'pulled']);
    const list = items.map((i) => ({ packSerial: i.packSerial, tray: i.tray, position: i.position, status: i.envelope === 'pull' ? ('to_pull' as const) : ('pulled' as const) }));
    return { toPull: list.filter((i) => i.status === 'to_pull').length, pulled: list.filter((i) => i.status === 'pulled').length, items: list };
  }

  async confirmPulled(electionId: string, packSerial: number, actor: Actor) {
    await this.elections.get(electionId);
    return this.tx.run(async (m) => {
      const pack = await this.packs.pack(m, electionId, packSerial);
      if (!pack?.memberNumber) throw intakeError('pack_not_found', 'No pack of this election has this number.');
      const memberId = pack.memberNumber;
      const scan = await this.repo.standingEnvelope(m, electionId, memberId);
      const outcome = await this.precedence.confirmPulled(m, { electionId, memberId, actor, subject: { packSerial, tray: scan?.tray ?? null, position: scan?.position ?? null } });
      if (!outcome.ok) throw intakeError('not_on_pull_list', outcome.explanation);
      return { packSerial, tray: scan?.tray ?? null, position: scan?.position ?? null, status: 'pulled' as const };
    });
  }

  /**
   * Envelopes released to the count, in tray order. `final` once no later vote can take one
   * back: online voting has closed, or the rule never lets an online vote beat a postal one.
   */
  async released(electionId: string) {
    const election = await this.elections.get(electionId);
    const items = await this.repo.envelopesIn(electionId, ['accepted']);
    const postalCannotBeBeaten = election.precedencePolicy === 'first-wins' || election.precedencePolicy === 'postal-overrides-online';
    const final = postalCannotBeBeaten || circumstancesAt(election, { eligible: true, restriction: 'any' }, new Date()).onlineClosed;
    return { total: items.length, final, items: items.map((i) => ({ tray: i.tray, position: i.position, packSerial: i.packSerial })) };
  }

  async report(electionId: string) {
    await this.elections.get(electionId);
    const rows = await this.repo.report(electionId);
    const byVerdict: Record<Verdict, number> = { accept: 0, hold: 0, reject: 0 };
    const byReason: Record<string, number> = {};
    const days = new Map<string, Record<Verdict | 'undone', number>>();
    let undone = 0;
    for (const r of rows) {
      const day = days.get(r.day) ?? { accept: 0, hold: 0, reject: 0, undone: 0 };
      days.set(r.day, day);
      if (r.undone) {
        undone += r.scans;
        day.undone += r.scans;
        continue;
      }
      byVerdict[r.verdict] += r.scans;
      day[r.verdict] += r.scans;
      if (r.reason) byReason[r.reason] = (byReason[r.reason] ?? 0) + r.scans;
    }
    return { byVerdict, byReason, undone, byDay: [...days].map(([day, counts]) => ({ day, ...counts })) };
  }

  /** Returns received (scans not undone), and when the envelopes that count or wait were scanned. */
  async received(electionId: string): Promise<{ standing: number; envelopeTimes: Date[] }> {
    await this.elections.get(electionId);
    const [standing, envelopeTimes] = await Promise.all([this.repo.countStanding(electionId), this.repo.envelopeScanTimes(electionId)]);
    return { standing, envelopeTimes };
  }

  private async codeRejectReason(read: Extract<ReadCode, { ok: false }>): Promise<CodeRejectReason> {
    if (read.reason === 'unknown_election' && read.electionCode && (await this.packs.electionCodeExists(read.electionCode))) return 'other_election';
    return read.reason;
  }

  private async lockSession(m: EntityManager, electionId: string, sessionId: string): Promise<{ session: IntakeSessionEntity; station: IntakeStationEntity }> {
    const station = await this.repo.lockStationOfSession(m, electionId, sessionId);
    // Read under the station's lock: a close that committed before it was taken is seen.
    const session = station ? await this.repo.findSession(sessionId, m) : null;
    if (!station || !session || session.electionId !== electionId) throw intakeError('session_not_found', 'No such intake session in this election.');
    return { session, station };
  }

  private async lockOpenSession(m: EntityManager, electionId: string, sessionId: string) {
    const locked = await this.lockSession(m, electionId, sessionId);
    if (locked.session.closedAt) throw intakeError('session_closed', 'This intake session is closed; open a new one.');
    return locked;
  }
}

function assertIntakeOpen(e: ElectionEntity): void {
  if (!INTAKE_STATUSES.has(e.status)) {
    throw intakeError('intake_not_open', `Postal intake is not running: the election is ${e.status}.`, { status: e.status });
  }
}

/** Each station logs on its own chain, so desks do not queue behind one chain head. */
export function intakeStream(station: string): string {
  return `intake-${station}`;
}

function replay(stored: IntakeScanEntity, input: ScanInput): ScanOutcome {
  const given = normalizeLenient(input.code);
  // Text that was not an identity code is not stored, so any such text replays that answer.
  const sameCode = stored.code === null ? given === null || given.length !== IDENTITY_CODE_LENGTH : given === stored.code;
  if (stored.sessionId !== input.sessionId || stored.entry !== input.entry || !sameCode) {
    throw intakeError('scan_id_reused', 'This scan id was already used for another scan.', { scanId: stored.scanId });
  }
  return { scan: stored, replayed: true };
}

