// proof = {"challenge": Zq, "response": Zq} (specification "Common structures").
import { asArray, asObject, expectFields, type Json } from 'src/crypto/encoding/json';
import { parseScalar, serializeScalar } from 'src/crypto/group/scalar';

export interface Proof {
  challenge: bigint;
  response: bigint;
}

export function parseProof(v: Json | undefined, path: string): Proof {
  const o = asObject(v, path);
  expectFields(o, path, ['challenge', 'response']);
  return {
    challenge: parseScalar(o.challenge, `${path}.challenge`),
    response: parseScalar(o.response, `${path}.response`),
  };
}

export function parseProofList(v: Json | undefined, path: string): Proof[] {
  return asArray(v, path).map((p, i) => parseProof(p, `${path}[${i}]`));
}

export function serializeProof(p: Proof): string {
  return `{"challenge":"${serializeScalar(p.challenge)}","response":"${serializeScalar(p.response)}"}`;
}

export function serializeProofList(ps: readonly Proof[]): string {
  return `[${ps.map(serializeProof).join(',')}]`;
}
