// Resolving model references (`churn@production`, `churn@3`, `churn`) through the server's
// registry, with a short cache. Never throws: failures go to the error handler and the answer is
// the last known version (marked stale) or undefined.
import type { FetchLike } from './options.js';

/** ResolvedModel is the version a reference pointed at when it was fetched. */
export interface ResolvedModel {
  readonly ref: string;
  readonly model: string;
  /** The alias followed; null for `name`, `name@latest` and `name@3`. */
  readonly alias: string | null;
  readonly version: number;
  readonly artifactUri: string;
  readonly baselineId: string | null;
  readonly metrics: Readonly<Record<string, number>>;
  readonly tags: Readonly<Record<string, string>>;
  /** When the answer came from the server, epoch ms. */
  readonly fetchedAt: number;
  /** True when the server could not be asked and this is an older answer kept from the cache. */
  readonly stale: boolean;
}

/** ResolveFailure describes why a resolution failed, for the error handler. */
export interface ResolveFailure {
  readonly message: string;
  readonly status?: number;
  readonly cause?: unknown;
}

/** ModelResolverOptions configure a ModelResolver. */
export interface ModelResolverOptions {
  /** Base URL of the server, without a trailing slash. */
  readonly baseUrl: string;
  readonly apiKey: string;
  readonly fetch: FetchLike;
  readonly timeoutMs: number;
  /** How long an answer (or a "no such reference") is reused, ms. */
  readonly cacheMs: number;
  readonly now: () => number;
  readonly report: (failure: ResolveFailure) => void;
}

interface Entry {
  readonly at: number;
  readonly value: ResolvedModel | undefined;
}

const MAX_REF = 300;
const MAX_ENTRIES = 1000;

/** ModelResolver asks GET /v1/registry/resolve and caches the answers per reference. */
export class ModelResolver {
  readonly #o: ModelResolverOptions;
  readonly #cache = new Map<string, Entry>();
  readonly #inflight = new Map<string, Promise<ResolvedModel | undefined>>();

  constructor(options: ModelResolverOptions) {
    this.#o = options;
  }

  /**
   * resolve returns the version `ref` points at: from the cache when younger than `cacheMs`, else
   * from the server (one request per reference at a time). Unknown reference: undefined. Server
   * unreachable or failing: the cached answer marked stale if there is one, else undefined.
   */
  resolve(ref: string): Promise<ResolvedModel | undefined> {
    try {
      if (typeof ref !== 'string' || ref.length === 0 || ref.length > MAX_REF) {
        this.#o.report({ message: `invalid model reference ${JSON.stringify(String(ref))}` });
        return Promise.resolve(undefined);
      }
      const hit = this.#cache.get(ref);
      if (hit !== undefined && this.#o.now() - hit.at < this.#o.cacheMs) {
        return Promise.resolve(hit.value);
      }
      const pending = this.#inflight.get(ref);
      if (pending !== undefined) return pending;
      const p = this.#fetch(ref, hit).finally(() => this.#inflight.delete(ref));
      this.#inflight.set(ref, p);
      return p;
    } catch (e) {
      this.#o.report({ message: `resolving ${String(ref)} failed: ${String(e)}`, cause: e });
      return Promise.resolve(undefined);
    }
  }

  /** clear forgets every cached answer. */
  clear(): void {
    this.#cache.clear();
  }

  async #fetch(ref: string, old: Entry | undefined): Promise<ResolvedModel | undefined> {
    const url = `${this.#o.baseUrl}/v1/registry/resolve?ref=${encodeURIComponent(ref)}`;
    const fallback = (failure: ResolveFailure): ResolvedModel | undefined => {
      this.#o.report(failure);
      return old?.value === undefined ? undefined : { ...old.value, stale: true };
    };
    let status: number;
    let body: unknown;
    try {
      const res = await this.#o.fetch(url, {
        method: 'GET',
        headers: { authorization: `Bearer ${this.#o.apiKey}` },
        signal: AbortSignal.timeout(this.#o.timeoutMs),
      });
      status = res.status;
      const text = await res.text();
      try {
        body = JSON.parse(text);
      } catch {
        body = undefined;
      }
    } catch (cause) {
      return fallback({
        message: `resolving ${ref}: ${(cause as Error)?.message ?? cause}`,
        cause,
      });
    }
    const err = (body as { error?: { message?: unknown } } | undefined)?.error;
    const why = err?.message === undefined ? '' : `: ${String(err.message)}`;
    if (status === 404 || status === 400) {
      // The server says there is no such reference (or it is malformed): that is an answer.
      this.#store(ref, undefined);
      this.#o.report({ message: `resolving ${ref}: HTTP ${status}${why}`, status });
      return undefined;
    }
    const value = status === 200 ? toResolved(body, this.#o.now()) : undefined;
    if (value === undefined) {
      return fallback({
        message: `resolving ${ref}: HTTP ${status}${why || (status === 200 ? ': unreadable answer' : '')}`,
        status,
      });
    }
    this.#store(ref, value);
    return value;
  }

  #store(ref: string, value: ResolvedModel | undefined): void {
    if (this.#cache.size >= MAX_ENTRIES && !this.#cache.has(ref)) {
      const first = this.#cache.keys().next();
      if (!first.done) this.#cache.delete(first.value);
    }
    this.#cache.set(ref, { at: this.#o.now(), value });
  }
}

function toResolved(body: unknown, now: number): ResolvedModel | undefined {
  const b = body as {
    ref?: unknown;
    model?: unknown;
    alias?: unknown;
    version?: {
      version?: unknown;
      artifact_uri?: unknown;
      baseline_id?: unknown;
      metrics?: unknown;
      tags?: unknown;
    };
  };
  const v = b?.version;
  if (
    typeof b?.ref !== 'string' ||
    typeof b.model !== 'string' ||
    typeof v?.version !== 'number' ||
    typeof v.artifact_uri !== 'string'
  ) {
    return undefined;
  }
  return {
    ref: b.ref,
    model: b.model,
    alias: typeof b.alias === 'string' ? b.alias : null,
    version: v.version,
    artifactUri: v.artifact_uri,
    baselineId: typeof v.baseline_id === 'string' ? v.baseline_id : null,
    metrics: (v.metrics ?? {}) as Record<string, number>,
    tags: (v.tags ?? {}) as Record<string, string>,
    fetchedAt: now,
    stale: false,
  };
}
