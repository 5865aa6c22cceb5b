// A small JSON client for the Vigil API as the CLI uses it: bearer key, JSON in and out, and a
// failed request turned into one readable line (the server's own error message when it sent one).
import { CliError } from '../errors.js';

/** ApiTarget is where the API lives and the key (or admin token) to call it with. */
export interface ApiTarget {
  readonly endpoint: string;
  readonly token: string;
}

/** ApiResponse is a successful answer: its status and parsed JSON body. */
export interface ApiResponse {
  readonly status: number;
  readonly body: unknown;
}

/**
 * apiRequest sends one request and resolves to its JSON answer; a status outside `accept`
 * (default: any 2xx) or an unreachable server is a CliError with the server's message.
 */
export async function apiRequest(
  target: ApiTarget,
  method: 'GET' | 'POST' | 'PUT',
  path: string,
  options: { json?: unknown; text?: string; contentType?: string; accept?: readonly number[] } = {},
): Promise<ApiResponse> {
  const url = `${target.endpoint.replace(/\/+$/, '')}${path}`;
  const headers: Record<string, string> = { authorization: `Bearer ${target.token}` };
  let body: string | undefined;
  if (options.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.json);
  } else if (options.text !== undefined) {
    headers['content-type'] = options.contentType ?? 'text/plain';
    body = options.text;
  }
  let res: Response;
  try {
    res = await fetch(url, { method, headers, body });
  } catch (e) {
    const cause = (e as { cause?: { message?: string } }).cause?.message ?? (e as Error).message;
    throw new CliError('usage', `cannot reach ${url}: ${cause}`);
  }
  const text = await res.text();
  let parsed: unknown = null;
  try {
    parsed = text === '' ? null : JSON.parse(text);
  } catch {
    parsed = text;
  }
  const ok = options.accept ? options.accept.includes(res.status) : res.ok;
  if (!ok) {
    const err = (
      parsed as { error?: { message?: string; issues?: { field?: string; reason?: string }[] } }
    )?.error;
    const issues = (err?.issues ?? [])
      .slice(0, 3)
      .map((i) => `${i.field ?? ''}: ${i.reason ?? ''}`)
      .join('; ');
    const message = err?.message ?? (typeof parsed === 'string' ? parsed.slice(0, 200) : '');
    throw new CliError(
      'input',
      `${method} ${path}: HTTP ${res.status}${message ? `: ${message}` : ''}${issues ? ` (${issues})` : ''}`,
    );
  }
  return { status: res.status, body: parsed };
}
