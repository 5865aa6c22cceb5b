// Assembling the gateway of one app: its upstream config, the call recorder writing through the
// generations recorder (prices, budgets, runaway detection) and the shared lookups cache.
import type { Store } from '@vigil/store';
import { recordGenerations } from '../llm/record.js';
import type { Logger } from '../logger.js';
import type { GatewayConfig } from './config.js';
import { createGateway, type Gateway } from './gateway.js';
import { createCallRecorder, type GenerationSink } from './recorder.js';

/** GatewayRunOptions configure the gateway of buildApp / startServer. */
export interface GatewayRunOptions {
  /** The upstreams; none: every call answers 404 model_not_found. */
  readonly config?: GatewayConfig;
  /** Calls per recording batch; default 500. */
  readonly batchSize?: number;
  /** How often recorded calls are written, ms; default 100. */
  readonly flushMs?: number;
  /** Clock in epoch ms (recorded times, budget periods); default Date.now. */
  readonly now?: () => number;
  /** Where batches go; default recordGenerations over the store. */
  readonly sink?: GenerationSink;
}

/** createAppGateway builds the gateway for an app over `store`. */
export function createAppGateway(
  store: Store,
  logger: Logger,
  options: GatewayRunOptions = {},
): Gateway {
  const now = options.now ?? Date.now;
  const sink: GenerationSink =
    options.sink ??
    ((projectId, items) => recordGenerations({ store, logger, now }, projectId, items));
  let gateway: Gateway | undefined;
  const recorder = createCallRecorder({
    store,
    sink,
    // New spend may exhaust a budget: decide afresh for the project's next call.
    onWritten: (projectId) => gateway?.forgetBudgetDecisions(projectId),
    logger,
    ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
    ...(options.flushMs === undefined ? {} : { flushMs: options.flushMs }),
  });
  gateway = createGateway({
    store,
    config: options.config ?? { upstreams: [] },
    recorder,
    logger,
    now,
  });
  return gateway;
}
