// From nothing to an open election: staff accounts, the election, the roll, the print run, the
// trustees' keys, opening, and the packs some members lost and had replaced.
import { parseElection } from 'src/crypto/election/election';
import { generatePedersen, serializeThresholdParameters } from 'src/crypto/trustees/pedersen';
import { generateSingleTrustee, serializeTrusteePublicKey } from 'src/crypto/trustees/trustee-key';
import { ApiClient, waitFor } from 'src/demo/api-client';
import { DemoContext, StaffClients, TrusteeKeys } from 'src/demo/demo-context';
import { DemoServer, staffPassword } from 'src/demo/demo-server';
import { PhaseDisplay } from 'src/demo/progress';
import { DEMO_QUESTIONS, RollMember, Scenario } from 'src/demo/scenario';
import { PrecedencePolicy } from 'src/elections/election.types';
import { Role } from 'src/platform/http/access.decorators';
import { openPrintShop } from 'src/demo/printed-packs';

const ROLL_COLUMNS = ['member_number', 'given_names', 'family_name', 'address_line_1', 'postcode', 'country', 'email', 'date_of_birth', 'weight', 'eligible', 'channel'] as const;

/** How the election's key is shared: one Single trustee, and optionally a Pedersen k-of-n group with members absent at decryption. */
export interface TrusteePlan {
  pedersen: { n: number; k: number; absent: number } | null;
}

export const DEFAULT_TRUSTEES: TrusteePlan = { pedersen: { n: 3, k: 2, absent: 1 } };

export function rollCsv(rows: readonly RollMember[]): string {
  const cell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return [ROLL_COLUMNS.join(','), ...rows.map((r) => ROLL_COLUMNS.map((c) => cell(r[c])).join(','))].join('\n') + '\n';
}

async function signIn(anon: ApiClient, email: string, password: string): Promise<ApiClient> {
  const res = await anon.post<{ token: string }>('/auth/login', { email, password }, [200]);
  return anon.withBearer(res.body.token);
}

/** One account per role, created by the administrator, each signed in over HTTP. */
export async function createStaff(server: DemoServer, anon: ApiClient): Promise<StaffClients> {
  const adminEmail = 'administrator@demo.invalid';
  const admin = await signIn(anon, adminEmail, await server.bootstrapAdministrator(adminEmail));
  const account = async (role: Role) => {
    const email = `${role.replace(/_/g, '-')}@demo.invalid`;
    const password = staffPassword();
    await admin.post('/staff', { email, role, password }, [201]);
    return signIn(anon, email, password);
  };
  return {
    admin,
    credentialAuthority: await account('credential_authority'),
    countStaff: await account('count_staff'),
    supervisor: await account('count_supervisor'),
    trustee: await account('trustee'),
    observer: await account('observer'),
  };
}

export async function createElection(admin: ApiClient, policy: PrecedencePolicy): Promise<{ id: string; beleniosUuid: string }> {
  const minute = 60_000;
  const now = Date.now();
  const res = await admin.post<{ id: string; beleniosUuid: string }>(
    '/elections',
    {
      title: 'Demo leadership ballot',
      description: 'A demonstration election run by `hybrid-ballot demo`: every member, vote and paper is made up.',
      questions: DEMO_QUESTIONS,
      channels: { online: true, postal: true },
      precedencePolicy: policy,
      onlineRevoting: true,
      secondFactor: 'date-of-birth',
      // Online voting is open from now; the demo closes each stage by hand, as an administrator may.
      timeline: {
        onlineOpensAt: new Date(now - minute).toISOString(),
        onlineClosesAt: new Date(now + 7 * 24 * 60 * minute).toISOString(),
        postalDeadline: new Date(now + 8 * 24 * 60 * minute).toISOString(),
        timeZone: 'Europe/London',
      },
    },
    [201],
  );
  return res.body;
}

export async function importRoll(admin: ApiClient, electionId: string, scenario: Scenario): Promise<void> {
  const imp = await admin.post<{ id: string; invalid: number }>(`/elections/${electionId}/roll/imports`, rollCsv(scenario.roll), [201]);
  await admin.post(`/elections/${electionId}/roll/imports/${imp.body.id}/commit`, {}, [200, 201]);
  await admin.post(`/elections/${electionId}/transitions`, { to: 'roll_frozen' }, [200]);
}

interface PacksStatus {
  status: string;
  progress?: { done: number; total: number };
  job?: { error?: string };
}

/** The credential authority's print run, followed to `packs_ready`. */
export async function printPacks(ca: ApiClient, electionId: string, display: PhaseDisplay): Promise<PacksStatus> {
  await ca.post(`/elections/${electionId}/packs`, { template: 'default', language: 'en' }, [202]);
  let shown = 0;
  return waitFor('the print run', async () => {
    const s = (await ca.get<PacksStatus>(`/elections/${electionId}/packs`)).body;
    if (s.progress) {
      display.setTotal(s.progress.total);
      display.tick(s.progress.done - shown);
      shown = s.progress.done;
    }
    if (s.status === 'failed') throw new Error(`The print run failed: ${s.job?.error ?? 'unknown error'}`);
    return s.status === 'generated' ? s : null;
  }, 300_000, 250);
}

/**
 * The key ceremony: a Single trustee, then a Pedersen group made in one sitting (as
 * `hybrid-ballot trustee threshold-keygen` does). Only public keys go to the server. Owners are
 * numbered as Belenios flattens trustees.json: the Single is 1, the group's members follow.
 */
export async function registerTrustees(admin: ApiClient, electionId: string, plan: TrusteePlan): Promise<TrusteeKeys> {
  const single = generateSingleTrustee();
  await admin.post(`/elections/${electionId}/trustees`, { name: 'Returning officer', publicKey: JSON.parse(serializeTrusteePublicKey(single.publicKey)) as unknown }, [201]);
  const byOwner = new Map<number, bigint>([[1, single.secret]]);
  const absent: number[] = [];
  if (plan.pedersen) {
    const { n, k } = plan.pedersen;
    const group = generatePedersen(n, k);
    await admin.post(`/elections/${electionId}/trustees`, { name: `Scrutineers (${k} of ${n})`, kind: 'pedersen', parameters: JSON.parse(serializeThresholdParameters(group.parameters)) as unknown }, [201]);
    group.trustees.forEach((t, i) => byOwner.set(2 + i, t.share));
    for (let i = 0; i < plan.pedersen.absent; i++) absent.push(1 + n - i);
  }
  return { byOwner, absent };
}

export async function openElection(ctx: Pick<DemoContext, 'staff' | 'anon' | 'electionId'>): Promise<ReturnType<typeof parseElection>> {
  await ctx.staff.admin.post(`/elections/${ctx.electionId}/transitions`, { to: 'open' }, [200]);
  const raw = await ctx.anon.bytes(`/elections/${ctx.electionId}/ballot-box/election`);
  return parseElection(new TextDecoder().decode(raw));
}

/** Members whose pack was lost: the administrator replaces it before they vote. */
export async function reissueLostPacks(ctx: DemoContext): Promise<Map<string, number>> {
  const voided = new Map<string, number>();
  for (const p of ctx.scenario.plans.filter((m) => m.reissued)) {
    const res = await ctx.staff.admin.post<{ voidedSerial: number }>(`/elections/${ctx.electionId}/packs/reissues`, { memberNumber: p.number, reason: 'Pack lost in the post (demo)' }, [200, 201]);
    voided.set(p.number, res.body.voidedSerial);
  }
  return voided;
}

export { openPrintShop };
