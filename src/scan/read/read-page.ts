import { type BallotGeometry, type PageReading, type ScanPage } from 'src/scan/read/types';

/** CONTRACT STUB (replaced by the real reader). */
export function readBallotPage(_page: ScanPage, _geometry: BallotGeometry): Promise<PageReading> {
  return Promise.reject(new Error('readBallotPage: not implemented yet'));
}
