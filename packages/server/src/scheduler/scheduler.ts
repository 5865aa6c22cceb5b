// The scheduler runtime: a loop that evaluates each monitor at its deterministic offset in its
// cadence, stores every evaluation as points of a series, steps the alert state machine and
// publishes the latest values as Prometheus gauges. One leader per database (the store's leader
// lock); every instant comes from an injected clock so tests drive it with explicit times.
import type { MonitorDefinition } from '@vigil/contracts';
import {
  type AlertState as AlertMachine,
  type AlertStatus,
  alertConfigFromSpec,
  type EvaluationStatus as EngineStatus,
  evaluateMonitor,
  fingerprint,
  INITIAL_ALERT_STATE,
  type MonitorEvaluation,
  planTick,
  scheduleOffsetMs,
  step,
} from '@vigil/engine';
import type {
  AlertState,
  EvaluationPoint,
  EvaluationStatus,
  Store,
  StoredMonitor,
} from '@vigil/store';
import { type Logger, NOOP_LOGGER } from '../logger.js';
import type { ServerMetrics } from '../metrics.js';
import { createPollLoop } from '../runtime/poll-loop.js';
import { gatherInputs } from './inputs.js';

/** SchedulerOptions are the scheduler's collaborators and clock. */
export interface SchedulerOptions {
  readonly store: Store;
  readonly metrics: ServerMetrics;
  readonly logger?: Logger;
  /** Clock in epoch ms; default Date.now. Every decision reads it once per tick. */
  readonly now?: () => number;
  /** How often the loop wakes up (ms); default 1000. Slots come from cadences, not from this. */
  readonly pollMs?: number;
}

/** TickEvaluation reports one monitor evaluated by a tick. */
export interface TickEvaluation {
  readonly projectId: string;
  readonly monitor: string;
  readonly slotAt: number;
  readonly status: EngineStatus;
  readonly value: number | null;
  readonly alert: AlertStatus;
  readonly missed: number;
}

/** TickReport is what one tick did: nothing when another process leads. */
export interface TickReport {
  readonly now: number;
  readonly leader: boolean;
  readonly evaluated: readonly TickEvaluation[];
}

/** Scheduler evaluates due monitors on tick(); start() runs tick() every pollMs. */
export interface Scheduler {
  /** tick evaluates every due monitor once at now(); concurrent calls run one after another. */
  tick(): Promise<TickReport>;
  start(): void;
  /** stop ends the loop, waits for a running tick and gives up the leadership. */
  stop(): Promise<void>;
}

const TO_POINT_STATUS: Record<EngineStatus, EvaluationStatus> = {
  OK: 'ok',
  BREACH: 'triggered',
  NO_DATA: 'no_data',
  ERROR: 'error',
};

// The store keeps the five user-facing states; never-evaluated and paused alerts map onto them.
const TO_ALERT_STATE: Record<AlertStatus, AlertState> = {
  UNKNOWN: 'no_data',
  OK: 'ok',
  PENDING: 'pending',
  FIRING: 'firing',
  RESOLVED: 'resolved',
  NO_DATA: 'no_data',
  PAUSED: 'ok',
};

/** STATE_GAUGE is the value of vigil_monitor_state per alert state. */
export const STATE_GAUGE: Readonly<Record<AlertStatus, number>> = {
  UNKNOWN: 3,
  OK: 0,
  PENDING: 1,
  FIRING: 2,
  RESOLVED: 4,
  NO_DATA: 3,
  PAUSED: 0,
};

/**
 * evaluationPoints turns an evaluation into series points at `timeMs`: one per check, named by
 * its subject (`subject:check` when a subject has several checks, as in data quality), plus the
 * headline under series ''.
 */
export function evaluationPoints(
  ev: MonitorEvaluation,
  timeMs: number,
  window: { startMs: number; endMs: number },
): EvaluationPoint[] {
  const perSubject = new Map<string, number>();
  for (const c of ev.checks) perSubject.set(c.subject, (perSubject.get(c.subject) ?? 0) + 1);
  const base = {
    monitor: ev.monitor,
    timeMs,
    windowStartMs: window.startMs,
    windowEndMs: window.endMs,
  };
  const points: EvaluationPoint[] = [
    {
      ...base,
      series: '',
      status: TO_POINT_STATUS[ev.status],
      value: ev.value,
      threshold: ev.threshold,
      sampleSize: ev.sampleSize,
      details: {
        type: ev.type,
        message: ev.message,
        breachCount: ev.breachCount,
        minBreaches: ev.minBreaches,
      },
    },
  ];
  for (const c of ev.checks) {
    points.push({
      ...base,
      series: (perSubject.get(c.subject) ?? 0) > 1 ? `${c.subject}:${c.check}` : c.subject,
      status: TO_POINT_STATUS[c.status],
      value: c.value,
      threshold: c.threshold,
      sampleSize: c.sampleSize,
      details: { check: c.check, direction: c.direction, breach: c.breach, message: c.message },
    });
  }
  return points;
}

function alertLabelsOf(projectId: string, def: MonitorDefinition): Record<string, string> {
  return { ...def.metadata.labels, project: projectId, model: def.spec.model };
}

/** alertFingerprint is the dedup key the scheduler stores a monitor's alert under. */
export function alertFingerprint(projectId: string, def: MonitorDefinition): string {
  return fingerprint(def.metadata.name, {
    ...alertLabelsOf(projectId, def),
    severity: def.spec.alert.severity,
  });
}

/** createScheduler builds a scheduler over `store`; call start() to run its loop. */
export function createScheduler(options: SchedulerOptions): Scheduler {
  const { store, metrics } = options;
  const logger = options.logger ?? NOOP_LOGGER;
  const now = options.now ?? Date.now;
  const pollMs = options.pollMs ?? 1000;
  let leader = false;
  let chain: Promise<unknown> = Promise.resolve();

  async function evaluateOne(
    m: StoredMonitor,
    slotAt: number,
    at: number,
    missed: number,
  ): Promise<TickEvaluation> {
    const def = m.definition;
    const name = def.metadata.name;
    const started = performance.now();
    const gathered = await gatherInputs(store, m.projectId, def, slotAt);
    const ev =
      gathered.kind === 'input' ? evaluateMonitor(def, gathered.input) : gathered.evaluation;
    const points = evaluationPoints(ev, slotAt, gathered.span);
    await store.appendEvaluations(m.projectId, points);

    const labels = alertLabelsOf(m.projectId, def);
    const config = alertConfigFromSpec(def.spec.alert, { monitorId: name, labels });
    const fp = fingerprint(name, config.labels);
    const prev = await store.getAlert(m.projectId, fp);
    const state = (prev?.machine as AlertMachine | undefined) ?? INITIAL_ALERT_STATE;
    const result = step(state, { status: ev.status, value: ev.value }, at, config);
    const s = result.state;
    await store.upsertAlert(m.projectId, {
      fingerprint: fp,
      monitor: name,
      state: TO_ALERT_STATE[s.status],
      severity: def.spec.alert.severity,
      startedMs: s.activeAt ?? s.firingAt ?? prev?.startedMs ?? at,
      updatedMs: at,
      resolvedMs: s.resolvedAt,
      lastNotifiedMs: s.lastNotifiedAt,
      value: ev.value,
      labels: { ...labels, monitor: name, severity: def.spec.alert.severity },
      summary: ev.message,
      machine: s,
    });
    // Delivery belongs to the notifier: hand each message over as a job, durable with the state.
    if (def.spec.alert.channels.length > 0) {
      for (const n of result.notifications) {
        await store.enqueueJob(m.projectId, {
          kind: 'notify',
          payload: { notification: n, channels: def.spec.alert.channels, summary: ev.message },
          runAtMs: at,
        });
      }
    }

    const gauge = { project: m.projectId, model: def.spec.model, monitor: name };
    for (const p of points) {
      const l = { ...gauge, feature: p.series };
      if (p.value === null) metrics.monitorValue.remove(l);
      else metrics.monitorValue.set(l, p.value);
    }
    metrics.monitorState.set({ ...gauge, feature: '' }, STATE_GAUGE[s.status]);
    metrics.evaluations.inc({
      project: m.projectId,
      monitor: name,
      status: TO_POINT_STATUS[ev.status],
    });
    metrics.evaluationSeconds.observe(
      { type: def.spec.type },
      (performance.now() - started) / 1000,
    );
    return {
      projectId: m.projectId,
      monitor: name,
      slotAt,
      status: ev.status,
      value: ev.value,
      alert: s.status,
      missed,
    };
  }

  async function runTick(): Promise<TickReport> {
    const at = now();
    if (!leader) {
      leader = await store.tryAcquireLeadership();
      metrics.schedulerLeader.set(leader ? 1 : 0);
    }
    if (!leader) return { now: at, leader, evaluated: [] };
    const evaluated: TickEvaluation[] = [];
    for (const m of await store.listAllMonitors()) {
      const def = m.definition;
      const name = def.metadata.name;
      const intervalMs = def.spec.cadence;
      const plan = planTick({
        now: at,
        lastSlotAt: m.lastSlotMs,
        intervalMs,
        offsetMs: scheduleOffsetMs(`${m.projectId}/${name}`, intervalMs),
      });
      if (!plan.due) continue;
      if (plan.missed > 0)
        metrics.missedTicks.inc({ project: m.projectId, monitor: name }, plan.missed);
      try {
        evaluated.push(await evaluateOne(m, plan.slotAt, at, plan.missed));
      } catch (e) {
        // One broken monitor must not stop the others; its slot is still consumed (no hot loop).
        metrics.evaluations.inc({ project: m.projectId, monitor: name, status: 'error' });
        logger.error('monitor evaluation failed', {
          project: m.projectId,
          monitor: name,
          error: (e as Error).message,
        });
      }
      await store.setMonitorSlot(m.projectId, name, plan.slotAt);
    }
    return { now: at, leader, evaluated };
  }

  const tick = (): Promise<TickReport> => {
    const next = chain.then(runTick, runTick);
    chain = next.catch(() => undefined);
    return next;
  };

  const loop = createPollLoop({ name: 'scheduler tick', pollMs, logger, run: tick });

  return {
    tick,
    start() {
      loop.start();
    },
    async stop() {
      loop.stop();
      await chain;
      if (leader) {
        leader = false;
        metrics.schedulerLeader.set(0);
        await store.releaseLeadership();
      }
    },
  };
}
