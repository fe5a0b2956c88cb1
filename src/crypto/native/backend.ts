// Backend selection for Node (server, CLI, verifier, bench): sodium-native when it loads,
// otherwise the noble reference with a one-line notice. Browsers never import this file.
import { group, setGroupBackend } from 'src/crypto/group';
import { createNobleGroup } from 'src/crypto/group/noble-group';
import { createSodiumGroup, type SodiumEd25519 } from 'src/crypto/native/sodium-group';

export type BackendName = 'noble' | 'sodium-native';

let sodiumCache: SodiumEd25519 | null | undefined;

/** sodium-native, or null when its binary cannot be loaded on this platform. */
export function loadSodium(): SodiumEd25519 | null {
  if (sodiumCache === undefined) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      sodiumCache = require('sodium-native') as SodiumEd25519;
    } catch (e) {
      sodiumCache = null;
      process.stderr.write(`hybrid-ballot: sodium-native unavailable (${(e as Error).message.split('\n')[0]}); using the slower noble backend\n`);
    }
  }
  return sodiumCache;
}

/** Install a backend by name; 'sodium-native' falls back to noble when it cannot load. */
export function useBackend(name: BackendName): BackendName {
  if (name === 'sodium-native') {
    const sodium = loadSodium();
    if (sodium) {
      setGroupBackend(createSodiumGroup(sodium));
      return 'sodium-native';
    }
  }
  setGroupBackend(createNobleGroup());
  return 'noble';
}

/** The fastest backend available in this process (idempotent). */
export function useFastestBackend(): BackendName {
  if (group().name === 'sodium-native') return 'sodium-native';
  if (process.env.HB_CRYPTO_BACKEND === 'noble') return useBackend('noble');
  return useBackend('sodium-native');
}
