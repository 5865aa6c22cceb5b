// Fetching prompts by label or version from the server, with an in-memory cache: fresh entries
// are served as they are, stale ones are served at once while one background request revalidates
// them (If-None-Match: a 304 costs no body), and when the server cannot be reached the caller gets
// the last known version, else the local fallback (given in code or read from a file). Never
// throws: failures go to the error handler.
import { readFile } from 'node:fs/promises';
import type { FetchLike } from './options.js';

/** PromptMessage is one chat message of a prompt. */
export interface PromptMessage {
  readonly role: string;
  readonly content: string;
  readonly name?: string;
}

/** PromptSource says where a returned prompt came from. */
export type PromptSource = 'server' | 'cache' | 'stale' | 'fallback';

/** Prompt is a prompt version ready to use. */
export interface Prompt {
  readonly name: string;
  /** The version number; null for a fallback prompt. */
  readonly version: number | null;
  /** The label asked for (or null when a version number was asked). */
  readonly label: string | null;
  readonly type: 'chat' | 'text';
  readonly messages?: readonly PromptMessage[];
  readonly template?: string;
  readonly variables: readonly string[];
  /** Model configuration (model, temperature, max_tokens, …). */
  readonly config: Readonly<Record<string, unknown>>;
  readonly source: PromptSource;
  /** The value for the gateway's `x-vigil-prompt` header: `name@version`, or `name@label` for a fallback. */
  readonly ref: string;
  /** When the server sent this version, epoch ms; null for a fallback. */
  readonly fetchedAt: number | null;
}

/** PromptFallback is a prompt given in code: a text template, or chat messages / a template with config. */
export type PromptFallback =
  | string
  | {
      readonly messages?: readonly PromptMessage[];
      readonly template?: string;
      readonly config?: Readonly<Record<string, unknown>>;
    };

/** GetPromptOptions choose the version and what to do when the server cannot answer. */
export interface GetPromptOptions {
  /** Label to follow (default `production`). */
  readonly label?: string;
  /** A fixed version number instead of a label. */
  readonly version?: number;
  /** Used when the server cannot be reached and nothing is cached. */
  readonly fallback?: PromptFallback;
  /** A file read when the server cannot be reached and nothing is cached: JSON (`messages` or `template`) or a text template. */
  readonly fallbackFile?: string;
  /** How long a fetched version is served without asking the server, ms (default: the client's). */
  readonly cacheTtlMs?: number;
}

/** PromptCacheOptions configure a PromptCache. */
export interface PromptCacheOptions {
  /** Server base URL without a trailing slash. */
  readonly baseUrl: string;
  readonly apiKey: string;
  readonly fetch: FetchLike;
  readonly timeoutMs: number;
  /** Default freshness, ms (default 60 000). */
  readonly ttlMs?: number;
  readonly now?: () => number;
  /** Receives every failure (one line each). */
  readonly report: (message: string, status?: number, cause?: unknown) => void;
}

interface Entry {
  prompt: Prompt;
  etag: string | null;
  at: number;
}

/** compilePrompt fills `{{name}}` placeholders; unknown ones are left as they are. */
export function compilePrompt(
  prompt: Pick<Prompt, 'type' | 'messages' | 'template'>,
  variables: Readonly<Record<string, string | number>>,
): string | PromptMessage[] {
  const fill = (s: string) =>
    s.replace(/\{\{\s*([A-Za-z_][A-Za-z0-9_.-]*)\s*\}\}/g, (m, v: string) =>
      Object.hasOwn(variables, v) ? String(variables[v]) : m,
    );
  if (prompt.type === 'text') return fill(prompt.template ?? '');
  return (prompt.messages ?? []).map((m) => ({ ...m, content: fill(m.content) }));
}

function variablesOf(texts: readonly string[]): string[] {
  const out = new Set<string>();
  for (const t of texts)
    for (const m of t.matchAll(/\{\{\s*([A-Za-z_][A-Za-z0-9_.-]*)\s*\}\}/g))
      out.add(m[1] as string);
  return [...out].sort();
}

class NotModified {}

/** PromptCache fetches prompts with caching, stale-while-revalidate and local fallbacks. */
export class PromptCache {
  readonly #o: PromptCacheOptions;
  readonly #now: () => number;
  readonly #cache = new Map<string, Entry>();
  readonly #inflight = new Map<string, Promise<Prompt | null>>();

  constructor(options: PromptCacheOptions) {
    this.#o = options;
    this.#now = options.now ?? Date.now;
  }

  /**
   * get returns the prompt `name` at `options.label` (default production) or `options.version`:
   * fresh from the cache, stale from the cache (revalidated in the background), from the server,
   * or, when the server cannot be reached and nothing is cached, the fallback; null when there is
   * none (the failure is reported). It never rejects.
   */
  async get(name: string, options: GetPromptOptions = {}): Promise<Prompt | null> {
    try {
      const label = options.version === undefined ? (options.label ?? 'production') : null;
      const key = `${name}\u0000${label ?? `#${options.version}`}`;
      const ttl = options.cacheTtlMs ?? this.#o.ttlMs ?? 60_000;
      const hit = this.#cache.get(key);
      if (hit !== undefined) {
        if (this.#now() - hit.at < ttl) return { ...hit.prompt, source: 'cache' };
        // Stale: answer now, refresh behind (one request per key at a time).
        if (!this.#inflight.has(key)) void this.#revalidate(key, name, label, options.version, hit);
        return { ...hit.prompt, source: 'stale' };
      }
      const pending = this.#inflight.get(key);
      const fetched = await (pending ??
        this.#revalidate(key, name, label, options.version, undefined));
      if (fetched !== null) return fetched;
      return await this.#fallback(name, label, options);
    } catch (e) {
      this.#o.report(
        `getPrompt(${JSON.stringify(String(name))}) failed: ${String(e)}`,
        undefined,
        e,
      );
      return null;
    }
  }

  #revalidate(
    key: string,
    name: string,
    label: string | null,
    version: number | undefined,
    hit: Entry | undefined,
  ): Promise<Prompt | null> {
    const p = this.#request(name, label, version, hit?.etag ?? null)
      .then(({ prompt, etag }) => {
        this.#cache.set(key, { prompt, etag, at: this.#now() });
        return prompt;
      })
      .catch((e: unknown) => {
        if (e instanceof NotModified && hit !== undefined) {
          hit.at = this.#now();
          return { ...hit.prompt, source: 'server' as const };
        }
        const err = e as { message?: string; status?: number };
        this.#o.report(
          `prompt ${name}@${label ?? version}: ${err.message ?? String(e)}`,
          err.status,
          e,
        );
        return null;
      })
      .finally(() => this.#inflight.delete(key));
    this.#inflight.set(key, p);
    return p;
  }

  async #request(
    name: string,
    label: string | null,
    version: number | undefined,
    etag: string | null,
  ): Promise<{ prompt: Prompt; etag: string | null }> {
    const q = label === null ? `version=${version}` : `label=${encodeURIComponent(label)}`;
    const url = `${this.#o.baseUrl}/v1/prompts/${encodeURIComponent(name)}?${q}`;
    const headers: Record<string, string> = { authorization: `Bearer ${this.#o.apiKey}` };
    if (etag !== null) headers['if-none-match'] = etag;
    let res: Response;
    try {
      res = await this.#o.fetch(url, {
        method: 'GET',
        headers,
        signal: AbortSignal.timeout(this.#o.timeoutMs),
      });
    } catch (cause) {
      const timedOut = (cause as { name?: string } | null)?.name === 'TimeoutError';
      throw Object.assign(
        new Error(
          timedOut
            ? `timed out after ${this.#o.timeoutMs} ms`
            : `server unreachable: ${(cause as Error)?.message ?? String(cause)}`,
        ),
        { cause },
      );
    }
    if (res.status === 304) {
      await res.body?.cancel();
      throw new NotModified();
    }
    const text = await res.text();
    if (res.status !== 200) {
      let message = text.slice(0, 200);
      try {
        message = (JSON.parse(text) as { error?: { message?: string } }).error?.message ?? message;
      } catch {
        // not JSON
      }
      throw Object.assign(new Error(`HTTP ${res.status}: ${message}`), { status: res.status });
    }
    const j = JSON.parse(text) as {
      name: string;
      version: number;
      type: 'chat' | 'text';
      messages?: PromptMessage[];
      template?: string;
      variables: string[];
      config: Record<string, unknown>;
    };
    const prompt: Prompt = {
      name: j.name,
      version: j.version,
      label,
      type: j.type,
      ...(j.messages === undefined ? {} : { messages: j.messages }),
      ...(j.template === undefined ? {} : { template: j.template }),
      variables: j.variables,
      config: j.config,
      source: 'server',
      ref: `${j.name}@${j.version}`,
      fetchedAt: this.#now(),
    };
    return { prompt, etag: res.headers.get('etag') };
  }

  async #fallback(
    name: string,
    label: string | null,
    options: GetPromptOptions,
  ): Promise<Prompt | null> {
    let fb: PromptFallback | undefined = options.fallback;
    if (fb === undefined && options.fallbackFile !== undefined) {
      try {
        const text = await readFile(options.fallbackFile, 'utf8');
        if (options.fallbackFile.endsWith('.json')) {
          fb = JSON.parse(text) as PromptFallback;
        } else fb = text;
      } catch (e) {
        this.#o.report(
          `fallback file ${options.fallbackFile} unusable: ${(e as Error).message}`,
          undefined,
          e,
        );
      }
    }
    if (fb === undefined) return null;
    const f = typeof fb === 'string' ? { template: fb } : fb;
    const messages = f.messages;
    const template = f.template;
    const texts = messages !== undefined ? messages.map((m) => m.content) : [template ?? ''];
    return {
      name,
      version: null,
      label,
      type: messages !== undefined ? 'chat' : 'text',
      ...(messages !== undefined ? { messages } : { template: template ?? '' }),
      variables: variablesOf(texts),
      config: f.config ?? {},
      source: 'fallback',
      ref: `${name}@${label ?? options.version}`,
      fetchedAt: null,
    };
  }
}
