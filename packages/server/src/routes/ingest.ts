// POST /v1/ingest: validate each event on its own, refuse events of unknown models, append the
// rest in one transaction, and report every item (accepted, duplicate or rejected with reasons).
import { EVENT_TYPES, type IngestEvent, validateIngestBatch } from '@vigil/contracts';
import type { z } from 'zod';
import { AppError, type AppIssue } from '../errors.js';
import { defineRoute, type RouteSpec, type ServerDeps } from '../http/route.js';
import { ingestBodySchema, ingestResponseSchema, type itemResultSchema } from '../http/schemas.js';

type ItemResult = z.output<typeof itemResultSchema>;
type IngestResponse = z.output<typeof ingestResponseSchema>;

const typeLabel = (raw: unknown): string => {
  const t = (raw as { type?: unknown } | null)?.type;
  return typeof t === 'string' && (EVENT_TYPES as readonly string[]).includes(t) ? t : 'unknown';
};

/**
 * ingestBatch validates and appends one parsed body for a project and returns the HTTP status
 * (200 all stored or duplicates, 207 some rejected, 400 all rejected) and the per-item report.
 * A body that is not `{ events: [...] }` is a 400; more than LIMITS.maxBatchEvents events a 413.
 */
export async function ingestBatch(
  deps: ServerDeps,
  projectId: string,
  body: unknown,
): Promise<{ status: number; response: IngestResponse }> {
  const v = validateIngestBatch(body);
  if (!v.ok) {
    const issues: AppIssue[] = v.issues.map((i) => ({ field: i.path, reason: i.message }));
    throw new AppError({
      code: v.code === 'BATCH_TOO_LARGE' ? 'PAYLOAD_TOO_LARGE' : 'VALIDATION_FAILED',
      message:
        v.code === 'BATCH_TOO_LARGE'
          ? `batch too large: ${issues[0]?.reason ?? ''}`
          : 'body must be { "events": [ ... ] }',
      issues,
    });
  }
  const named = new Set<string>();
  for (const it of v.items) {
    if (it.ok && (it.event.type === 'prediction' || it.event.type === 'infra')) {
      named.add(it.event.model);
    }
  }
  const known = named.size === 0 ? named : await deps.knownModels(projectId, named);

  const results: ItemResult[] = new Array(v.items.length);
  const toStore: IngestEvent[] = [];
  const storedAt: number[] = [];
  const rawEvents = (body as { events: unknown[] }).events;
  for (const it of v.items) {
    if (!it.ok) {
      const id = (rawEvents[it.index] as { event_id?: unknown } | null)?.event_id;
      results[it.index] = {
        index: it.index,
        ...(typeof id === 'string' ? { event_id: id } : {}),
        status: 'rejected',
        errors: it.issues.map((i) => ({ field: i.path, reason: i.message })),
      };
      continue;
    }
    const e = it.event;
    if ((e.type === 'prediction' || e.type === 'infra') && !known.has(e.model)) {
      results[it.index] = {
        index: it.index,
        event_id: e.event_id,
        status: 'rejected',
        errors: [
          {
            field: `events[${it.index}].model`,
            reason: `unknown model "${e.model}": create it first with POST /v1/models`,
          },
        ],
      };
      continue;
    }
    results[it.index] = { index: it.index, event_id: e.event_id, status: 'accepted' };
    toStore.push(e);
    storedAt.push(it.index);
  }

  if (toStore.length > 0) {
    const r = await deps.store.appendEvents(projectId, toStore);
    markDuplicates(toStore, storedAt, r.duplicates, results);
  }

  let accepted = 0;
  let duplicates = 0;
  let rejected = 0;
  for (let i = 0; i < results.length; i++) {
    const s = results[i].status;
    const type = typeLabel(rawEvents[i]);
    deps.metrics.ingestEvents.inc({ type, outcome: s });
    if (s === 'accepted') accepted++;
    else if (s === 'duplicate') duplicates++;
    else rejected++;
  }
  const response: IngestResponse = { accepted, duplicates, rejected, results };
  if (rejected === 0) return { status: 200, response };
  if (accepted + duplicates > 0) return { status: 207, response };
  const first = results.find((r) => r.status === 'rejected')?.errors?.[0];
  response.error = {
    code: 'VALIDATION_FAILED',
    message: `every event was rejected${first ? `; first: ${first.field}: ${first.reason}` : ''}`,
  };
  return { status: 400, response };
}

/**
 * markDuplicates flags the items the store reported as duplicates. The store lists an id once per
 * skipped occurrence and keeps the first occurrence of an id repeated inside the batch, so of the
 * n occurrences of an id listed d times, the first n - d were stored.
 */
function markDuplicates(
  events: readonly IngestEvent[],
  indexes: readonly number[],
  duplicateIds: readonly string[],
  results: ItemResult[],
): void {
  if (duplicateIds.length === 0) return;
  const dup = new Map<string, number>();
  for (const id of duplicateIds) dup.set(id, (dup.get(id) ?? 0) + 1);
  const total = new Map<string, number>();
  for (const e of events)
    if (dup.has(e.event_id)) total.set(e.event_id, (total.get(e.event_id) ?? 0) + 1);
  const seen = new Map<string, number>();
  for (let k = 0; k < events.length; k++) {
    const id = events[k].event_id;
    const d = dup.get(id);
    if (d === undefined) continue;
    const nth = (seen.get(id) ?? 0) + 1;
    seen.set(id, nth);
    if (nth > (total.get(id) ?? 0) - d) results[indexes[k]].status = 'duplicate';
  }
}

/** INGEST_ROUTES is the ingestion endpoint. */
export const INGEST_ROUTES: readonly RouteSpec[] = [
  defineRoute({
    method: 'POST',
    url: '/v1/ingest',
    auth: 'key',
    tag: 'ingest',
    summary:
      'Ingest a batch of events (JSON, optionally Content-Encoding: gzip); each event is validated on its own',
    body: ingestBodySchema,
    validateBody: false,
    responses: {
      200: { description: 'every event stored or a duplicate', schema: ingestResponseSchema },
      207: { description: 'some events rejected; see results', schema: ingestResponseSchema },
      400: {
        description: 'every event rejected, or the body is not { events: [...] }',
        schema: ingestResponseSchema,
      },
      413: { description: 'body or inflated body over the byte limit, or too many events' },
    },
    async handler({ identity, request, reply, deps }) {
      const { status, response } = await ingestBatch(deps, identity.projectId, request.body);
      reply.status(status);
      return response;
    },
  }),
];
