import * as fs from 'node:fs';
import { parse, CsvError } from 'csv-parse';
import { HeaderMap, mapHeader } from 'src/roll/csv/header';
import { RowValidator } from 'src/roll/csv/row-validator';
import { MemberRecord, RowIssue } from 'src/roll/roll.types';

/** A problem with the file as a whole: it cannot be read as a roll at all. */
export class RollFileError extends Error {
  constructor(
    readonly code: 'csv_malformed' | 'csv_header_invalid' | 'csv_empty' | 'not_csv',
    message: string,
    readonly line?: number,
    readonly problems?: string[],
  ) {
    super(message);
  }
}

export interface StagedMember {
  /** Line of the file where the record starts: the member's position in this roll version. */
  line: number;
  member: MemberRecord;
}

export interface RollFileBatch {
  members: StagedMember[];
  issues: RowIssue[];
}

export interface RollFileSummary {
  /** Data rows read (blank lines not counted). */
  rows: number;
  valid: number;
  invalid: number;
  /** The last line of the file, so rows added to this roll version later come after it. */
  lastLine: number;
  separator: ',' | ';';
}

const SNIFF_BYTES = 64 * 1024;

/**
 * Chooses the separator from the header line (the one line whose content we know): the one of
 * ',' and ';' that occurs more often outside quotes. Also refuses files that are plainly not text.
 */
async function sniff(path: string): Promise<',' | ';'> {
  const fh = await fs.promises.open(path, 'r');
  try {
    const buf = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await fh.read(buf, 0, SNIFF_BYTES, 0);
    const head = buf.subarray(0, bytesRead);
    if (bytesRead === 0) throw new RollFileError('csv_empty', 'The file is empty.');
    if (head.includes(0)) throw new RollFileError('not_csv', 'The file is not a CSV text file (it contains binary data).');
    let commas = 0;
    let semicolons = 0;
    let quoted = false;
    for (const byte of head) {
      if (byte === 0x22) quoted = !quoted;
      else if (quoted) continue;
      else if (byte === 0x0a) break;
      else if (byte === 0x2c) commas++;
      else if (byte === 0x3b) semicolons++;
    }
    return semicolons > commas ? ';' : ',';
  } finally {
    await fh.close();
  }
}

function countNewlines(fields: string[]): number {
  let n = 0;
  for (const f of fields) {
    let i = f.indexOf('\n');
    while (i !== -1) {
      n++;
      i = f.indexOf('\n', i + 1);
    }
  }
  return n;
}

function isBlank(fields: string[]): boolean {
  return fields.length === 1 && fields[0].trim() === '';
}

/**
 * Reads a roll CSV file in one streaming pass and yields validated members and row issues in
 * batches; memory stays flat whatever the file size. Line numbers are counted here rather than
 * with csv-parse's `info` option, which halves its throughput: a record starts on the line after
 * the previous one plus the line breaks quoted inside it.
 */
export async function* readRollFile(
  path: string,
  validator: RowValidator,
  options: { batchSize?: number; onSummary?: (s: RollFileSummary) => void } = {},
): AsyncGenerator<RollFileBatch> {
  const batchSize = options.batchSize ?? 5000;
  const separator = await sniff(path);
  const parser = fs.createReadStream(path, { highWaterMark: 1 << 20 }).pipe(
    parse({ bom: true, delimiter: separator, relax_column_count: true, skip_records_with_empty_values: false }),
  );
  let header: HeaderMap | undefined;
  let line = 1;
  const summary: RollFileSummary = { rows: 0, valid: 0, invalid: 0, lastLine: 0, separator };
  let batch: RollFileBatch = { members: [], issues: [] };
  try {
    for await (const fields of parser as AsyncIterable<string[]>) {
      const start = line;
      line += 1 + countNewlines(fields);
      if (!header) {
        const mapped = mapHeader(fields.map((f) => f.trim()));
        if (!mapped.ok) {
          throw new RollFileError('csv_header_invalid', `Line 1 must name the roll columns: ${mapped.problems[0]}.`, 1, mapped.problems);
        }
        header = mapped.map;
        continue;
      }
      if (isBlank(fields)) continue;
      summary.rows++;
      const result = validator.validateRecord(fields, start, header);
      if (result.ok) {
        summary.valid++;
        batch.members.push({ line: start, member: result.member });
      } else {
        summary.invalid++;
        for (const issue of result.issues) batch.issues.push(issue);
      }
      if (batch.members.length + batch.issues.length >= batchSize) {
        yield batch;
        batch = { members: [], issues: [] };
      }
    }
  } catch (e) {
    if (e instanceof CsvError) {
      const at = (e as CsvError & { lines?: number }).lines;
      // csv-parse's own message quotes the offending value; ours names only the line.
      throw new RollFileError('csv_malformed', `Line ${at ?? line}: ${describeCsvError(e.code)}.`, at ?? line);
    }
    throw e;
  }
  if (!header) throw new RollFileError('csv_empty', 'The file has no header line.');
  if (batch.members.length + batch.issues.length > 0) yield batch;
  summary.lastLine = line - 1;
  options.onSummary?.(summary);
}

function describeCsvError(code: string): string {
  switch (code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quoted field is never closed';
    case 'INVALID_OPENING_QUOTE':
      return 'a quote appears inside an unquoted field (quote the whole field and double the inner quotes)';
    case 'CSV_INVALID_CLOSING_QUOTE':
      return 'a closing quote is followed by text before the separator';
    default:
      return 'the CSV cannot be read here';
  }
}
