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
  /** Latest value of every monitor series (issue 4 scheduler sets it). */
  readonly monitorValue: Gauge<'project' | 'monitor' | 'series'>;
  /** Latest alert state of every monitor series: 0 ok, 1 pending, 2 firing, 3 no data. */
  readonly monitorState: Gauge<'project' | 'monitor' | 'series'>;
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
      help: 'Latest evaluated value of each monitor series.',
      labelNames: ['project', 'monitor', 'series'],
      registers: [registry],
    }),
    monitorState: new Gauge({
      name: 'vigil_monitor_state',
      help: 'Latest alert state of each monitor series: 0 ok, 1 pending, 2 firing, 3 no data.',
      labelNames: ['project', 'monitor', 'series'],
      registers: [registry],
    }),
  };
}
