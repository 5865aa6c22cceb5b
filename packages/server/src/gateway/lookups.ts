// Per-store caches of what the gateway reads on every call (a project's pins, a prompt label's
// version, its running prompt canaries), so the hot path does not query the database. Entries live `ttlMs` (other processes'
// changes show within it); routes of this process that change pins or labels drop them at once.
import type { ModelPin, Store } from '@vigil/store';
import type { ActivePromptCanary } from './prompt-canary.js';

/** LOOKUP_TTL_MS bounds how long a pin or label change made by another process takes to apply. */
export const LOOKUP_TTL_MS = 2000;

interface Entry<T> {
  readonly at: number;
  readonly value: Promise<T>;
}

/** GatewayLookups caches pins per project and prompt label versions. */
export interface GatewayLookups {
  pins(projectId: string): Promise<readonly ModelPin[]>;
  /** promptVersion resolves `name@label` (or `name@3`) to a version number, null if unknown. */
  promptVersion(projectId: string, name: string, ref: string): Promise<number | null>;
  /**
   * promptCanaries returns the project's running or paused prompt canaries with both versions'
   * contents, by `name\u0000label` of the prompt label they split.
   */
  promptCanaries(projectId: string): Promise<ReadonlyMap<string, ActivePromptCanary>>;
  /** forget drops a project's cached entries after a change made through this process. */
  forget(projectId: string): void;
}

const byStore = new WeakMap<Store, GatewayLookups>();

/** lookupsFor returns the one cache of `store` (created on first use). */
export function lookupsFor(store: Store, now: () => number = Date.now): GatewayLookups {
  let l = byStore.get(store);
  if (l === undefined) {
    l = createLookups(store, now);
    byStore.set(store, l);
  }
  return l;
}

function createLookups(store: Store, now: () => number): GatewayLookups {
  const pins = new Map<string, Entry<readonly ModelPin[]>>();
  const labels = new Map<string, Entry<number | null>>();
  const canaries = new Map<string, Entry<ReadonlyMap<string, ActivePromptCanary>>>();
  function cached<T>(map: Map<string, Entry<T>>, key: string, load: () => Promise<T>): Promise<T> {
    const hit = map.get(key);
    const t = now();
    if (hit !== undefined && t - hit.at < LOOKUP_TTL_MS) return hit.value;
    const value = load();
    map.set(key, { at: t, value });
    // A failed load is not cached: the next call tries again.
    value.catch(() => map.delete(key));
    return value;
  }
  return {
    pins: (projectId) => cached(pins, projectId, () => store.prompts.listPins(projectId)),
    promptVersion(projectId, name, ref) {
      if (/^\d{1,9}$/.test(ref)) return Promise.resolve(Number(ref));
      return cached(labels, `${projectId}\u0000${name}\u0000${ref}`, async () => {
        const v = await store.prompts.getByLabel(projectId, name, ref);
        return v?.version ?? null;
      });
    },
    promptCanaries: (projectId) =>
      cached(canaries, projectId, async () => {
        const out = new Map<string, ActivePromptCanary>();
        for (const canary of await store.canaries.activePromptCanaries(projectId)) {
          const [b, c] = await Promise.all([
            store.prompts.getVersion(projectId, canary.model, canary.baseline.version),
            store.prompts.getVersion(projectId, canary.model, canary.candidate.version),
          ]);
          if (b === null || c === null) continue;
          out.set(`${canary.model}\u0000${canary.promptLabel ?? ''}`, {
            canary,
            baseline: b.content,
            candidate: c.content,
          });
        }
        return out;
      }),
    forget(projectId) {
      pins.delete(projectId);
      canaries.delete(projectId);
      for (const k of labels.keys()) if (k.startsWith(`${projectId}\u0000`)) labels.delete(k);
    },
  };
}
