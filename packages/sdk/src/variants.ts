// Experiment variants in the SDK: the assignment config of an experiment (a canary) is fetched
// from GET /v1/experiments/:name and cached; units are hashed into a variant with the same
// assignVariant the server and the gateway use, so a unit gets the same variant everywhere.
// Never throws: a failure is reported and the last known config (or null) is used.
import { assignVariant } from '@vigil/contracts/experiment-assign';
import type { FetchLike } from './options.js';

/** VariantAssignment is a unit's variant in an experiment: record `variant` on its events. */
export interface VariantAssignment {
  readonly experiment: string;
  readonly unitId: string;
  /** The variant's name: pass it as `variant` to logPrediction, logOutcome, ... */
  readonly variant: string;
  readonly role: 'baseline' | 'candidate';
  readonly model: string;
  /** The model version that serves the variant. */
  readonly version: number;
  /** `String(version)`, ready for `modelVersion`. */
  readonly modelVersion: string;
  /** True when the server could not be asked and an older config was used. */
  readonly stale: boolean;
}

/** ExperimentVariant is one variant of a fetched config. */
export interface ExperimentVariant {
  readonly name: string;
  readonly role: 'baseline' | 'candidate';
  readonly version: number;
  readonly weight: number;
}

/** ExperimentSnapshot is a fetched assignment config. */
export interface ExperimentSnapshot {
  readonly name: string;
  readonly model: string;
  readonly state: string;
  readonly variants: readonly ExperimentVariant[];
}

/** ExperimentCacheOptions configure an ExperimentCache. */
export interface ExperimentCacheOptions {
  /** Base URL of the server, without a trailing slash. */
  readonly baseUrl: string;
  readonly apiKey: string;
  readonly fetch: FetchLike;
  readonly timeoutMs: number;
  /** How long a config (or a "no such experiment") is reused, ms. */
  readonly cacheMs: number;
  readonly now: () => number;
  readonly report: (message: string, status?: number, cause?: unknown) => void;
}

interface Entry {
  readonly at: number;
  readonly config: ExperimentSnapshot | null;
}

const MAX_ENTRIES = 1000;
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

function toSnapshot(body: unknown): ExperimentSnapshot | null {
  const b = body as Partial<ExperimentSnapshot> | null;
  if (typeof b !== 'object' || b === null || !Array.isArray(b.variants)) return null;
  if (typeof b.name !== 'string' || typeof b.model !== 'string') return null;
  const variants: ExperimentVariant[] = [];
  for (const v of b.variants as Partial<ExperimentVariant>[]) {
    if (
      typeof v?.name !== 'string' ||
      (v.role !== 'baseline' && v.role !== 'candidate') ||
      typeof v.version !== 'number' ||
      typeof v.weight !== 'number'
    )
      return null;
    variants.push({ name: v.name, role: v.role, version: v.version, weight: v.weight });
  }
  return { name: b.name, model: b.model, state: String(b.state), variants };
}

/**
 * assignmentFrom hashes `unitId` into one of the config's variants (assignVariant from
 * @vigil/contracts); null when no variant has traffic.
 */
export function assignmentFrom(
  config: ExperimentSnapshot,
  unitId: string,
  stale = false,
): VariantAssignment | null {
  const name = assignVariant(unitId, config.name, config.variants);
  const v = config.variants.find((x) => x.name === name);
  if (v === undefined) return null;
  return {
    experiment: config.name,
    unitId,
    variant: v.name,
    role: v.role,
    model: config.model,
    version: v.version,
    modelVersion: String(v.version),
    stale,
  };
}

/** ExperimentCache fetches and caches experiment configs, one request per name at a time. */
export class ExperimentCache {
  readonly #o: ExperimentCacheOptions;
  readonly #cache = new Map<string, Entry>();
  readonly #inflight = new Map<
    string,
    Promise<{ config: ExperimentSnapshot | null; stale: boolean }>
  >();

  constructor(options: ExperimentCacheOptions) {
    this.#o = options;
  }

  /**
   * variantFor returns `unitId`'s variant in `experiment`. Config younger than cacheMs: no
   * request. Unknown experiment or no traffic: null. Server unreachable or failing: the last
   * known config (stale: true) or null. Never rejects.
   */
  async variantFor(experiment: string, unitId: string): Promise<VariantAssignment | null> {
    try {
      if (typeof experiment !== 'string' || !NAME.test(experiment)) {
        this.#o.report(`invalid experiment name ${JSON.stringify(String(experiment))}`);
        return null;
      }
      if ((typeof unitId !== 'string' && typeof unitId !== 'number') || String(unitId) === '') {
        this.#o.report(`experiment ${experiment}: the unit id must be a non-empty string`);
        return null;
      }
      const { config, stale } = await this.#config(experiment);
      return config === null ? null : assignmentFrom(config, String(unitId), stale);
    } catch (e) {
      this.#o.report(`experiment ${String(experiment)} failed: ${String(e)}`, undefined, e);
      return null;
    }
  }

  /** clear forgets every cached config. */
  clear(): void {
    this.#cache.clear();
  }

  #config(name: string): Promise<{ config: ExperimentSnapshot | null; stale: boolean }> {
    const hit = this.#cache.get(name);
    if (hit !== undefined && this.#o.now() - hit.at < this.#o.cacheMs) {
      return Promise.resolve({ config: hit.config, stale: false });
    }
    const pending = this.#inflight.get(name);
    if (pending !== undefined) return pending;
    const p = this.#fetch(name, hit).finally(() => this.#inflight.delete(name));
    this.#inflight.set(name, p);
    return p;
  }

  async #fetch(
    name: string,
    old: Entry | undefined,
  ): Promise<{ config: ExperimentSnapshot | null; stale: boolean }> {
    const fallback = (message: string, status?: number, cause?: unknown) => {
      this.#o.report(message, status, cause);
      return { config: old?.config ?? null, stale: old?.config != null };
    };
    let status: number;
    let body: unknown;
    try {
      const res = await this.#o.fetch(
        `${this.#o.baseUrl}/v1/experiments/${encodeURIComponent(name)}`,
        {
          method: 'GET',
          headers: { authorization: `Bearer ${this.#o.apiKey}` },
          signal: AbortSignal.timeout(this.#o.timeoutMs),
        },
      );
      status = res.status;
      const text = await res.text();
      try {
        body = JSON.parse(text);
      } catch {
        body = undefined;
      }
    } catch (cause) {
      return fallback(
        `experiment ${name}: ${(cause as Error)?.message ?? cause}`,
        undefined,
        cause,
      );
    }
    if (status === 404) {
      // The server says there is no such experiment: that is an answer, cached like a config.
      this.#store(name, null);
      this.#o.report(`experiment ${name}: HTTP 404 (no such experiment)`, status);
      return { config: null, stale: false };
    }
    const config = status === 200 ? toSnapshot(body) : null;
    if (config === null) {
      const err = (body as { error?: { message?: unknown } } | undefined)?.error;
      const why = err?.message === undefined ? '' : `: ${String(err.message)}`;
      return fallback(
        `experiment ${name}: HTTP ${status}${why || (status === 200 ? ': unreadable answer' : '')}`,
        status,
      );
    }
    this.#store(name, config);
    return { config, stale: false };
  }

  #store(name: string, config: ExperimentSnapshot | null): void {
    if (this.#cache.size >= MAX_ENTRIES && !this.#cache.has(name)) {
      const first = this.#cache.keys().next();
      if (!first.done) this.#cache.delete(first.value);
    }
    this.#cache.set(name, { at: this.#o.now(), config });
  }
}
