// Mapping events to the wide `events` row and back. Flat columns hold what queries filter on;
// JSON text holds the open-ended maps (features, probabilities, tags) and rare infra fields.
import type { IngestEvent } from '@vigil/contracts';
import type { SqlRow, SqlValue } from './sql/driver.js';

/** EVENT_COLUMNS is the column order of eventToRow. */
export const EVENT_COLUMNS = [
  'project_id',
  'event_id',
  'type',
  'model',
  'model_version',
  'time_ms',
  'received_ms',
  'prediction_id',
  'join_key',
  'name',
  'value_num',
  'value_text',
  'latency_ms',
  'status',
  'error',
  'features',
  'probabilities',
  'tags',
  'extra',
  'variant',
] as const;

const json = (v: unknown): string | null => (v === undefined ? null : JSON.stringify(v));
const num = (v: number | string | boolean): SqlValue =>
  typeof v === 'number' ? v : typeof v === 'boolean' ? (v ? 1 : 0) : null;
const txt = (v: number | string | boolean): SqlValue => (typeof v === 'string' ? v : null);

// Positional arrays on purpose: this runs once per ingested event, and a version building a keyed
// object per event mapped through EVENT_COLUMNS measured about 35 % slower in bench/store-ingest.mjs.
/** eventToRow flattens a validated event into EVENT_COLUMNS order. */
export function eventToRow(projectId: string, e: IngestEvent, receivedMs: number): SqlValue[] {
  switch (e.type) {
    case 'prediction':
      return [
        projectId,
        e.event_id,
        e.type,
        e.model,
        e.model_version ?? null,
        e.time,
        receivedMs,
        null,
        null,
        null,
        e.prediction === undefined ? null : num(e.prediction),
        e.prediction === undefined ? null : txt(e.prediction),
        e.latency_ms ?? null,
        null,
        e.error ?? null,
        JSON.stringify(e.features),
        json(e.probabilities),
        json(e.tags),
        null,
        e.variant ?? null,
      ];
    case 'label':
      return [
        projectId,
        e.event_id,
        e.type,
        null,
        null,
        e.time,
        receivedMs,
        e.prediction_id,
        null,
        null,
        num(e.label),
        txt(e.label),
        null,
        null,
        null,
        null,
        null,
        null,
        typeof e.label === 'boolean' ? '{"boolean":true}' : null,
        e.variant ?? null,
      ];
    case 'outcome':
      return [
        projectId,
        e.event_id,
        e.type,
        null,
        null,
        e.time,
        receivedMs,
        e.prediction_id ?? null,
        e.key ?? null,
        e.name,
        e.value,
        null,
        null,
        null,
        null,
        null,
        null,
        json(e.tags),
        null,
        e.variant ?? null,
      ];
    case 'infra': {
      const { cpu_percent, memory_bytes, gpu_percent, requests } = e;
      return [
        projectId,
        e.event_id,
        e.type,
        e.model,
        e.model_version ?? null,
        e.time,
        receivedMs,
        null,
        null,
        null,
        null,
        null,
        e.latency_ms ?? null,
        e.status,
        e.error ?? null,
        null,
        null,
        null,
        JSON.stringify({ cpu_percent, memory_bytes, gpu_percent, requests }),
        e.variant ?? null,
      ];
    }
  }
}

// Optional fields are set only when stored, so a round trip gives back the validated event.
function put(o: Record<string, unknown>, key: string, v: unknown): void {
  if (v !== null && v !== undefined) o[key] = v;
}

/** rowToEvent rebuilds the validated event from its row (the inverse of eventToRow). */
export function rowToEvent(r: SqlRow): IngestEvent {
  const o: Record<string, unknown> = { type: r.type, event_id: r.event_id, time: r.time_ms };
  const extra = r.extra === null ? {} : JSON.parse(r.extra as string);
  put(o, 'variant', r.variant);
  switch (r.type) {
    case 'prediction':
      o.model = r.model;
      put(o, 'model_version', r.model_version);
      o.features = JSON.parse(r.features as string);
      put(o, 'prediction', r.value_text ?? r.value_num);
      put(
        o,
        'probabilities',
        r.probabilities === null ? null : JSON.parse(r.probabilities as string),
      );
      put(o, 'latency_ms', r.latency_ms);
      put(o, 'error', r.error);
      put(o, 'tags', r.tags === null ? null : JSON.parse(r.tags as string));
      break;
    case 'label':
      o.prediction_id = r.prediction_id;
      o.label = extra.boolean === true ? r.value_num === 1 : (r.value_text ?? r.value_num);
      break;
    case 'outcome':
      o.name = r.name;
      o.value = r.value_num;
      put(o, 'prediction_id', r.prediction_id);
      put(o, 'key', r.join_key);
      put(o, 'tags', r.tags === null ? null : JSON.parse(r.tags as string));
      break;
    case 'infra':
      o.model = r.model;
      put(o, 'model_version', r.model_version);
      put(o, 'latency_ms', r.latency_ms);
      o.status = r.status;
      put(o, 'error', r.error);
      for (const k of ['cpu_percent', 'memory_bytes', 'gpu_percent', 'requests'])
        put(o, k, extra[k]);
      break;
  }
  return o as unknown as IngestEvent;
}
