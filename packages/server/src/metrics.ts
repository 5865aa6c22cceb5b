// Vigil's own health as Prometheus metrics, on a registry of its own (not prom-client's global
// one) so that several servers in one process (tests, embedders) never collide.
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** ServerMetrics holds every metric the server updates; monitor gauges are set by the scheduler. */
export interface ServerMetrics {
  readonly registry: Registry;
  /** Ingested events by `type` and `outcome` (accepted, duplicate, rejected). */
  readonly ingestEvents: Counter<'type' | 'outcome'>;
  /** Request latency in seconds by method, route pattern and status code. */
  readonly requestSeconds: Histogram<'method' | 'route' | 'status'>;
  /** Requests answered with an error, by route and code (AppErrorCode). */
  readonly errors: Counter<'route' | 'code'>;
  /** Latest value of every monitor check; `feature` is '' for the monitor's headline value. */
  readonly monitorValue: Gauge<'project' | 'model' | 'monitor' | 'feature'>;
  /** Latest alert state of every monitor: 0 ok, 1 pending, 2 firing, 3 no data, 4 resolved. */
  readonly monitorState: Gauge<'project' | 'model' | 'monitor' | 'feature'>;
  /** Scheduler slots skipped (the process was late or down): counted, never replayed. */
  readonly missedTicks: Counter<'project' | 'monitor'>;
  /** Monitor evaluations by outcome (ok, triggered, no_data, error). */
  readonly evaluations: Counter<'project' | 'monitor' | 'status'>;
  /** Time to gather inputs for, evaluate and record one monitor, in seconds. */
  readonly evaluationSeconds: Histogram<'type'>;
  /** 1 while this process holds the scheduler leadership, else 0. */
  readonly schedulerLeader: Gauge;
  /** Notification delivery attempts by channel name and outcome (success, retry, failed). */
  readonly notifications: Counter<'channel' | 'outcome'>;
  /** Open incidents (triggered or acknowledged) by project and severity (the incident worker sets it). */
  readonly incidentsOpen: Gauge<'project' | 'severity'>;
  /** Mean time to detect (first alert − estimated onset) per severity, seconds. */
  readonly incidentMttd: Gauge<'project' | 'severity'>;
  /** Mean time to acknowledge (from the first alert) per severity, seconds. */
  readonly incidentMtta: Gauge<'project' | 'severity'>;
  /** Mean time to resolve (from the first alert) per severity, seconds. */
  readonly incidentMttr: Gauge<'project' | 'severity'>;
  /** Incidents opened, by project and severity at opening. */
  readonly incidentsOpened: Counter<'project' | 'severity'>;
  /** Escalation notices recorded for missed response targets. */
  readonly incidentEscalations: Counter<'project' | 'severity'>;
}

/**
 * createServerMetrics registers Vigil's metrics (prefix `vigil_`) on `registry` (default: a new
 * one), plus Node's process metrics unless `processMetrics` is false.
 */
export function createServerMetrics(
  options: { registry?: Registry; processMetrics?: boolean } = {},
): ServerMetrics {
  const registry = options.registry ?? new Registry();
  if (options.processMetrics !== false)
    collectDefaultMetrics({ register: registry, prefix: 'vigil_' });
  return {
    registry,
    ingestEvents: new Counter({
      name: 'vigil_ingest_events_total',
      help: 'Events received on /v1/ingest by type and outcome (accepted, duplicate, rejected).',
      labelNames: ['type', 'outcome'],
      registers: [registry],
    }),
    requestSeconds: new Histogram({
      name: 'vigil_http_request_duration_seconds',
      help: 'HTTP request latency by method, route and status.',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    errors: new Counter({
      name: 'vigil_http_errors_total',
      help: 'HTTP requests answered with an error, by route and error code.',
      labelNames: ['route', 'code'],
      registers: [registry],
    }),
    monitorValue: new Gauge({
      name: 'vigil_monitor_value',
      help: "Latest evaluated value of each monitor check (feature '' is the monitor's headline).",
      labelNames: ['project', 'model', 'monitor', 'feature'],
      registers: [registry],
    }),
    monitorState: new Gauge({
      name: 'vigil_monitor_state',
      help: 'Latest alert state of each monitor: 0 ok, 1 pending, 2 firing, 3 no data, 4 resolved.',
      labelNames: ['project', 'model', 'monitor', 'feature'],
      registers: [registry],
    }),
    missedTicks: new Counter({
      name: 'vigil_scheduler_missed_ticks_total',
      help: 'Scheduler slots skipped because the process was late or down (never replayed).',
      labelNames: ['project', 'monitor'],
      registers: [registry],
    }),
    evaluations: new Counter({
      name: 'vigil_monitor_evaluations_total',
      help: 'Monitor evaluations by outcome (ok, triggered, no_data, error).',
      labelNames: ['project', 'monitor', 'status'],
      registers: [registry],
    }),
    evaluationSeconds: new Histogram({
      name: 'vigil_monitor_evaluation_duration_seconds',
      help: 'Time to load inputs for, evaluate and record one monitor.',
      labelNames: ['type'],
      buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    schedulerLeader: new Gauge({
      name: 'vigil_scheduler_leader',
      help: '1 while this process holds the scheduler leadership, else 0.',
      registers: [registry],
    }),
    notifications: new Counter({
      name: 'vigil_notifications_total',
      help: 'Notification delivery attempts by channel and outcome (success, retry, failed).',
      labelNames: ['channel', 'outcome'],
      registers: [registry],
    }),
    incidentsOpen: new Gauge({
      name: 'vigil_incidents_open',
      help: 'Open incidents (triggered or acknowledged) by project and severity.',
      labelNames: ['project', 'severity'],
      registers: [registry],
    }),
    incidentMttd: new Gauge({
      name: 'vigil_incident_mttd_seconds',
      help: 'Mean time to detect (first alert minus estimated onset) per severity.',
      labelNames: ['project', 'severity'],
      registers: [registry],
    }),
    incidentMtta: new Gauge({
      name: 'vigil_incident_mtta_seconds',
      help: 'Mean time to acknowledge, from the first alert, per severity.',
      labelNames: ['project', 'severity'],
      registers: [registry],
    }),
    incidentMttr: new Gauge({
      name: 'vigil_incident_mttr_seconds',
      help: 'Mean time to resolve, from the first alert, per severity.',
      labelNames: ['project', 'severity'],
      registers: [registry],
    }),
    incidentsOpened: new Counter({
      name: 'vigil_incidents_opened_total',
      help: 'Incidents opened, by project and severity at opening.',
      labelNames: ['project', 'severity'],
      registers: [registry],
    }),
    incidentEscalations: new Counter({
      name: 'vigil_incident_escalations_total',
      help: 'Escalation notices recorded because a response target was missed.',
      labelNames: ['project', 'severity'],
      registers: [registry],
    }),
  };
}
