import { ApiClient } from 'src/demo/api-client';
import { DemoServer } from 'src/demo/demo-server';
import { PrintShop } from 'src/demo/printed-packs';
import { PhaseDisplay } from 'src/demo/progress';
import { MemberPlan, Scenario } from 'src/demo/scenario';
import { Election } from 'src/crypto/election/election';
import { PrecedencePolicy } from 'src/elections/election.types';

export interface StaffClients {
  admin: ApiClient;
  credentialAuthority: ApiClient;
  countStaff: ApiClient;
  supervisor: ApiClient;
  trustee: ApiClient;
  observer: ApiClient;
}

/** The trustees' private keys: they stay with the demo's trustees and never go to the server. */
export interface TrusteeKeys {
  /** Belenios owner index (1-based over the flattened trustee list) → secret. */
  byOwner: Map<number, bigint>;
  /** Owners who do not take part in the decryption (the absent Pedersen member). */
  absent: number[];
}

/** What actually happened to a member, for comparison with what the rule should have done. */
export interface Observed {
  postal?: { verdict: string; reason: string | null };
  onlineAfterPostal?: string;
  /** Serial of the pack whose envelope was counted (its paper is keyed at the count). */
  postalSerial?: number;
}

export interface DemoContext {
  policy: PrecedencePolicy;
  server: DemoServer;
  display: PhaseDisplay;
  scenario: Scenario;
  staff: StaffClients;
  /** Nobody signed in: the public and the members before they sign in. */
  anon: ApiClient;
  electionId: string;
  beleniosUuid: string;
  /** The election as published when it opened (what ballots are encrypted for). */
  belenios: Election;
  shop: PrintShop;
  trustees: TrusteeKeys;
  observed: Map<string, Observed>;
  /** Differences between what the rule should have done and what the server did. */
  mismatches: string[];
  byNumber: Map<string, MemberPlan>;
}

export function observe(ctx: DemoContext, member: string): Observed {
  let o = ctx.observed.get(member);
  if (!o) ctx.observed.set(member, (o = {}));
  return o;
}
