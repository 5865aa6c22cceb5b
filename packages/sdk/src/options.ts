// Client options: defaults, environment fallbacks and validation. Validation happens once, in the
// constructor, which is the only place the SDK throws: a wrong explicit option is a bug to fix at
// startup, not a condition to report later.
import { SDK_LIMITS } from './check.js';
import { type EnvSource, type EnvWarn, getEnvString, getEnvUrl, isHttpUrl } from './env.js';
import { createDefaultErrorHandler, type ErrorHandler, VigilConfigError } from './errors.js';

/** FetchLike is the part of the WHATWG fetch the client uses (Node's global fetch by default). */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/** VigilClientOptions configure a VigilClient; every field is optional. */
export interface VigilClientOptions {
  /** Server base URL, e.g. `http://127.0.0.1:8080`; else VIGIL_ENDPOINT, else that default. */
  readonly endpoint?: string;
  /** Project API key; else VIGIL_API_KEY. Required from one of the two. */
  readonly apiKey?: string;
  /** Events per request, 1..5000 (default 500); a full batch is sent at once. */
  readonly batchSize?: number;
  /** How often buffered events are sent, ms (default 1000). */
  readonly flushIntervalMs?: number;
  /** Buffer capacity in events (default 100 000); when full the oldest are dropped. */
  readonly maxBufferEvents?: number;
  /** Compress request bodies with gzip (default true). */
  readonly gzip?: boolean;
  /** Retries of one batch after the first attempt (default 5). */
  readonly maxRetries?: number;
  /** Timeout of one HTTP attempt, ms (default 10 000). */
  readonly timeoutMs?: number;
  /** First backoff cap, ms (default 100); the cap doubles per retry. */
  readonly retryBaseMs?: number;
  /** Largest backoff cap and largest honoured Retry-After, ms (default 30 000). */
  readonly retryMaxMs?: number;
  /** Receives every failure (default: a rate-limited line on stderr). Replaceable later. */
  readonly onError?: ErrorHandler;
  /** fetch implementation (default: the global one). */
  readonly fetch?: FetchLike;
  /** Flush when the process is about to exit (`beforeExit`); default true. */
  readonly flushOnExit?: boolean;
  /** Random source in [0, 1) for backoff jitter (default Math.random). */
  readonly random?: () => number;
  /** Environment to read fallbacks from (default process.env). */
  readonly env?: EnvSource;
  /** Receives warnings about ignored environment variables (default console.warn). */
  readonly warn?: EnvWarn;
  /** How long resolveModel reuses an answer, ms (default 10 000; 0 asks the server every time). */
  readonly resolveCacheMs?: number;
  /** How long variantFor reuses an experiment's config, ms (default 60 000). */
  readonly experimentCacheMs?: number;
}

/** ResolvedOptions are the options after defaults and validation. */
export interface ResolvedOptions {
  readonly ingestUrl: string;
  readonly apiKey: string;
  readonly batchSize: number;
  readonly flushIntervalMs: number;
  readonly maxBufferEvents: number;
  readonly gzip: boolean;
  readonly maxRetries: number;
  readonly timeoutMs: number;
  readonly retryBaseMs: number;
  readonly retryMaxMs: number;
  readonly onError: ErrorHandler;
  readonly fetch: FetchLike;
  readonly flushOnExit: boolean;
  readonly random: () => number;
  /** Server base URL without a trailing slash. */
  readonly baseUrl: string;
  readonly resolveCacheMs: number;
  readonly experimentCacheMs: number;
}

/** DEFAULT_ENDPOINT is where `vigil serve` listens by default. */
export const DEFAULT_ENDPOINT = 'http://127.0.0.1:8080';

function int(name: string, v: unknown, def: number, min: number, max: number): number {
  if (v === undefined) return def;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    throw new VigilConfigError(`${name} must be an integer in [${min}, ${max}], got ${String(v)}`);
  }
  return v;
}

function fn<T>(name: string, v: unknown, def: T): T {
  if (v === undefined) return def;
  if (typeof v !== 'function') throw new VigilConfigError(`${name} must be a function`);
  return v as T;
}

function bool(name: string, v: unknown, def: boolean): boolean {
  if (v === undefined) return def;
  if (typeof v !== 'boolean') throw new VigilConfigError(`${name} must be a boolean`);
  return v;
}

/**
 * resolveOptions applies defaults and environment fallbacks and validates the result. It throws
 * VigilConfigError for an invalid explicit option, or when no API key is given at all; an invalid
 * environment variable is ignored with a warning instead.
 */
export function resolveOptions(o: VigilClientOptions = {}): ResolvedOptions {
  if (typeof o !== 'object' || o === null) throw new VigilConfigError('options must be an object');
  const env = o.env ?? process.env;
  let endpoint: string;
  if (o.endpoint !== undefined) {
    if (typeof o.endpoint !== 'string' || !isHttpUrl(o.endpoint)) {
      throw new VigilConfigError(`endpoint must be an http(s) URL, got ${String(o.endpoint)}`);
    }
    endpoint = o.endpoint;
  } else
    endpoint = getEnvUrl('VIGIL_ENDPOINT', DEFAULT_ENDPOINT, {
      env,
      ...(o.warn ? { warn: o.warn } : {}),
    });
  let apiKey: string | undefined;
  if (o.apiKey !== undefined) {
    if (typeof o.apiKey !== 'string' || o.apiKey.trim() === '') {
      throw new VigilConfigError('apiKey must be a non-empty string');
    }
    apiKey = o.apiKey.trim();
  } else apiKey = getEnvString('VIGIL_API_KEY', { env });
  if (apiKey === undefined) {
    throw new VigilConfigError('no API key: pass { apiKey } or set VIGIL_API_KEY');
  }
  const batchSize = int('batchSize', o.batchSize, 500, 1, SDK_LIMITS.maxBatchEvents);
  const retryBaseMs = int('retryBaseMs', o.retryBaseMs, 100, 1, 3_600_000);
  return {
    ingestUrl: `${endpoint.replace(/\/+$/, '')}/v1/ingest`,
    apiKey,
    batchSize,
    flushIntervalMs: int('flushIntervalMs', o.flushIntervalMs, 1000, 1, 2_147_483_647),
    maxBufferEvents: int('maxBufferEvents', o.maxBufferEvents, 100_000, 1, 100_000_000),
    gzip: bool('gzip', o.gzip, true),
    maxRetries: int('maxRetries', o.maxRetries, 5, 0, 100),
    timeoutMs: int('timeoutMs', o.timeoutMs, 10_000, 1, 2_147_483_647),
    retryBaseMs,
    retryMaxMs: int('retryMaxMs', o.retryMaxMs, 30_000, retryBaseMs, 2_147_483_647),
    onError: fn<ErrorHandler>('onError', o.onError, createDefaultErrorHandler()),
    fetch: fn<FetchLike>('fetch', o.fetch, (url, init) => globalThis.fetch(url, init)),
    flushOnExit: bool('flushOnExit', o.flushOnExit, true),
    random: fn('random', o.random, Math.random),
    baseUrl: endpoint.replace(/\/+$/, ''),
    resolveCacheMs: int('resolveCacheMs', o.resolveCacheMs, 10_000, 0, 86_400_000),
    experimentCacheMs: int('experimentCacheMs', o.experimentCacheMs, 60_000, 0, 86_400_000),
  };
}
