// The server's configuration, read once from the environment at startup. A bad value stops the
// process with every problem listed, instead of failing later on the first request that needs it.
import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65_535);

/** EnvSchema is every environment variable `vigil serve` reads, with its default. */
export const EnvSchema = z.object({
  /** PostgreSQL URL; when set it wins over VIGIL_DB (one store per process). */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** PostgreSQL schema holding Vigil's tables (created if missing); lets several installs share a database. */
  VIGIL_PG_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'lowercase letters, digits and _, not a digit first')
    .default('public'),
  /** SQLite file of the embedded store, used when DATABASE_URL is unset. */
  VIGIL_DB: z.string().min(1).default('./vigil.db'),
  /**
   * SQLite durability: `full` fsyncs every commit (survives power loss); `normal` still survives
   * a crash of the process (SIGKILL) and ingests about 1.4x faster.
   */
  VIGIL_SQLITE_SYNC: z.enum(['full', 'normal']).default('full'),
  PORT: port.default(8080),
  /** Loopback by default: exposing the API is an explicit choice. */
  HOST: z.string().min(1).default('127.0.0.1'),
  /**
   * Token that may create projects (POST /v1/projects). Unset: project creation is disabled over
   * HTTP. At least 16 characters so that it cannot be guessed online.
   */
  VIGIL_ADMIN_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  VIGIL_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  /**
   * Run the monitor scheduler in this process. `on` by default: one process does everything. Only
   * one process per database leads (the store's lock), so extra replicas may leave it on.
   */
  VIGIL_SCHEDULER: z.enum(['on', 'off']).default('on'),
  /**
   * Run the notification delivery worker in this process. `on` by default; any number may run
   * (claims are disjoint). Turn it off on API-only replicas.
   */
  VIGIL_NOTIFIER: z.enum(['on', 'off']).default('on'),
  /**
   * JSON file of the OpenAI-compatible gateway's upstreams (model globs -> base URL + key; keys may
   * come from other variables with `api_key_env`). Unset: /v1/chat/completions answers 404 for
   * every model.
   */
  VIGIL_GATEWAY_CONFIG: z.string().min(1).optional(),
});

/** Env is the parsed configuration. */
export type Env = z.output<typeof EnvSchema>;

/** EnvError lists every invalid variable; its message names each one and why. */
export class EnvError extends Error {
  readonly issues: ReadonlyArray<{ readonly variable: string; readonly message: string }>;

  constructor(issues: ReadonlyArray<{ variable: string; message: string }>) {
    super(`invalid environment:\n${issues.map((i) => `  ${i.variable}: ${i.message}`).join('\n')}`);
    this.name = 'EnvError';
    this.issues = issues;
  }
}

/**
 * loadEnv parses `source` (default process.env) once and throws EnvError listing every invalid
 * variable. Example: loadEnv({ PORT: 'x', VIGIL_ADMIN_TOKEN: 'short' }) throws with both named.
 */
export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const r = EnvSchema.safeParse(source);
  if (r.success) return r.data;
  throw new EnvError(
    r.error.issues.map((i) => ({ variable: i.path.join('.') || '(root)', message: i.message })),
  );
}
