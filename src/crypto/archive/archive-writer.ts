// Writes a .bel the way belenios-tool does (data entries before the event that references
// them; every entry's mtime is the header timestamp), so the result is byte-identical to the
// reference writer for the same content and verifiable by Sirona and belenios-tool unchanged.
import { sha256Hex, toBytes } from 'src/crypto/encoding/sha256';
import { serializeArchiveHeader, serializeEvent, serializeSetupData, type EventType } from 'src/crypto/archive/event';
import { concatEntries, tarEntryBytes } from 'src/crypto/archive/tar';

export class ArchiveWriter {
  private readonly parts: Uint8Array[] = [];
  private lastEvent: string | undefined;
  private height = -1;

  constructor(readonly timestamp: number) {
    this.parts.push(tarEntryBytes('BELENIOS', toBytes(serializeArchiveHeader(timestamp)), timestamp));
  }

  /** Append a data entry; returns its hash (the name it is referenced by). */
  addData(body: string | Uint8Array): string {
    const bytes = toBytes(body);
    const hash = sha256Hex(bytes);
    this.parts.push(tarEntryBytes(`${hash}.data.json`, bytes, this.timestamp));
    return hash;
  }

  addEvent(type: EventType, payload?: string): string {
    this.height += 1;
    const body = toBytes(serializeEvent({ ...(this.lastEvent === undefined ? {} : { parent: this.lastEvent }), height: this.height, type, ...(payload === undefined ? {} : { payload }) }));
    const hash = sha256Hex(body);
    this.parts.push(tarEntryBytes(`${hash}.event.json`, body, this.timestamp));
    this.lastEvent = hash;
    return hash;
  }

  /** Setup: election, trustees, public credentials, setup_data, then the Setup event. */
  addSetup(election: string, trustees: string, publicCredentials: string): void {
    const e = this.addData(election);
    const t = this.addData(trustees);
    const c = this.addData(publicCredentials);
    this.addEvent('Setup', this.addData(serializeSetupData({ election: e, trustees: t, credentials: c })));
  }

  addBallot(raw: string | Uint8Array): void {
    this.addEvent('Ballot', this.addData(raw));
  }

  /** Encrypted tally then sized_encrypted_tally (which names it), then the event. */
  addEncryptedTally(encryptedTally: string, sized: (hash: string) => string): void {
    const h = this.addData(encryptedTally);
    this.addEvent('EncryptedTally', this.addData(sized(h)));
  }

  addPartialDecryption(partial: string, owned: (hash: string) => string): void {
    const h = this.addData(partial);
    this.addEvent('PartialDecryption', this.addData(owned(h)));
  }

  addResult(result: string): void {
    this.addEvent('Result', this.addData(result));
  }

  bytes(): Uint8Array {
    return concatEntries(this.parts);
  }
}
