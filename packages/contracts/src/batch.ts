// Validating an ingest batch item by item: one bad event never rejects its neighbours.
import { z } from 'zod';
import { type IngestEvent, ingestEventSchema } from './ingest.js';
import { type ContractIssue, zodIssues } from './issues.js';
import { LIMITS } from './limits.js';

/** ingestBatchSchema is the outer shape of a batch; items are checked one by one afterwards. */
export const ingestBatchSchema = z.strictObject({
  events: z.array(z.unknown()),
});

/** IngestBatchInput is a batch as a client sends it. */
export type IngestBatchInput = { events: unknown[] };

/** ItemResult is the verdict on one event of a batch, by its position. */
export type ItemResult =
  | { readonly index: number; readonly ok: true; readonly event: IngestEvent }
  | { readonly index: number; readonly ok: false; readonly issues: readonly ContractIssue[] };

/** BatchErrorCode says why a whole batch was refused (the server maps TOO_LARGE to 413). */
export type BatchErrorCode = 'INVALID_BATCH' | 'BATCH_TOO_LARGE';

/** BatchValidation is the result of validateIngestBatch. */
export type BatchValidation =
  | { readonly ok: true; readonly items: readonly ItemResult[]; readonly valid: IngestEvent[] }
  | {
      readonly ok: false;
      readonly code: BatchErrorCode;
      readonly issues: readonly ContractIssue[];
    };

/**
 * validateIngestBatch checks a parsed JSON body. A body that is not `{ events: [...] }` or holds
 * more than LIMITS.maxBatchEvents events is refused as a whole; otherwise every event is validated
 * on its own and reported at its index, with issue paths like `events[3].features.age`.
 * Example: { events: [okEvent, { type: 'x' }] } → items [ok, failed at events[1].type].
 */
export function validateIngestBatch(body: unknown): BatchValidation {
  const outer = ingestBatchSchema.safeParse(body);
  if (!outer.success) return { ok: false, code: 'INVALID_BATCH', issues: zodIssues(outer.error) };
  const events = outer.data.events;
  if (events.length > LIMITS.maxBatchEvents) {
    return {
      ok: false,
      code: 'BATCH_TOO_LARGE',
      issues: [
        {
          path: 'events',
          message: `${events.length} events; a batch holds at most ${LIMITS.maxBatchEvents}`,
        },
      ],
    };
  }
  const items: ItemResult[] = [];
  const valid: IngestEvent[] = [];
  for (let i = 0; i < events.length; i++) {
    const r = ingestEventSchema.safeParse(events[i]);
    if (r.success) {
      items.push({ index: i, ok: true, event: r.data });
      valid.push(r.data);
    } else {
      items.push({ index: i, ok: false, issues: zodIssues(r.error, ['events', i]) });
    }
  }
  return { ok: true, items, valid };
}
