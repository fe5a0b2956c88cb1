import * as path from 'node:path';

/** Where an election's record lives: DATA_DIR/records/<election id>/{record/, record.zip}. */
export function recordPaths(dataDir: string, electionId: string) {
  const root = path.join(dataDir, 'records', electionId);
  return { root, dir: path.join(root, 'record'), zip: path.join(root, 'record.zip') };
}
