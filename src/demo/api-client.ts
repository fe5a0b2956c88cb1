import { demoError } from 'src/demo/demo.errors';

export interface ApiAnswer<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

type Method = 'GET' | 'POST' | 'PATCH';

/**
 * The demo's users talk to the server over HTTP as any client would. One instance per identity:
 * a staff bearer token or a voter's session cookie. `expect` lists the statuses the caller
 * handles; anything else stops the demo with what the server said.
 */
export class ApiClient {
  constructor(
    readonly baseUrl: string,
    private readonly auth: { bearer?: string; cookie?: string } = {},
  ) {}

  withBearer(token: string): ApiClient {
    return new ApiClient(this.baseUrl, { bearer: token });
  }

  withCookie(cookie: string): ApiClient {
    return new ApiClient(this.baseUrl, { cookie });
  }

  async call<T = Record<string, unknown>>(method: Method, path: string, body?: unknown, expect: readonly number[] = [200, 201], raw = false): Promise<ApiAnswer<T>> {
    const headers: Record<string, string> = {};
    if (this.auth.bearer) headers.authorization = `Bearer ${this.auth.bearer}`;
    if (this.auth.cookie) headers.cookie = this.auth.cookie;
    let payload: string | undefined;
    if (typeof body === 'string') {
      headers['content-type'] = 'text/csv';
      payload = body;
    } else if (body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    const res = await fetch(`${this.baseUrl}${path}`, { method, headers, body: payload });
    const type = res.headers.get('content-type') ?? '';
    const parsed = (type.includes('json') && !(raw && expect.includes(res.status)) ? await res.json() : new Uint8Array(await res.arrayBuffer())) as T;
    if (!expect.includes(res.status)) {
      const err = (parsed as { error?: { code?: string; message?: string } }).error;
      throw demoError('demo_unexpected_answer', `${method} ${path} answered ${res.status}${err ? ` ${err.code}: ${err.message}` : ''}`, { status: res.status, error: err });
    }
    return { status: res.status, body: parsed, headers: res.headers };
  }

  get<T = Record<string, unknown>>(path: string, expect?: readonly number[]): Promise<ApiAnswer<T>> {
    return this.call<T>('GET', path, undefined, expect);
  }

  post<T = Record<string, unknown>>(path: string, body: unknown = {}, expect?: readonly number[]): Promise<ApiAnswer<T>> {
    return this.call<T>('POST', path, body, expect);
  }

  /** The body's exact bytes (a signed or hashed file must not go through a JSON parser). */
  async bytes(path: string): Promise<Uint8Array> {
    return (await this.call<Uint8Array>('GET', path, undefined, [200], true)).body;
  }
}

/** Runs `task` over `items` with at most `limit` at once, in order of start. */
export async function inParallel<T>(items: readonly T[], limit: number, task: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      await task(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** Polls `probe` until it returns a value, or fails after `timeoutMs` naming what it waited for. */
export async function waitFor<T>(what: string, probe: () => Promise<T | null>, timeoutMs = 120_000, intervalMs = 150): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== null) return v;
    if (Date.now() > deadline) throw demoError('demo_timeout', `Waited ${Math.round(timeoutMs / 1000)} s for ${what}.`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
