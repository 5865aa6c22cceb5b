// Output embeddings from an OpenAI-compatible embeddings endpoint, for `llm_quality` monitors of
// output drift whose `embeddings.source` is `endpoint`. Texts go in batches; any failure (HTTP
// status, timeout, a malformed answer) ends the evaluation as an ERROR that says what happened.
import type { LlmEmbeddings } from '@vigil/contracts';
import { GatherError } from './context.js';

/** EmbeddingsEnv is where `apiKeyEnv` is looked up. */
export type EmbeddingsEnv = Readonly<Record<string, string | undefined>>;

/** EMBEDDINGS_BATCH is how many texts one request carries. */
export const EMBEDDINGS_BATCH = 256;

/** EMBEDDINGS_TIMEOUT_MS bounds one request to the embeddings endpoint. */
export const EMBEDDINGS_TIMEOUT_MS = 30_000;

type EndpointSource = Extract<LlmEmbeddings, { source: 'endpoint' }>;

/** EMBEDDINGS_CACHE_SIZE bounds the texts whose endpoint embeddings this process remembers. */
export const EMBEDDINGS_CACHE_SIZE = 50_000;

// A fixed reference window is embedded again at every evaluation: remember vectors by endpoint,
// model and text (oldest entries leave first), so a paid endpoint sees each answer once.
const cache = new Map<string, number[]>();
const cacheKey = (s: EndpointSource, text: string) => `${s.url}\u0000${s.model}\u0000${text}`;

function remember(key: string, v: number[]): void {
  if (cache.size >= EMBEDDINGS_CACHE_SIZE) {
    const oldest = cache.keys().next();
    if (oldest.done !== true) cache.delete(oldest.value);
  }
  cache.set(key, v);
}

function vectorsOf(body: unknown, count: number): number[][] | null {
  const data = (body as { data?: unknown } | null)?.data;
  if (!Array.isArray(data) || data.length !== count) return null;
  const out: number[][] = new Array(count);
  for (const [i, d] of data.entries()) {
    const item = d as { index?: unknown; embedding?: unknown };
    const at = typeof item.index === 'number' ? item.index : i;
    const v = item.embedding;
    if (!Array.isArray(v) || !v.every((x) => typeof x === 'number') || at < 0 || at >= count) {
      return null;
    }
    out[at] = v as number[];
  }
  return out.every((v) => v !== undefined) ? out : null;
}

/**
 * embedOutputs asks `POST {url}/embeddings` (`{ model, input: [texts] }`, the OpenAI protocol)
 * for one embedding per text, EMBEDDINGS_BATCH texts per request, with `Authorization: Bearer`
 * from the environment variable `apiKeyEnv` when set; texts embedded before (same endpoint and
 * model) come from a bounded in-process cache. Throws GatherError('ERROR') on failure.
 */
export async function embedOutputs(
  source: EndpointSource,
  texts: readonly string[],
  env: EmbeddingsEnv,
): Promise<number[][]> {
  let key: string | undefined;
  if (source.apiKeyEnv !== undefined) {
    key = env[source.apiKeyEnv];
    if (key === undefined || key === '') {
      throw new GatherError(
        'ERROR',
        `embeddings: environment variable ${source.apiKeyEnv} is not set`,
      );
    }
  }
  const url = `${source.url.replace(/\/+$/, '')}/embeddings`;
  const missing = [...new Set(texts.filter((t) => !cache.has(cacheKey(source, t))))];
  // This call's vectors, whatever the cache evicts meanwhile.
  const fetched = new Map<string, number[]>();
  for (let i = 0; i < missing.length; i += EMBEDDINGS_BATCH) {
    const batch = missing.slice(i, i + EMBEDDINGS_BATCH);
    let res: Response;
    try {
      res = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(key === undefined ? {} : { authorization: `Bearer ${key}` }),
        },
        body: JSON.stringify({ model: source.model, input: batch }),
        signal: AbortSignal.timeout(EMBEDDINGS_TIMEOUT_MS),
      });
    } catch (e) {
      throw new GatherError('ERROR', `embeddings: ${url}: ${(e as Error).message}`);
    }
    const text = await res.text().catch(() => '');
    if (!res.ok) {
      throw new GatherError(
        'ERROR',
        `embeddings: ${url} answered HTTP ${res.status}: ${text.slice(0, 200)}`,
      );
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new GatherError('ERROR', `embeddings: ${url} did not answer JSON`);
    }
    const vectors = vectorsOf(body, batch.length);
    if (vectors === null) {
      throw new GatherError(
        'ERROR',
        `embeddings: ${url} did not answer one embedding per input (data[].embedding)`,
      );
    }
    batch.forEach((t, j) => {
      fetched.set(t, vectors[j]);
      remember(cacheKey(source, t), vectors[j]);
    });
  }
  return texts.map((t) => fetched.get(t) ?? cache.get(cacheKey(source, t)) ?? []);
}
