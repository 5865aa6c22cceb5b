// The commander definition of `vigil serve`: one process with the API, the monitor scheduler and
// the notification worker, on the embedded SQLite file or on PostgreSQL (DATABASE_URL).

import { Command, Option } from 'commander';
import type { CliIo } from '../cli-io.js';
import { usageError } from '../errors.js';

/** ServeOptions are the flags of `vigil serve`; each one overrides its environment variable. */
export interface ServeOptions {
  db?: string;
  port?: string;
  host?: string;
  sqliteSync?: 'full' | 'normal';
  /** false with --no-scheduler. */
  scheduler?: boolean;
  /** false with --no-notifier. */
  notifier?: boolean;
  gatewayConfig?: string;
}

/** serveEnv overlays the command-line flags on the environment (flags win). */
export function serveEnv(
  env: Readonly<Record<string, string | undefined>>,
  options: ServeOptions,
): Record<string, string | undefined> {
  return {
    ...env,
    ...(options.db !== undefined ? { VIGIL_DB: options.db } : {}),
    ...(options.port !== undefined ? { PORT: options.port } : {}),
    ...(options.host !== undefined ? { HOST: options.host } : {}),
    ...(options.sqliteSync !== undefined ? { VIGIL_SQLITE_SYNC: options.sqliteSync } : {}),
    ...(options.scheduler === false ? { VIGIL_SCHEDULER: 'off' } : {}),
    ...(options.notifier === false ? { VIGIL_NOTIFIER: 'off' } : {}),
    ...(options.gatewayConfig !== undefined ? { VIGIL_GATEWAY_CONFIG: options.gatewayConfig } : {}),
  };
}

/**
 * serveCommand builds the `serve` subcommand. It resolves once the server has stopped after
 * SIGINT or SIGTERM; a bad configuration is a usage error (one line, exit 2).
 */
export function serveCommand(io: CliIo, result: { code: number }): Command {
  return new Command('serve')
    .description(
      'run the Vigil server: ingestion API, monitor scheduler, notifier, /metrics, OpenAPI',
    )
    .option('--db <path>', 'SQLite file of the embedded store (env VIGIL_DB)', undefined)
    .option('--port <n>', 'TCP port, 0 for any free port (env PORT, default 8080)')
    .option('--host <host>', 'address to listen on (env HOST, default 127.0.0.1)')
    .addOption(
      new Option('--sqlite-sync <mode>', 'SQLite durability (env VIGIL_SQLITE_SYNC)').choices([
        'full',
        'normal',
      ]),
    )
    .option('--no-scheduler', 'do not evaluate monitors in this process (env VIGIL_SCHEDULER=off)')
    .option(
      '--no-notifier',
      'do not deliver notifications in this process (env VIGIL_NOTIFIER=off)',
    )
    .option(
      '--gateway-config <file>',
      'JSON file of the OpenAI-compatible gateway upstreams (env VIGIL_GATEWAY_CONFIG)',
    )
    .addHelpText(
      'after',
      '\nWith DATABASE_URL=postgres://... the server runs on PostgreSQL instead of the SQLite file.\n' +
        'VIGIL_ADMIN_TOKEN (16+ characters) enables POST /v1/projects, which returns the first API key.\n',
    )
    .action(async (options: ServeOptions) => {
      // Loaded on demand so that `vigil drift` never pays for the server's dependencies.
      const { EnvError, GatewayConfigError, loadEnv, serve } = await import('@vigil/server');
      let env: ReturnType<typeof loadEnv>;
      try {
        env = loadEnv(serveEnv(io.env, options));
      } catch (e) {
        if (e instanceof EnvError) {
          throw usageError(e.issues.map((i) => `${i.variable}: ${i.message}`).join('; '));
        }
        throw e;
      }
      const serving = await serve(env, { secrets: io.env }).catch((e: unknown) => {
        throw e instanceof GatewayConfigError ? usageError(e.message) : e;
      });
      io.stdout.write(`vigil: listening on ${serving.url}\n`);
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          void serving.stop().then(resolve, resolve);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
      result.code = 0;
    });
}
