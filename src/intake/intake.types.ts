// The vocabulary of postal intake (DESIGN.md §7 stage 1, docs/INTAKE.md).
import { CodeErrorReason } from 'src/packs/codes/code-errors';
import { RejectReason } from 'src/precedence/engine';

export const VERDICTS = ['accept', 'hold', 'reject'] as const;
export type Verdict = (typeof VERDICTS)[number];

export const ENTRY_KINDS = ['barcode', 'keyed'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

/** Why an envelope is refused before the precedence engine is asked (the code itself is wrong). */
export type CodeRejectReason = CodeErrorReason | 'other_election' | 'letter_qr_code' | 'unknown_pack' | 'voided_pack';

export type IntakeRejectReason = CodeRejectReason | RejectReason;

/** Each verdict has its own trays on the desk: A, H and R. */
export const TRAY_LETTER: Record<Verdict, string> = { accept: 'A', hold: 'H', reject: 'R' };

/** Last tray and position used per verdict at one station. */
export type TrayCursor = Record<Verdict, { tray: number; position: number }>;

export const EMPTY_TRAYS: TrayCursor = { accept: { tray: 0, position: 0 }, hold: { tray: 0, position: 0 }, reject: { tray: 0, position: 0 } };

export interface TrayPlace {
  tray: string;
  position: number;
}
