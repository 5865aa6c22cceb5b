// Building and starting the HTTP server: Fastify with one JSON/gzip body parser, one error
// handler, request metrics, and the route specs of every module.

import type { ChannelDefinition } from '@vigil/contracts';
import { LIMITS } from '@vigil/contracts';
import type { Store } from '@vigil/store';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { type CanaryWorker, createCanaryWorker } from './canaries/worker.js';
import { createDeprecationWatch, type DeprecationWatch } from './gateway/deprecations.js';
import type { Gateway } from './gateway/gateway.js';
import { createAppGateway, type GatewayRunOptions } from './gateway/setup.js';
import { installJsonBodyParser, installTextBodyParser } from './http/body.js';
import {
  APP_ERROR_TO_HTTP,
  errorBody,
  installErrorHandlers,
  normalizeError,
} from './http/errors.js';
import { type RouteSpec, registerRoutes, type ServerDeps } from './http/route.js';
import {
  registerIncidentGuard,
  storeEvidence,
  type ValidationEvidence,
} from './incidents/guard.js';
import { createIncidentWorker, type IncidentWorker } from './incidents/worker.js';
import { createLlmQualityWorker, type LlmQualityWorker } from './llm-quality/worker.js';
import { type Logger, NOOP_LOGGER } from './logger.js';
import { createServerMetrics, type ServerMetrics } from './metrics.js';
import type { RetryPolicy } from './notify/backoff.js';
import { type ChannelResolver, createNotifier, type Notifier } from './notify/worker.js';
import { buildOpenApi } from './openapi.js';
import { ALERT_ROUTES } from './routes/alerts.js';
import { AUDIT_ROUTES } from './routes/audit.js';
import { BASELINE_ROUTES } from './routes/baselines.js';
import { CANARY_ROUTES } from './routes/canaries.js';
import { CHANNEL_ROUTES } from './routes/channels.js';
import { DELIVERY_ROUTES } from './routes/deliveries.js';
import { EVAL_ROUTES } from './routes/evals.js';
import { gatewayRoutes } from './routes/gateway.js';
import { incidentRoutes } from './routes/incidents.js';
import { INGEST_ROUTES } from './routes/ingest.js';
import { LLM_ROUTES } from './routes/llm.js';
import { LLM_QUALITY_ROUTES } from './routes/llm-quality.js';
import { MODEL_ROUTES } from './routes/models.js';
import { MONITOR_ROUTES } from './routes/monitors.js';
import { installProtobufBodyParser, OTLP_ROUTES } from './routes/otlp.js';
import { PROJECT_ROUTES } from './routes/projects.js';
import { PROMPT_ROUTES } from './routes/prompts.js';
import { READ_ROUTES } from './routes/reads.js';
import { REGISTRY_ROUTES } from './routes/registry.js';
import { SILENCE_ROUTES } from './routes/silences.js';
import { systemRoutes } from './routes/system.js';
import { createScheduler, type Scheduler } from './scheduler/scheduler.js';

/** SERVER_VERSION is reported in /openapi.json. */
export const SERVER_VERSION = '0.1.0';

/** BuildAppOptions are the collaborators of the HTTP app. */
export interface BuildAppOptions {
  /** An open, migrated store; the caller owns it (close() does not close it). */
  readonly store: Store;
  readonly logger?: Logger;
  readonly metrics?: ServerMetrics;
  /** Token for POST /v1/projects; unset disables project creation over HTTP. */
  readonly adminToken?: string;
  /** Largest request body, on the wire and after gzip inflation; default LIMITS.maxBodyBytes. */
  readonly maxBodyBytes?: number;
  /** Clock of the handlers that stamp times (incident acknowledgements…); default Date.now. */
  readonly now?: () => number;
  /** Regression and canary evidence the incident guard asks for; default the store's (storeEvidence). */
  readonly validationEvidence?: ValidationEvidence;
  /** The OpenAI-compatible gateway's upstreams and recording; default no upstreams. */
  readonly gateway?: GatewayRunOptions;
}

/** BuiltApp is the Fastify instance and the route specs it serves (for tests and docs). */
export interface BuiltApp {
  readonly app: FastifyInstance;
  readonly routes: readonly RouteSpec[];
  readonly metrics: ServerMetrics;
  /** The gateway behind /v1/chat/completions and /v1/embeddings (close() drains its recorder). */
  readonly gateway: Gateway;
}

function modelCache(store: Store): Pick<ServerDeps, 'knownModels' | 'forgetModels'> {
  // Models are never deleted, so a cached name stays true; a miss re-reads the project's list
  // once, which also picks up models created through another process sharing the store.
  const cache = new Map<string, Set<string>>();
  return {
    async knownModels(projectId, names) {
      let known = cache.get(projectId);
      if (known !== undefined && [...names].every((n) => known?.has(n))) return known;
      known = new Set((await store.listModels(projectId)).map((m) => m.spec.name));
      cache.set(projectId, known);
      return known;
    },
    forgetModels(projectId) {
      cache.delete(projectId);
    },
  };
}

/** buildApp assembles the Fastify app without listening (see startServer). */
export function buildApp(options: BuildAppOptions): BuiltApp {
  const logger = options.logger ?? NOOP_LOGGER;
  const metrics = options.metrics ?? createServerMetrics();
  const deps: ServerDeps = {
    store: options.store,
    logger,
    metrics,
    adminToken: options.adminToken,
    ...modelCache(options.store),
  };
  const app = Fastify({
    logger: false,
    // Our parser enforces the limit itself (also after gzip); Fastify's must not cut in first.
    bodyLimit: Number.MAX_SAFE_INTEGER,
    // Keep-alive clients (the SDK, load balancers) reuse connections across batches.
    keepAliveTimeout: 65_000,
    return503OnClosing: true,
    // Errors Fastify raises before routing (an undecodable URL) get the same body as ours.
    frameworkErrors: (error, _request, reply: FastifyReply) => {
      const e = normalizeError(error);
      metrics.errors.inc({ route: 'unmatched', code: e.code });
      reply.status(APP_ERROR_TO_HTTP[e.code]).send(errorBody(e));
    },
  });
  installJsonBodyParser(app, options.maxBodyBytes ?? LIMITS.maxBodyBytes);
  installTextBodyParser(app, options.maxBodyBytes ?? LIMITS.maxBodyBytes);
  installProtobufBodyParser(app, options.maxBodyBytes ?? LIMITS.maxBodyBytes);
  installErrorHandlers(app, { logger, metrics });
  app.addHook('onResponse', async (request, reply) => {
    metrics.requestSeconds.observe(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
  });
  let openapi: unknown;
  const gateway = createAppGateway(options.store, logger, options.gateway);
  const routes: RouteSpec[] = [];
  routes.push(
    ...systemRoutes(() => {
      openapi ??= buildOpenApi(routes, { version: SERVER_VERSION });
      return openapi;
    }),
    ...PROJECT_ROUTES,
    ...MODEL_ROUTES,
    ...BASELINE_ROUTES,
    ...INGEST_ROUTES,
    ...READ_ROUTES,
    ...MONITOR_ROUTES,
    ...ALERT_ROUTES,
    ...DELIVERY_ROUTES,
    ...REGISTRY_ROUTES,
    ...AUDIT_ROUTES,
    ...CHANNEL_ROUTES,
    ...SILENCE_ROUTES,
    ...PROMPT_ROUTES,
    ...gatewayRoutes(gateway),
    ...LLM_QUALITY_ROUTES,
    ...LLM_ROUTES,
    ...OTLP_ROUTES,
    ...CANARY_ROUTES,
    ...EVAL_ROUTES,
    ...incidentRoutes(options.now),
  );
  // The promotion guard's incident check (replaces an earlier registration of the same name).
  registerIncidentGuard(options.validationEvidence ?? storeEvidence(options.store));
  registerRoutes(app, routes, deps);
  return { app, routes, metrics, gateway };
}

/** SchedulerRunOptions turn on the scheduler next to the HTTP server. */
export interface SchedulerRunOptions {
  /** Clock in epoch ms; default Date.now (tests inject explicit instants). */
  readonly now?: () => number;
  /** How often the loop wakes up, ms; default 1000. */
  readonly pollMs?: number;
  /** false: build the scheduler but leave its loop off (drive it with tick()); default true. */
  readonly loop?: boolean;
}

/** NotifierRunOptions turn on the delivery worker next to the HTTP server. */
export interface NotifierRunOptions {
  /**
   * Channels monitors may name besides the project's stored ones (`kind: Channel` documents), or
   * a resolver; default none. Stored channels win on a name clash.
   */
  readonly channels?: readonly ChannelDefinition[] | ChannelResolver;
  /** Clock in epoch ms; default Date.now (tests inject explicit instants, and give it to the store). */
  readonly now?: () => number;
  /** Jitter source in [0, 1); default Math.random. */
  readonly random?: () => number;
  readonly retry?: RetryPolicy;
  /** How often the loop claims due jobs, ms; default 1000. */
  readonly pollMs?: number;
  /** false: build the worker but leave its loop off (drive it with tick()); default true. */
  readonly loop?: boolean;
}

/** StartServerOptions are buildApp's options plus where to listen. */
export interface StartServerOptions extends BuildAppOptions {
  /** TCP port; 0 picks a free one (see the returned url). */
  readonly port: number;
  readonly host: string;
  /** Run the monitor scheduler in this process (it leads only if it wins the store's lock). */
  readonly scheduler?: SchedulerRunOptions;
  /** Run the notification delivery worker in this process (any number may run: claims are disjoint). */
  readonly notifier?: NotifierRunOptions;
  /** Check the model deprecation calendars against traffic and raise their alerts (pollMs default 60 s). */
  readonly deprecations?: SchedulerRunOptions;
  /** Run the LLM quality worker (review sampling, reference checks) in this process. */
  readonly llmQuality?: SchedulerRunOptions;
  /** Run the canary worker (promote, roll back, pause; pollMs default 60 s, one look per canary per intervalMs, default 1 h). */
  readonly canaries?: SchedulerRunOptions & { readonly intervalMs?: number };
  /** Run the incident worker: open incidents from firing alerts, triage, escalate, contain (pollMs default 5 s). */
  readonly incidents?: SchedulerRunOptions & { readonly lookbackMs?: number };
}

/** RunningServer is a listening server. */
export interface RunningServer {
  /** Base URL, e.g. `http://127.0.0.1:8080`. */
  readonly url: string;
  /** The scheduler, when started with the `scheduler` option. */
  readonly scheduler: Scheduler | null;
  /** The delivery worker, when started with the `notifier` option. */
  readonly notifier: Notifier | null;
  /** The deprecation watch, when started with the `deprecations` option. */
  readonly deprecations: DeprecationWatch | null;
  /** The gateway (its recorder is drained by close()). */
  readonly gateway: Gateway;
  /** The LLM quality worker, when started with the `llmQuality` option. */
  readonly llmQuality: LlmQualityWorker | null;
  /** The canary worker, when started with the `canaries` option. */
  readonly canaries: CanaryWorker | null;
  /** The incident worker, when started with the `incidents` option. */
  readonly incidents: IncidentWorker | null;
  /** close stops the scheduler and the notifier, then stops accepting connections and waits for in-flight requests (not the store). */
  close(): Promise<void>;
}

/**
 * startServer builds the app and listens on host:port. The store must be migrated and stays the
 * caller's to close. Example: `const s = await startServer({ store, port: 0, host: '127.0.0.1' })`.
 */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const { app, metrics, gateway } = buildApp(options);
  await app.listen({ port: options.port, host: options.host });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr !== null ? addr.port : options.port;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  const logger = options.logger ?? NOOP_LOGGER;
  logger.info('vigil server listening', { host: options.host, port });
  const run = options.scheduler;
  const scheduler =
    run === undefined
      ? null
      : createScheduler({
          store: options.store,
          metrics,
          logger,
          ...(run.now === undefined ? {} : { now: run.now }),
          ...(run.pollMs === undefined ? {} : { pollMs: run.pollMs }),
        });
  if (scheduler !== null && run?.loop !== false) scheduler.start();
  const notify = options.notifier;
  const notifier =
    notify === undefined
      ? null
      : createNotifier({
          store: options.store,
          metrics,
          logger,
          ...(notify.channels === undefined ? {} : { channels: notify.channels }),
          ...(notify.now === undefined ? {} : { now: notify.now }),
          ...(notify.random === undefined ? {} : { random: notify.random }),
          ...(notify.retry === undefined ? {} : { retry: notify.retry }),
          ...(notify.pollMs === undefined ? {} : { pollMs: notify.pollMs }),
        });
  if (notifier !== null && notify?.loop !== false) notifier.start();
  const quality = options.llmQuality;
  const llmQuality =
    quality === undefined
      ? null
      : createLlmQualityWorker({
          store: options.store,
          logger,
          ...(quality.now === undefined ? {} : { now: quality.now }),
          ...(quality.pollMs === undefined ? {} : { pollMs: quality.pollMs }),
        });
  if (llmQuality !== null && quality?.loop !== false) llmQuality.start();
  const dep = options.deprecations;
  const deprecations =
    dep === undefined
      ? null
      : createDeprecationWatch({
          store: options.store,
          logger,
          ...(dep.now === undefined ? {} : { now: dep.now }),
          ...(dep.pollMs === undefined ? {} : { pollMs: dep.pollMs }),
        });
  if (deprecations !== null && dep?.loop !== false) deprecations.start();
  const can = options.canaries;
  const canaries =
    can === undefined
      ? null
      : createCanaryWorker({
          store: options.store,
          logger,
          ...(can.now === undefined ? {} : { now: can.now }),
          ...(can.pollMs === undefined ? {} : { pollMs: can.pollMs }),
          ...(can.intervalMs === undefined ? {} : { intervalMs: can.intervalMs }),
        });
  if (canaries !== null && can?.loop !== false) canaries.start();
  const inc = options.incidents;
  const incidents =
    inc === undefined
      ? null
      : createIncidentWorker({
          store: options.store,
          metrics,
          logger,
          ...(inc.now === undefined ? {} : { now: inc.now }),
          ...(inc.pollMs === undefined ? {} : { pollMs: inc.pollMs }),
          ...(inc.lookbackMs === undefined ? {} : { lookbackMs: inc.lookbackMs }),
        });
  if (incidents !== null && inc?.loop !== false) incidents.start();
  return {
    url: `http://${host}:${port}`,
    scheduler,
    notifier,
    deprecations,
    gateway,
    llmQuality,
    canaries,
    incidents,
    async close() {
      await scheduler?.stop();
      await notifier?.stop();
      await llmQuality?.stop();
      await deprecations?.stop();
      await canaries?.stop();
      await incidents?.stop();
      await app.close();
      // After the last request ended: every answered gateway call is written before we return.
      await gateway.close();
    },
  };
}
