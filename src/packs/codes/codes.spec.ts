import { randomBytes } from 'node:crypto';
import { ALPHABET, normalizeLenient, randomSymbols, symbolsFromBits } from 'src/packs/codes/crockford';
import { dammCheckSymbol, dammValid } from 'src/packs/codes/damm32';
import {
  formatIdentityCode,
  formatPaperId,
  formatVotingId,
  generatePaperId,
  generateVotingId,
  IDENTITY_CODE_LENGTH,
  makeIdentityCode,
  MAX_PACK_SERIAL,
  PackCodeError,
  parseIdentityCode,
  parsePaperId,
  parseVotingId,
  type CodeErrorReason,
} from 'src/packs/codes';

// Reliability-anchors B6 asks for 10⁶ forgeries and 10⁴ genuine codes: PACK_CODES_FULL=1 runs that
// size; the normal run samples it so the unit suite stays fast.
const FULL = process.env.PACK_CODES_FULL === '1';
const FORGERIES = FULL ? 1_000_000 : 20_000;
const GENUINE = FULL ? 10_000 : 60;

const KEY = new Uint8Array(32).fill(7);
const OTHER_KEY = new Uint8Array(32).fill(8);
const keys = (code: string) => (code === 'EK01' ? KEY : code === 'EK02' ? OTHER_KEY : undefined);

function reasonOf(fn: () => unknown): CodeErrorReason | 'accepted' {
  try {
    fn();
    return 'accepted';
  } catch (e) {
    if (e instanceof PackCodeError) return e.reason;
    throw e;
  }
}

function tally(m: Map<string, number>, k: string): void {
  m.set(k, (m.get(k) ?? 0) + 1);
}

/** Every single-symbol substitution and every adjacent transposition of distinct symbols. */
function* typos(code: string): Generator<string> {
  for (let i = 0; i < code.length; i++) {
    for (const c of ALPHABET) if (c !== code[i]) yield code.slice(0, i) + c + code.slice(i + 1);
  }
  for (let i = 0; i + 1 < code.length; i++) {
    if (code[i] !== code[i + 1]) yield code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2);
  }
}

describe('Crockford base32', () => {
  it('maps every 5-bit value to a distinct symbol, so random symbols have no modulo bias', () => {
    // Exhaustive over two bytes: each of the 3 whole symbols they hold takes each value equally often.
    for (let pos = 0; pos < 3; pos++) {
      const counts = new Map<string, number>();
      for (let v = 0; v < 65536; v++) {
        const s = symbolsFromBits(Uint8Array.of(v >> 8, v & 255), 3)[pos];
        counts.set(s, (counts.get(s) ?? 0) + 1);
      }
      expect(counts.size).toBe(32);
      expect(new Set(counts.values())).toEqual(new Set([2048]));
    }
  });

  it('draws symbols uniformly at every position (χ² over 20,000 Voting IDs)', () => {
    const n = 20000;
    const counts = Array.from({ length: 12 }, () => new Array<number>(32).fill(0));
    for (let i = 0; i < n; i++) {
      const id = generateVotingId();
      for (let p = 0; p < 12; p++) counts[p][ALPHABET.indexOf(id[p])]++;
    }
    for (const row of counts) {
      const chi2 = row.reduce((acc, c) => acc + (c - n / 32) ** 2 / (n / 32), 0);
      expect(chi2).toBeLessThan(90); // 31 degrees of freedom: p ≈ 10⁻⁷
    }
  });

  it('has no I, L, O or U and normalizes what people type', () => {
    expect(ALPHABET).not.toMatch(/[ILOU]/);
    expect(normalizeLenient(' ab-cd oil ')).toBe('ABCD011');
    expect(normalizeLenient('AB*')).toBeNull();
    expect(randomSymbols(7)).toMatch(/^[0-9A-HJKMNP-TV-Z]{7}$/);
  });
});

describe('Damm check symbol over GF(32)', () => {
  it('catches every single substitution and adjacent transposition (exhaustive on 300 random bodies)', () => {
    const missed: string[] = [];
    for (let i = 0; i < 300; i++) {
      const body = randomSymbols(1 + (i % 24));
      const code = body + dammCheckSymbol(body);
      expect(dammValid(code)).toBe(true);
      for (const t of typos(code)) if (dammValid(t)) missed.push(t);
    }
    expect(missed).toEqual([]);
  });
});

describe('Voting ID', () => {
  it('has 12 symbols (60 bits), shown in groups of four', () => {
    const id = generateVotingId();
    expect(id).toMatch(/^[0-9A-HJKMNP-TV-Z]{12}$/);
    expect(formatVotingId(id)).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  });

  it('parses leniently: case, spaces, dashes, O→0, I/L→1', () => {
    expect(parseVotingId(' 7k3m-0ab1 x9zq ')).toBe('7K3M0AB1X9ZQ');
    expect(parseVotingId('7K3M-OABI-X9ZQ')).toBe('7K3M0AB1X9ZQ');
    expect(parseVotingId('7k3m oabl x9zq')).toBe('7K3M0AB1X9ZQ');
  });

  it('round-trips through its printed form', () => {
    for (let i = 0; i < 100; i++) {
      const id = generateVotingId();
      expect(parseVotingId(formatVotingId(id).toLowerCase())).toBe(id);
    }
  });

  it('refuses a wrong length or a foreign character with a clear message', () => {
    expect(() => parseVotingId('7K3M-0AB1-X9Z')).toThrow(/12 characters; this one has 11/);
    expect(() => parseVotingId('7K3M-0AB1-X9Z!')).toThrow(/only the letters and digits/);
    expect(reasonOf(() => parseVotingId('UUUU-UUUU-UUUU'))).toBe('unknown_format');
  });

  it('draws no duplicate among 100,000', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 100000; i++) seen.add(generateVotingId());
    expect(seen.size).toBe(100000);
  });
});

describe('Identity code', () => {
  it('round-trips election and pack serial, printed or scanned', () => {
    for (const packSerial of [0, 1, 159999, 1600000, MAX_PACK_SERIAL]) {
      const code = makeIdentityCode({ electionCode: 'EK01', packSerial }, KEY);
      expect(code).toHaveLength(IDENTITY_CODE_LENGTH);
      expect(parseIdentityCode(code, keys)).toEqual({ electionCode: 'EK01', packSerial });
      const printed = formatIdentityCode(code);
      expect(printed).toMatch(/^([0-9A-Z]{5}-){4}[0-9A-Z]{5}$/);
      expect(parseIdentityCode(printed.toLowerCase().replace(/-/g, ' '), keys)).toEqual({ electionCode: 'EK01', packSerial });
    }
  });

  it('rejects every single substitution and adjacent transposition of sampled genuine codes as a check-character error', () => {
    const outcomes = new Map<string, number>();
    for (let i = 0; i < GENUINE; i++) {
      const code = makeIdentityCode({ electionCode: 'EK01', packSerial: i * 7919 }, KEY);
      for (const t of typos(code)) tally(outcomes, reasonOf(() => parseIdentityCode(t, keys)));
    }
    expect([...outcomes.keys()]).toEqual(['bad_check_characters']);
    expect(outcomes.get('bad_check_characters')).toBeGreaterThan(GENUINE * 25 * 31);
  });

  it('rejects random well-formed forgeries by their MAC', () => {
    const outcomes = new Map<string, number>();
    for (let i = 0; i < FORGERIES; i++) {
      const body = 'EK01' + randomSymbols(IDENTITY_CODE_LENGTH - 5);
      tally(outcomes, reasonOf(() => parseIdentityCode(body + dammCheckSymbol(body), keys)));
    }
    expect(Object.fromEntries(outcomes)).toEqual({ bad_mac: FORGERIES });
  });

  it('rejects a code made with another election key, an unknown election and garbage, each with its reason', () => {
    const foreign = makeIdentityCode({ electionCode: 'EK01', packSerial: 5 }, OTHER_KEY);
    expect(reasonOf(() => parseIdentityCode(foreign, keys))).toBe('bad_mac');
    const unknown = makeIdentityCode({ electionCode: 'ZZZZ', packSerial: 5 }, KEY);
    expect(reasonOf(() => parseIdentityCode(unknown, keys))).toBe('unknown_election');
    expect(reasonOf(() => parseIdentityCode('hello', keys))).toBe('unknown_format');
    expect(reasonOf(() => parseIdentityCode('', keys))).toBe('unknown_format');
    expect(reasonOf(() => parseIdentityCode('EK01'.padEnd(25, '!'), keys))).toBe('unknown_format');
  });

  it('refuses to make codes from bad inputs', () => {
    expect(() => makeIdentityCode({ electionCode: 'ek01', packSerial: 1 }, KEY)).toThrow(/canonical/);
    expect(() => makeIdentityCode({ electionCode: 'EK01', packSerial: -1 }, KEY)).toThrow(/pack serial/);
    expect(() => makeIdentityCode({ electionCode: 'EK01', packSerial: 1 }, new Uint8Array(16))).toThrow(/MAC key/);
  });
});

describe('Paper ID', () => {
  it('has 65 random bits and a check symbol, round-trips its printed form', () => {
    for (let i = 0; i < 100; i++) {
      const id = generatePaperId();
      expect(id).toHaveLength(14);
      expect(parsePaperId(formatPaperId(id).toLowerCase())).toBe(id);
    }
  });

  it('rejects every single substitution and adjacent transposition', () => {
    const outcomes = new Map<string, number>();
    for (let i = 0; i < 100; i++) {
      const id = generatePaperId(randomBytes);
      for (const t of typos(id)) tally(outcomes, reasonOf(() => parsePaperId(t)));
    }
    expect([...outcomes.keys()]).toEqual(['bad_check_characters']);
  });
});
