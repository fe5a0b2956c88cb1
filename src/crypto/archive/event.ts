// event = {?"parent": hash, "height": I, "type": event_type, ?"payload": hash}
// (specification "Public data"), hash-chained: parent = SHA-256 hex of the previous event file.
import { asInt, asObject, asString, expectFields, parseJson } from 'src/crypto/encoding/json';
import { CryptoError } from 'src/crypto/errors';

export const EVENT_TYPES = ['Setup', 'Ballot', 'EndBallots', 'EncryptedTally', 'Shuffle', 'EndShuffles', 'PartialDecryption', 'Result'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export interface ArchiveEvent {
  parent?: string;
  height: number;
  type: EventType;
  payload?: string;
}

const HASH = /^[0-9a-f]{64}$/;

export function parseEvent(raw: Uint8Array | string, path: string): ArchiveEvent {
  const o = asObject(parseJson(raw, path), path);
  expectFields(o, path, ['height', 'type'], ['parent', 'payload']);
  const type = asString(o.type, `${path}.type`);
  if (!(EVENT_TYPES as readonly string[]).includes(type)) throw new CryptoError('invalid_archive', `${path}.type`, `unknown event type ${type}`);
  const hash = (v: unknown, p: string): string => {
    if (typeof v !== 'string' || !HASH.test(v)) throw new CryptoError('invalid_archive', p, 'expected a lowercase sha256 hex');
    return v;
  };
  return {
    ...(o.parent === undefined ? {} : { parent: hash(o.parent, `${path}.parent`) }),
    height: asInt(o.height, `${path}.height`),
    type: type as EventType,
    ...(o.payload === undefined ? {} : { payload: hash(o.payload, `${path}.payload`) }),
  };
}

export function serializeEvent(e: ArchiveEvent): string {
  const parent = e.parent === undefined ? '' : `"parent":"${e.parent}",`;
  const payload = e.payload === undefined ? '' : `,"payload":"${e.payload}"`;
  return `{${parent}"height":${e.height},"type":"${e.type}"${payload}}`;
}

export function serializeSetupData(d: { election: string; trustees: string; credentials: string }): string {
  return `{"election":"${d.election}","trustees":"${d.trustees}","credentials":"${d.credentials}"}`;
}

export function parseSetupData(raw: Uint8Array | string, path = 'setup_data'): { election: string; trustees: string; credentials: string } {
  const o = asObject(parseJson(raw, path), path);
  expectFields(o, path, ['election', 'trustees', 'credentials']);
  return { election: asString(o.election, `${path}.election`), trustees: asString(o.trustees, `${path}.trustees`), credentials: asString(o.credentials, `${path}.credentials`) };
}

export function serializeArchiveHeader(timestamp: number): string {
  return `{"version":1,"timestamp":"${timestamp}"}`;
}
