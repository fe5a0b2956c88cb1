// @ts-check
// The scan API as the adjudication page uses it (docs/SCANNING.md). The session cookie set by
// POST /auth/login goes with every request, the image's too; the page never sees the token.

/** @typedef {{ id: string, email: string, displayName: string, role: string }} Staff */
/** @typedef {{ question: string, answers: string[], min: number, max: number, blank: boolean }} Question */
/** @typedef {{ id: string, title: string, status: string, questions: Question[] }} Election */
/** @typedef {{ id: string, label: string, status: string, scan: { inAdjudication: number, waitingForPages: number } }} Batch */
/** @typedef {'marked' | 'marginal' | 'empty'} BoxVerdict */
/** @typedef {{ question: number, answer: number | null, label: string, fill: number, trace: number, verdict: BoxVerdict }} Box */
/** @typedef {{ kind: 'valid', choices: number[][] } | { kind: 'blank' } | { kind: 'invalid', reason: string }} PaperContent */
/**
 * @typedef {object} ScanPage
 * @property {string} pageId
 * @property {string} batchId
 * @property {string} status
 * @property {string[]} reasons
 * @property {{ emptyBelow: number, markedFrom: number }} thresholds
 * @property {PaperContent | null} proposed
 * @property {{ failure: string | null, orientation: number | null }} reading
 * @property {Box[]} boxes
 * @property {{ self: string, image: string, decision: string }} links
 */
/**
 * @typedef {{ note: string, discard?: true, choices?: number[][], blank?: true, invalid?: true, reason?: string, paperId?: string }} DecisionBody
 */

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
 * @returns {Promise<unknown>} the JSON answer; throws ApiError for an HTTP error, TypeError when the network fails
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
    // A proxy's HTML error page: keep the status.
  }
  if (!res.ok) {
    const error = /** @type {{ error?: { code?: string, message?: string } } | null} */ (json)?.error;
    throw new ApiError(res.status, error?.code ?? `http_${res.status}`, error?.message ?? `${res.status} ${res.statusText}`);
  }
  return json;
}

/** @param {string} id */
const count = (id) => `/elections/${encodeURIComponent(id)}/count`;

export const api = {
  me: async () => /** @type {Staff} */ (await call('GET', '/auth/me')),
  /** @param {string} email @param {string} password */
  login: async (email, password) => /** @type {{ staff: Staff }} */ (await call('POST', '/auth/login', { email, password })),
  logout: () => call('POST', '/auth/logout'),
  elections: async () => /** @type {Election[]} */ (await call('GET', '/elections')),
  /** @param {string} electionId */
  batches: async (electionId) => /** @type {Batch[]} */ (await call('GET', `${count(electionId)}/batches`)),
  /** @param {string} electionId @param {string} batchId empty for every batch */
  queue: async (electionId, batchId) =>
    /** @type {ScanPage[]} */ (await call('GET', `${count(electionId)}/adjudication${batchId ? `?batchId=${encodeURIComponent(batchId)}` : ''}`)),
  /** @param {string} electionId @param {string} pageId */
  imageUrl: (electionId, pageId) => `${count(electionId)}/scans/${encodeURIComponent(pageId)}/image`,
  /** @param {string} electionId @param {string} pageId @param {DecisionBody} body */
  decide: async (electionId, pageId, body) =>
    /** @type {{ pageId: string, status: 'decided' | 'discarded', kind?: 'valid' | 'blank' | 'invalid' }} */ (
      await call('POST', `${count(electionId)}/scans/${encodeURIComponent(pageId)}/decision`, body)
    ),
};

/** Elections whose papers are being counted: the only ones with pages to decide. */
export const ADJUDICATION_STATUSES = ['counting'];
