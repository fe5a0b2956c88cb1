// The active group backend. Noble is the reference; a native backend may be installed once at
// start-up (server only) with setGroupBackend.
import type { GroupBackend } from 'src/crypto/group/group';
import { createNobleGroup } from 'src/crypto/group/noble-group';

let active: GroupBackend | undefined;

export function group(): GroupBackend {
  active ??= createNobleGroup();
  return active;
}

export function setGroupBackend(backend: GroupBackend): void {
  active = backend;
}

export type { GroupBackend, GroupElement, FixedBase } from 'src/crypto/group/group';
