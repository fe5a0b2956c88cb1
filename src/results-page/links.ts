// The public addresses of a published election (docs/TALLY.md API), in one place for the page,
// the report and the tests.
import { encodePath } from 'src/results-page/html';

export const resultsPagePath = (electionId: string) => `/results/${encodeURIComponent(electionId)}`;
export const reportPath = (electionId: string) => `/elections/${encodeURIComponent(electionId)}/report.pdf`;
export const recordZipPath = (electionId: string) => `/elections/${encodeURIComponent(electionId)}/record/download`;
export const recordFilePath = (electionId: string, file: string) => `/elections/${encodeURIComponent(electionId)}/record/files/${encodePath(file)}`;

export const VERIFY_COMMAND = 'npx hybrid-ballot verify record.zip';
/** Sirona (npm `sirona`) verifies the Belenios archive it finds in the current directory. */
export const SIRONA_COMMAND = 'npx sirona election verify';

/** The tallied Belenios archive of the record, when the election had an online channel. */
export function belFile(files: ReadonlyArray<{ path: string }>): string | null {
  return files.find((f) => /^online\/[^/]+\.bel$/.test(f.path))?.path ?? null;
}
