// One HTTP attempt at POST /v1/ingest, classified into what the client should do next.
import { parseRetryAfterMs } from './backoff.js';
import type { FetchLike } from './options.js';

/** ItemReply is the server's verdict on one event of a batch. */
export interface ItemReply {
  readonly index: number;
  readonly event_id?: string;
  readonly status: 'accepted' | 'duplicate' | 'rejected';
  readonly errors?: readonly { field: string; reason: string }[];
}

/**
 * AttemptOutcome says how an attempt ended: `done` (the server answered per item: 200, 207, or a
 * 400 listing results), `retry` (network error, timeout, 408, 429, 5xx), `too-large` (413) or
 * `fatal` (another 4xx: retrying the same bytes cannot help).
 */
export type AttemptOutcome =
  | { readonly kind: 'done'; readonly status: number; readonly results?: readonly ItemReply[] }
  | {
      readonly kind: 'retry';
      readonly reason: string;
      readonly status?: number;
      readonly retryAfterMs?: number;
      readonly cause?: unknown;
    }
  | { readonly kind: 'too-large'; readonly status: number; readonly reason: string }
  | { readonly kind: 'fatal'; readonly status: number; readonly reason: string };

/** AttemptRequest is everything one attempt needs. */
export interface AttemptRequest {
  readonly fetch: FetchLike;
  readonly url: string;
  readonly apiKey: string;
  readonly body: Uint8Array | string;
  readonly gzip: boolean;
  readonly timeoutMs: number;
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function describe(status: number, json: unknown, text: string): string {
  const err = (json as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  const detail =
    err?.message !== undefined ? `${String(err.code)}: ${String(err.message)}` : text.slice(0, 200);
  return `HTTP ${status}${detail ? ` (${detail})` : ''}`;
}

/** attemptIngest sends one batch body once and classifies the answer; it never rejects. */
export async function attemptIngest(req: AttemptRequest): Promise<AttemptOutcome> {
  let res: Response;
  let text: string;
  try {
    const headers: Record<string, string> = {
      authorization: `Bearer ${req.apiKey}`,
      'content-type': 'application/json',
    };
    if (req.gzip) headers['content-encoding'] = 'gzip';
    res = await req.fetch(req.url, {
      method: 'POST',
      headers,
      body: req.body,
      // AbortSignal.timeout's timer is unref'd: a hung request never keeps the process alive.
      signal: AbortSignal.timeout(req.timeoutMs),
    });
    text = await res.text();
  } catch (cause) {
    const timedOut = (cause as { name?: string } | null)?.name === 'TimeoutError';
    const code = (cause as { cause?: { code?: string } } | null)?.cause?.code;
    const reason = timedOut
      ? `timed out after ${req.timeoutMs} ms`
      : `network error${code ? ` ${code}` : ''}: ${(cause as Error)?.message ?? String(cause)}`;
    return { kind: 'retry', reason, cause };
  }
  const status = res.status;
  const json = parse(text);
  const results = (json as { results?: unknown } | undefined)?.results;
  if (status === 200 || status === 207 || (status === 400 && Array.isArray(results))) {
    return Array.isArray(results)
      ? { kind: 'done', status, results: results as ItemReply[] }
      : { kind: 'done', status };
  }
  const reason = describe(status, json, text);
  if (status === 408 || status === 429 || status >= 500) {
    const retryAfterMs = parseRetryAfterMs(res.headers.get('retry-after'), Date.now());
    return retryAfterMs === undefined
      ? { kind: 'retry', reason, status }
      : { kind: 'retry', reason, status, retryAfterMs };
  }
  if (status === 413) return { kind: 'too-large', status, reason };
  return { kind: 'fatal', status, reason };
}
