// The gateway's upstreams: which OpenAI-compatible base URL (and key) serves which model names.
// Read from a JSON file (VIGIL_GATEWAY_CONFIG) by `vigil serve`, or given to startServer directly.
import { readFileSync } from 'node:fs';
import { formatPath } from '@vigil/contracts';
import { z } from 'zod';

/** GatewayUpstream is one OpenAI-compatible provider and the model names it serves. */
export interface GatewayUpstream {
  /** Provider name recorded on every generation, e.g. `openai`. */
  readonly name: string;
  /** Model-name globs (`*` any run of characters), tried in order; the first upstream that matches wins. */
  readonly models: readonly string[];
  /** Base URL including the API version path, e.g. `https://api.openai.com/v1`. */
  readonly baseUrl: string;
  /** Upstream key sent as `Authorization: Bearer …`; none: no Authorization header. */
  readonly apiKey?: string;
  /** Longest wait for the upstream's answer to start, and between two chunks of a stream (ms). */
  readonly timeoutMs?: number;
}

/** GatewayConfig lists the upstreams. */
export interface GatewayConfig {
  readonly upstreams: readonly GatewayUpstream[];
  /** Default timeout of upstreams that set none, ms (default 60 000). */
  readonly timeoutMs?: number;
}

/** DEFAULT_UPSTREAM_TIMEOUT_MS is how long an upstream may stay silent before the call fails with 504. */
export const DEFAULT_UPSTREAM_TIMEOUT_MS = 60_000;

const upstreamFileSchema = z
  .strictObject({
    name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/),
    models: z.array(z.string().min(1).max(200)).min(1),
    base_url: z.url({ protocol: /^https?$/ }),
    api_key: z.string().min(1).optional(),
    /** Name of the environment variable holding the key (keeps secrets out of the file). */
    api_key_env: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/)
      .optional(),
    timeout_ms: z.number().int().min(1).max(3_600_000).optional(),
  })
  .refine((u) => u.api_key === undefined || u.api_key_env === undefined, {
    message: 'give api_key or api_key_env, not both',
    path: ['api_key_env'],
  });

/** gatewayFileSchema is the JSON config file: `{ "upstreams": [...], "timeout_ms": 60000 }`. */
export const gatewayFileSchema = z.strictObject({
  upstreams: z.array(upstreamFileSchema).min(1),
  timeout_ms: z.number().int().min(1).max(3_600_000).optional(),
});

/** GatewayConfigError says what is wrong with a config file, naming the file and field. */
export class GatewayConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GatewayConfigError';
  }
}

/**
 * parseGatewayConfig validates a config file's JSON value; `api_key_env` is read from `env` (a
 * missing variable is an error: a gateway without its key would fail every call).
 */
export function parseGatewayConfig(
  value: unknown,
  env: Readonly<Record<string, string | undefined>>,
  fileName = '<gateway config>',
): GatewayConfig {
  const r = gatewayFileSchema.safeParse(value);
  if (!r.success) {
    const issues = r.error.issues.map((i) => `${formatPath(i.path) || '(root)'}: ${i.message}`);
    throw new GatewayConfigError(`${fileName}: ${issues.join('; ')}`);
  }
  const upstreams = r.data.upstreams.map((u, i): GatewayUpstream => {
    let apiKey = u.api_key;
    if (u.api_key_env !== undefined) {
      apiKey = env[u.api_key_env];
      if (apiKey === undefined || apiKey === '') {
        throw new GatewayConfigError(
          `${fileName}: upstreams[${i}].api_key_env: environment variable ${u.api_key_env} is not set`,
        );
      }
    }
    return {
      name: u.name,
      models: u.models,
      baseUrl: u.base_url.replace(/\/+$/, ''),
      ...(apiKey === undefined ? {} : { apiKey }),
      ...(u.timeout_ms === undefined ? {} : { timeoutMs: u.timeout_ms }),
    };
  });
  return {
    upstreams,
    ...(r.data.timeout_ms === undefined ? {} : { timeoutMs: r.data.timeout_ms }),
  };
}

/** loadGatewayConfig reads and validates the JSON file at `path`. */
export function loadGatewayConfig(
  path: string,
  env: Readonly<Record<string, string | undefined>>,
): GatewayConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new GatewayConfigError(`${path}: cannot read: ${(e as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new GatewayConfigError(`${path}: not valid JSON: ${(e as Error).message}`);
  }
  return parseGatewayConfig(value, env, path);
}

function globToRegExp(glob: string): RegExp {
  const body = glob
    .split('*')
    .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}$`);
}

/** UpstreamMatcher finds the upstream serving a model name. */
export type UpstreamMatcher = (model: string) => GatewayUpstream | null;

/** upstreamMatcher compiles the config's globs once; the first upstream with a matching glob wins. */
export function upstreamMatcher(config: GatewayConfig): UpstreamMatcher {
  const compiled = config.upstreams.map((u) => ({ u, res: u.models.map(globToRegExp) }));
  const cache = new Map<string, GatewayUpstream | null>();
  return (model) => {
    const hit = cache.get(model);
    if (hit !== undefined) return hit;
    const found = compiled.find((c) => c.res.some((re) => re.test(model)))?.u ?? null;
    if (cache.size < 10_000) cache.set(model, found);
    return found;
  };
}
