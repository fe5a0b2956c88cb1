import { randomInt } from 'node:crypto';

const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

/** A Belenios election uuid: 14 base58 characters (≈ 82 bits), as belenios-tool generates. */
export function newBeleniosUuid(): string {
  let s = '';
  for (let i = 0; i < 14; i++) s += BASE58[randomInt(58)];
  return s;
}
