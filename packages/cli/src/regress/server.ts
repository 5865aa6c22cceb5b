// Talking to the Vigil server for the gate: fetch a target's baseline run, store a run, accept it.
import { gzipSync } from 'node:zlib';
import { type GatedRun, parseRunJson, type RunResult } from '@vigil/regress';
import { CliError } from '../errors.js';

/** ServerLink is where runs are reported: the server's URL and a project API key. */
export interface ServerLink {
  readonly url: string;
  readonly key: string;
}

async function call(
  link: ServerLink,
  method: string,
  path: string,
  body?: unknown,
): Promise<Response> {
  const url = `${link.url.replace(/\/+$/, '')}${path}`;
  const headers: Record<string, string> = { authorization: `Bearer ${link.key}` };
  let payload: Uint8Array | undefined;
  if (body !== undefined) {
    // Runs with many cases are large; the server inflates gzip bodies within its limit.
    payload = gzipSync(JSON.stringify(body));
    headers['content-type'] = 'application/json';
    headers['content-encoding'] = 'gzip';
  }
  try {
    return await fetch(url, {
      method,
      headers,
      body: payload,
      signal: AbortSignal.timeout(60_000),
    });
  } catch (e) {
    const cause = (e as { cause?: { code?: string } }).cause?.code ?? (e as Error).message;
    throw new CliError('input', `Vigil server ${url} unreachable (${cause})`);
  }
}

async function failure(res: Response, what: string): Promise<CliError> {
  const text = await res.text().catch(() => '');
  let message = text.slice(0, 300);
  try {
    message = (JSON.parse(text) as { error?: { message?: string } }).error?.message ?? message;
  } catch {
    // not JSON: keep the text
  }
  return new CliError('input', `${what}: the server answered HTTP ${res.status}: ${message}`);
}

/** fetchBaseline returns the target's accepted run from the server, or null when it has none. */
export async function fetchBaseline(link: ServerLink, target: string): Promise<RunResult | null> {
  const res = await call(link, 'GET', `/v1/evals/baseline?target=${encodeURIComponent(target)}`);
  if (res.status === 404) return null;
  if (!res.ok) throw await failure(res, `baseline of ${target}`);
  const body = (await res.json()) as { run?: unknown };
  return parseRunJson(body.run, `the server's baseline of ${target}`);
}

/** reportRun stores a gated run on the server and returns the stored id. */
export async function reportRun(link: ServerLink, run: GatedRun): Promise<string> {
  const res = await call(link, 'POST', '/v1/evals/runs', run);
  if (res.status !== 201) throw await failure(res, 'storing the run');
  return ((await res.json()) as { id: string }).id;
}

/** acceptRun makes a stored run its target's baseline. */
export async function acceptRun(link: ServerLink, id: string): Promise<void> {
  const res = await call(link, 'POST', `/v1/evals/runs/${encodeURIComponent(id)}/accept`);
  if (!res.ok) throw await failure(res, `accepting run ${id}`);
}
