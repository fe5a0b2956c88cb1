import { verifyRecord as verifyPublishedRecord } from 'src/verify/record/verify-record';

export interface RecordVerdict {
  ok: boolean;
  /** Names of the checks that failed. */
  failed: string[];
  checks: number;
  verifier: string;
}

/**
 * The demo checks its record as an auditor would: `hybrid-ballot verify` on the directory it
 * wrote (every check of docs/RECORD.md), in this process.
 */
export async function verifyRecord(dir: string): Promise<RecordVerdict> {
  const report = await verifyPublishedRecord(dir);
  return {
    ok: report.ok,
    failed: report.checks.filter((c) => c.status === 'fail').map((c) => `${c.id}${c.failures[0] ? ` (${c.failures[0].where}: ${c.failures[0].reason})` : ''}`),
    checks: report.checks.length,
    verifier: 'hybrid-ballot verify',
  };
}
