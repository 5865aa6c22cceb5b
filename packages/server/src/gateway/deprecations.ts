// Deprecation alerts: for each model in a project's deprecation calendar that still has traffic
// (LLM calls in the last 30 days, through the gateway, the API or OTLP), raise one alert at each
// stage before its retirement (6 months, 30 days, 7 days, then retired) through the usual alert
// path (store.upsertAlert + a notify job). Runs on the shared poll loop; each stage fires once.
import { fingerprint } from '@vigil/engine';
import type { ModelDeprecation, Store } from '@vigil/store';
import { raiseLlmAlert } from '../llm/alerts.js';
import { type Logger, NOOP_LOGGER } from '../logger.js';
import { createPollLoop } from '../runtime/poll-loop.js';

const DAY_MS = 86_400_000;

/** DeprecationStage names how close a retirement is. */
export type DeprecationStage = '6mo' | '30d' | '7d' | 'retired';

/** DEPRECATION_STAGES are the alert stages, most urgent first, with their lead time and severity. */
export const DEPRECATION_STAGES: ReadonlyArray<{
  readonly stage: DeprecationStage;
  readonly beforeMs: number;
  readonly severity: 'info' | 'warning' | 'critical';
}> = [
  { stage: 'retired', beforeMs: 0, severity: 'critical' },
  { stage: '7d', beforeMs: 7 * DAY_MS, severity: 'critical' },
  { stage: '30d', beforeMs: 30 * DAY_MS, severity: 'warning' },
  { stage: '6mo', beforeMs: 183 * DAY_MS, severity: 'info' },
];

/** TRAFFIC_WINDOW_MS is how far back a call makes a model "seen in traffic". */
export const TRAFFIC_WINDOW_MS = 30 * DAY_MS;

/**
 * deprecationStage is the most urgent stage reached at `now`, or null when the retirement is more
 * than 6 months (183 days) away. Example: retiring in 20 days → '30d'.
 */
export function deprecationStage(
  retiresMs: number,
  now: number,
): (typeof DEPRECATION_STAGES)[number] | null {
  return DEPRECATION_STAGES.find((s) => now >= retiresMs - s.beforeMs) ?? null;
}

/** DeprecationAlertRaised is one alert raised by a check. */
export interface DeprecationAlertRaised {
  readonly projectId: string;
  readonly model: string;
  readonly stage: DeprecationStage;
  readonly fingerprint: string;
  readonly calls: number;
}

/** DeprecationWatch checks the calendars; start() runs check() on a poll loop. */
export interface DeprecationWatch {
  check(): Promise<DeprecationAlertRaised[]>;
  start(): void;
  stop(): Promise<void>;
}

/** DEPRECATION_MONITOR_PREFIX starts the monitor id of deprecation alerts: `deprecation:<model>`. */
export const DEPRECATION_MONITOR_PREFIX = 'deprecation:';

function summaryOf(
  d: ModelDeprecation,
  stage: DeprecationStage,
  calls: number,
  now: number,
): string {
  const date = new Date(d.retiresMs).toISOString().slice(0, 10);
  const days = Math.ceil((d.retiresMs - now) / DAY_MS);
  const when = stage === 'retired' ? `retired on ${date}` : `retires on ${date} (in ${days} days)`;
  const repl = d.replacement === null ? '' : `; replacement: ${d.replacement}`;
  return `model ${d.model} ${when}${repl}; ${calls} calls in the last 30 days`;
}

/** createDeprecationWatch builds the watch over `store`. */
export function createDeprecationWatch(options: {
  store: Store;
  logger?: Logger;
  now?: () => number;
  /** How often the loop checks, ms; default 60 000. */
  pollMs?: number;
}): DeprecationWatch {
  const { store } = options;
  const logger = options.logger ?? NOOP_LOGGER;
  const now = options.now ?? Date.now;
  let running: Promise<DeprecationAlertRaised[]> | null = null;

  async function run(): Promise<DeprecationAlertRaised[]> {
    const at = now();
    const raised: DeprecationAlertRaised[] = [];
    for (const { projectId, deprecation: d } of await store.prompts.listAllDeprecations()) {
      const stage = deprecationStage(d.retiresMs, at);
      if (stage === null) continue;
      const totals = await store.llm.totals(projectId, {
        range: { fromMs: at - TRAFFIC_WINDOW_MS, toMs: at + 1 },
        model: d.model,
        llmOnly: true,
      });
      if (totals.calls === 0) continue;
      const monitorId = `${DEPRECATION_MONITOR_PREFIX}${d.model}`;
      const labels = {
        model: d.model,
        stage: stage.stage,
        retires: new Date(d.retiresMs).toISOString(),
      };
      // The fingerprint raiseLlmAlert will use: an alert already stored means this stage fired.
      const fp = fingerprint(monitorId, {
        ...labels,
        project: projectId,
        severity: stage.severity,
      });
      if ((await store.getAlert(projectId, fp)) !== null) continue;
      await raiseLlmAlert(
        store,
        projectId,
        {
          monitorId,
          labels,
          severity: stage.severity,
          summary: summaryOf(d, stage.stage, totals.calls, at),
          value: Math.ceil((d.retiresMs - at) / DAY_MS),
          channels: d.channels,
        },
        at,
      );
      raised.push({
        projectId,
        model: d.model,
        stage: stage.stage,
        fingerprint: fp,
        calls: totals.calls,
      });
    }
    return raised;
  }

  function check(): Promise<DeprecationAlertRaised[]> {
    // Never two checks at once (the loop and a test's direct call).
    const next = (running ?? Promise.resolve([])).catch(() => []).then(run);
    running = next;
    return next;
  }

  const loop = createPollLoop({
    name: 'deprecation check',
    pollMs: options.pollMs ?? 60_000,
    logger,
    run: check,
  });
  return {
    check,
    start: () => loop.start(),
    async stop() {
      loop.stop();
      await running?.catch(() => undefined);
    },
  };
}
