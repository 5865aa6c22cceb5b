// Running the server from its environment: what `vigil serve` calls.
import { openPostgresStore, openSqliteStore, type SqlStore } from '@vigil/store';
import type { Env } from './env.js';
import { loadGatewayConfig } from './gateway/config.js';
import { createJsonLogger, type Logger } from './logger.js';
import { type RunningServer, startServer } from './server.js';

/** openStoreFromEnv opens PostgreSQL when DATABASE_URL is set, else the SQLite file VIGIL_DB. */
export function openStoreFromEnv(env: Env): SqlStore {
  return env.DATABASE_URL !== undefined
    ? openPostgresStore({ connectionString: env.DATABASE_URL, schema: env.VIGIL_PG_SCHEMA })
    : openSqliteStore(env.VIGIL_DB, { synchronous: env.VIGIL_SQLITE_SYNC });
}

/** Serving is a running server with its store; stop() closes both. */
export interface Serving {
  readonly url: string;
  readonly server: RunningServer;
  stop(): Promise<void>;
}

/**
 * serve opens and migrates the store from `env`, then starts the server on HOST:PORT with the
 * scheduler (and the incident, canary, deprecation and LLM quality workers) and the notifier (unless VIGIL_SCHEDULER / VIGIL_NOTIFIER are `off`), logging JSON
 * lines at VIGIL_LOG_LEVEL (or through `logger`). The notifier delivers to each project's stored
 * channels (PUT /v1/channels) and applies its silences.
 */
export async function serve(
  env: Env,
  options: {
    logger?: Logger;
    /** Where the gateway config's `api_key_env` variables are read; default process.env. */
    secrets?: Readonly<Record<string, string | undefined>>;
  } = {},
): Promise<Serving> {
  const logger = options.logger ?? createJsonLogger({ level: env.VIGIL_LOG_LEVEL });
  // Read before opening the store: a bad gateway file stops startup with its file and field.
  const gatewayConfig =
    env.VIGIL_GATEWAY_CONFIG === undefined
      ? undefined
      : loadGatewayConfig(env.VIGIL_GATEWAY_CONFIG, options.secrets ?? process.env);
  const store = openStoreFromEnv(env);
  try {
    const applied = await store.migrate();
    if (applied.length > 0) logger.info('migrations applied', { ids: applied });
    const server = await startServer({
      store,
      port: env.PORT,
      host: env.HOST,
      logger,
      ...(env.VIGIL_SCHEDULER === 'on' ? { scheduler: {} } : {}),
      // The canary worker runs with the scheduler (any number may run: decisions are compare-and-set).
      ...(env.VIGIL_SCHEDULER === 'on' ? { canaries: {} } : {}),
      ...(env.VIGIL_NOTIFIER === 'on' ? { notifier: {} } : {}),
      // The incident worker runs with the scheduler: it reads the alerts the scheduler raises.
      ...(env.VIGIL_SCHEDULER === 'on' ? { incidents: {} } : {}),
      ...(env.VIGIL_ADMIN_TOKEN === undefined ? {} : { adminToken: env.VIGIL_ADMIN_TOKEN }),
      ...(gatewayConfig === undefined ? {} : { gateway: { config: gatewayConfig } }),
      // Deprecation alerts run with the scheduler: one check a minute against recent traffic.
      ...(env.VIGIL_SCHEDULER === 'on' ? { deprecations: {} } : {}),
      // Review sampling and knowledge-table checks of LLM answers run with the scheduler too.
      ...(env.VIGIL_SCHEDULER === 'on' ? { llmQuality: {} } : {}),
    });
    return {
      url: server.url,
      server,
      async stop() {
        await server.close();
        await store.close();
      },
    };
  } catch (e) {
    await store.close();
    throw e;
  }
}
