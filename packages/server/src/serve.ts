// Running the server from its environment: what `vigil serve` calls.
import { openPostgresStore, openSqliteStore, type SqlStore } from '@vigil/store';
import type { Env } from './env.js';
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
 * serve opens and migrates the store from `env`, then starts the server on HOST:PORT, logging
 * JSON lines at VIGIL_LOG_LEVEL (or through `logger`).
 */
export async function serve(env: Env, options: { logger?: Logger } = {}): Promise<Serving> {
  const logger = options.logger ?? createJsonLogger({ level: env.VIGIL_LOG_LEVEL });
  const store = openStoreFromEnv(env);
  try {
    const applied = await store.migrate();
    if (applied.length > 0) logger.info('migrations applied', { ids: applied });
    const server = await startServer({
      store,
      port: env.PORT,
      host: env.HOST,
      logger,
      scheduler: {},
      ...(env.VIGIL_ADMIN_TOKEN === undefined ? {} : { adminToken: env.VIGIL_ADMIN_TOKEN }),
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
