import { looksLikeVotingLink, readIdentityCode } from 'src/intake/code-reader';
import { formatIdentityCode, makeIdentityCode } from 'src/packs/codes/identity-code';

const key = { electionCode: 'K7QZ', macKey: new Uint8Array(32).fill(7) };
const code = makeIdentityCode({ electionCode: 'K7QZ', packSerial: 4242 }, key.macKey);

describe('reading what was scanned at the desk', () => {
  it('reads the barcode and the printed form typed by a person', () => {
    expect(readIdentityCode(code, key)).toEqual({ ok: true, code, packSerial: 4242 });
    expect(readIdentityCode(` ${formatIdentityCode(code).toLowerCase()} `, key)).toEqual({ ok: true, code, packSerial: 4242 });
  });

  it('refuses every single-character substitution as a typo or a forgery, never as a genuine code', () => {
    const symbols = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
    for (let i = 0; i < code.length; i++) {
      for (const c of symbols) {
        if (c === code[i]) continue;
        const r = readIdentityCode(code.slice(0, i) + c + code.slice(i + 1), key);
        expect(r.ok).toBe(false);
      }
    }
  });

  it('recognises the letter’s QR code (a voting link) and keeps nothing of it', () => {
    const link = 'https://vote.example.org/#vid=ABCD&cred=123456789abcdefghijkmn';
    expect(looksLikeVotingLink(link)).toBe(true);
    expect(readIdentityCode(link, key)).toEqual({ ok: false, reason: 'letter_qr_code', code: null, electionCode: null });
  });

  it('names the election code of a well-formed code from another election', () => {
    const other = makeIdentityCode({ electionCode: 'P3RT', packSerial: 1 }, new Uint8Array(32).fill(9));
    expect(readIdentityCode(other, key)).toMatchObject({ ok: false, reason: 'unknown_election', electionCode: 'P3RT', code: other });
  });
});
