import { trusteeToolError } from 'src/cli/trustee.errors';

// The few calls the trustee commands make to a hybrid-ballot server (docs/TALLY.md, ONLINE.md).

export interface ServerAnswer {
  status: number;
  body: unknown;
}

/** The staff session token for calls that need one (docs/TALLY.md: sign in, then export HB_TOKEN). */
export function staffToken(env: NodeJS.ProcessEnv = process.env): string {
  const token = env.HB_TOKEN?.trim();
  if (!token) throw trusteeToolError('token_missing', 'set HB_TOKEN to your staff session token (the "token" that POST /auth/login answers)');
  return token;
}

export function endpoint(server: string, electionId: string, rest: string): string {
  let base: URL;
  try {
    base = new URL(server);
  } catch {
    throw trusteeToolError('server_unreachable', `--server ${server} is not a URL (e.g. https://vote.example.org)`);
  }
  return new URL(`elections/${encodeURIComponent(electionId)}/${rest}`, base.href.endsWith('/') ? base.href : `${base.href}/`).href;
}

export async function callServer(url: string, init: { method?: 'GET' | 'POST'; token?: string; body?: string } = {}): Promise<ServerAnswer> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: init.method ?? 'GET',
      headers: {
        accept: 'application/json',
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(init.token === undefined ? {} : { authorization: `Bearer ${init.token}` }),
      },
      body: init.body,
    });
  } catch (e) {
    const cause = (e as { cause?: { code?: string } }).cause?.code;
    throw trusteeToolError('server_unreachable', `cannot reach ${new URL(url).origin}${cause ? ` (${cause})` : ''}`);
  }
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // Not JSON (a proxy's error page): keep the text for the message.
  }
  return { status: res.status, body };
}

/** The server's `{ error: { code, message } }`, or what it answered instead. */
export function serverError(a: ServerAnswer): { code: string; message: string; details: Record<string, unknown> } {
  const e = (a.body as { error?: Record<string, unknown> } | null)?.error;
  if (e && typeof e.code === 'string' && typeof e.message === 'string') {
    const { code, message, ...details } = e;
    return { code, message, details };
  }
  return { code: `http_${a.status}`, message: typeof a.body === 'string' ? a.body.slice(0, 200) : `HTTP ${a.status}`, details: {} };
}
