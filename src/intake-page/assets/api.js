// @ts-check
// The intake API as the page uses it (docs/INTAKE.md). The session cookie set by POST
// /auth/login goes with every request; the page never sees the token.

/** @typedef {'accept' | 'hold' | 'reject'} Verdict */
/** @typedef {{ tray: string, position: number, scannedAt: string }} FirstScan */
/**
 * @typedef {object} ScanResult
 * @property {string} scanId
 * @property {string} sessionId
 * @property {Verdict} verdict
 * @property {string | null} reason
 * @property {string} message
 * @property {string} tray
 * @property {number} position
 * @property {number | null} packSerial
 * @property {FirstScan | null} firstScan
 * @property {'barcode' | 'keyed'} entry
 * @property {string} scannedAt
 * @property {boolean} replayed
 * @property {boolean} undone
 * @property {string} [undoReason]
 */
/** @typedef {{ id: string, email: string, displayName: string, role: string }} Staff */
/** @typedef {{ id: string, title: string, status: string }} Election */
/** @typedef {{ id: string, electionId: string, station: string, openedBy: string, openedAt: string, closedAt: string | null, scans: number }} Session */

export class ApiError extends Error {
  /**
   * @param {number} status
   * @param {string} code
   * @param {string} message
   */
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/**
 * @param {'GET' | 'POST'} method
 * @param {string} path
 * @param {unknown} [body]
 * @returns {Promise<unknown>} the JSON answer (null for 204); throws ApiError for an HTTP error
 *   and TypeError when the network fails
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
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    // A proxy's HTML error page: keep the status, say what it was.
  }
  if (!res.ok) {
    const error = /** @type {{ error?: { code?: string, message?: string } } | null} */ (json)?.error;
    throw new ApiError(res.status, error?.code ?? `http_${res.status}`, error?.message ?? `${res.status} ${res.statusText}`);
  }
  return json;
}

/** @param {string} id */
const elections = (id) => `/elections/${encodeURIComponent(id)}/intake`;

export const api = {
  me: async () => /** @type {Staff} */ (await call('GET', '/auth/me')),
  /** @param {string} email @param {string} password */
  login: async (email, password) => /** @type {{ staff: Staff }} */ (await call('POST', '/auth/login', { email, password })),
  logout: () => call('POST', '/auth/logout'),
  elections: async () => /** @type {Election[]} */ (await call('GET', '/elections')),
  /** @param {string} electionId @param {string} station */
  openSession: async (electionId, station) => /** @type {Session} */ (await call('POST', `${elections(electionId)}/sessions`, { station })),
  /** @param {string} electionId */
  sessions: async (electionId) => /** @type {Session[]} */ (await call('GET', `${elections(electionId)}/sessions`)),
  /** @param {string} electionId @param {string} sessionId */
  session: (electionId, sessionId) => call('GET', `${elections(electionId)}/sessions/${encodeURIComponent(sessionId)}`),
  /** @param {string} electionId @param {string} sessionId */
  closeSession: (electionId, sessionId) => call('POST', `${elections(electionId)}/sessions/${encodeURIComponent(sessionId)}/close`),
  /** @param {string} electionId @param {string} sessionId @param {string} reason */
  undo: async (electionId, sessionId, reason) =>
    /** @type {{ undone: ScanResult }} */ (await call('POST', `${elections(electionId)}/sessions/${encodeURIComponent(sessionId)}/undo`, { reason })),
  /**
   * @param {string} electionId
   * @param {{ scanId: string, sessionId: string, code: string, entry: 'barcode' | 'keyed' }} scan
   */
  scan: async (electionId, scan) => /** @type {ScanResult} */ (await call('POST', `${elections(electionId)}/scans`, scan)),
};

/** Elections whose postal returns are being taken in. */
export const SCANNABLE_STATUSES = ['open', 'online_closed'];
