// @ts-check
// The voter and public APIs as the pages use them (docs/ONLINE.md). The voter session is a
// cookie (HttpOnly) set by sign-in: the page never sees it.

export class ApiError extends Error {
  /**
   * @param {number} status
   * @param {string} code
   * @param {string} message
   * @param {Record<string, unknown>} details the rest of the error object (tracker, reason, …)
   */
  constructor(status, code, message, details) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

/**
 * @param {'GET' | 'POST'} method
 * @param {string} path
 * @param {unknown} [body]
 * @returns {Promise<unknown>} the JSON answer (text when it is not JSON, null for 204); throws
 *   ApiError for an HTTP error and TypeError when the network fails
 */
export async function call(method, path, body) {
  const res = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  /** @type {unknown} */
  let json = text || null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    // Not JSON: election.json is read as text anyway; an error page keeps its status.
  }
  if (!res.ok) {
    const error = /** @type {{ error?: { code?: string, message?: string, [k: string]: unknown } } | null} */ (json)?.error ?? {};
    const retry = Number(res.headers.get('retry-after')) || undefined;
    throw new ApiError(res.status, error.code ?? `http_${res.status}`, error.message ?? res.statusText, { retryAfterSeconds: retry, ...error });
  }
  return json;
}

/** @param {string} id */
const base = (id) => `/elections/${encodeURIComponent(id)}`;

/** The raw election.json: its exact bytes, since the ballot commits to their hash. */
/** @param {string} id */
async function electionJson(id) {
  const res = await fetch(`${base(id)}/ballot-box/election`, { credentials: 'same-origin' });
  if (!res.ok) throw new ApiError(res.status, res.status === 404 ? 'not_open' : `http_${res.status}`, res.statusText, {});
  return res.text();
}

export const api = {
  electionJson,
  /** @param {string} id @param {string} votingId @param {string} secondFactor */
  signIn: (id, votingId, secondFactor) => call('POST', `${base(id)}/voter/sign-in`, { votingId, secondFactor }),
  /** @param {string} id */
  signOut: (id) => call('POST', `${base(id)}/voter/sign-out`),
  /** @param {string} id */
  me: async (id) => /** @type {import('./view.js').Me} */ (await call('GET', `${base(id)}/voter/me`)),
  /** @param {string} id @param {string} ballot @param {boolean} confirmationEmail */
  cast: async (id, ballot, confirmationEmail) =>
    /** @type {{ tracker: string, receivedAt: string, explanation?: string }} */ (
      await call('POST', `${base(id)}/voter/ballots`, confirmationEmail ? { ballot, confirmationEmail } : { ballot })
    ),
  /** @param {string} id @param {string} after @param {number} limit */
  trackers: async (id, after, limit) =>
    /** @type {{ trackers: Array<{ tracker: string, status: string }>, next: string | null }} */ (
      await call('GET', `${base(id)}/ballot-box/trackers?${new URLSearchParams({ ...(after ? { after } : {}), limit: String(limit) })}`)
    ),
  /** @param {string} id @param {string} tracker */
  tracker: async (id, tracker) => /** @type {{ present: boolean, status: string }} */ (await call('GET', `${base(id)}/ballot-box/trackers/${encodeURIComponent(tracker)}`)),
  /** @param {string} id @param {string} prefix */
  credentials: async (id, prefix) =>
    /** @type {{ credentials: string[] }} */ (await call('GET', `${base(id)}/ballot-box/credentials?prefix=${encodeURIComponent(prefix)}`)),
};
