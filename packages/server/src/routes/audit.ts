// The audit log over HTTP: every recorded change of the caller's project in a time window,
// filtered by target kind, target or actor, as JSON, JSON Lines or CSV (for export).
import type { AuditEntry, AuditTargetKind } from '@vigil/store';
import { MAX_QUERY_LIMIT } from '@vigil/store';
import { z } from 'zod';
import { defineRoute, type RouteSpec } from '../http/route.js';
import { queryTimeSchema } from '../http/schemas.js';

const DAY_MS = 86_400_000;
/** AUDIT_DEFAULT_WINDOW_MS is how far back GET /v1/audit reads when `from` is not given. */
export const AUDIT_DEFAULT_WINDOW_MS = 7 * DAY_MS;

/** auditQuerySchema selects audit entries; the window defaults to the last seven days. */
export const auditQuerySchema = z
  .strictObject({
    from: queryTimeSchema.optional().describe('window start, inclusive; default `to` - 7 days'),
    to: queryTimeSchema.optional().describe('window end, exclusive; default now'),
    target_kind: z
      .string()
      .regex(/^[a-z][a-z_]{0,39}$/, 'target_kind must be a kind such as alias, model, incident')
      .optional(),
    target: z.string().min(1).max(300).optional(),
    actor: z.string().min(1).max(200).optional(),
    format: z.enum(['json', 'jsonl', 'csv']).default('json'),
    limit: z.coerce.number().int().min(1).max(MAX_QUERY_LIMIT).default(1000),
  })
  .refine((q) => q.from === undefined || q.to === undefined || q.from < q.to, {
    message: '"from" must be before "to"',
    path: ['to'],
  });

/** auditEntryResponseSchema is one audit entry on the wire. */
export const auditEntryResponseSchema = z.object({
  id: z.string(),
  time: z.number().int(),
  actor: z.string(),
  action: z.string(),
  target_kind: z.string(),
  target: z.string(),
  details: z.record(z.string(), z.unknown()),
});

type WireEntry = z.output<typeof auditEntryResponseSchema>;

function toWire(e: AuditEntry): WireEntry {
  return {
    id: e.id,
    time: e.timeMs,
    actor: e.actor,
    action: e.action,
    target_kind: e.targetKind,
    target: e.target,
    details: e.details,
  };
}

/**
 * csvCell quotes one CSV field (RFC 4180) and defuses spreadsheet formulas: a cell that starts
 * with `=`, `+`, `-`, `@`, tab or carriage return gets a leading `'`.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** AUDIT_CSV_COLUMNS are the header of the CSV export. */
export const AUDIT_CSV_COLUMNS = [
  'id',
  'time',
  'time_iso',
  'actor',
  'action',
  'target_kind',
  'target',
  'details',
] as const;

/** auditToCsv renders entries as CSV with a header row, CRLF line ends. */
export function auditToCsv(entries: readonly WireEntry[]): string {
  const lines = [AUDIT_CSV_COLUMNS.join(',')];
  for (const e of entries) {
    lines.push(
      [
        e.id,
        String(e.time),
        new Date(e.time).toISOString(),
        e.actor,
        e.action,
        e.target_kind,
        e.target,
        JSON.stringify(e.details),
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** AUDIT_ROUTES read and export the audit log. */
export const AUDIT_ROUTES: readonly RouteSpec[] = [
  defineRoute({
    method: 'GET',
    url: '/v1/audit',
    auth: 'key',
    tag: 'audit',
    summary:
      "The project's audit log in a time window, oldest first; format=jsonl or csv to export",
    query: auditQuerySchema,
    responses: {
      200: {
        description: 'the entries (JSON), or one entry per line (JSON Lines), or CSV',
        schema: z.object({ entries: z.array(auditEntryResponseSchema) }),
      },
    },
    async handler({ identity, query, deps, reply }) {
      const toMs = query.to ?? Date.now() + 1;
      const fromMs = query.from ?? toMs - AUDIT_DEFAULT_WINDOW_MS;
      const rows = await deps.store.audit.query(identity.projectId, {
        range: { fromMs, toMs },
        ...(query.target_kind === undefined
          ? {}
          : { targetKind: query.target_kind as AuditTargetKind }),
        ...(query.target === undefined ? {} : { target: query.target }),
        ...(query.actor === undefined ? {} : { actor: query.actor }),
        limit: query.limit,
      });
      const entries = rows.map(toWire);
      if (query.format === 'jsonl') {
        return reply
          .type('application/x-ndjson; charset=utf-8')
          .send(entries.map((e) => `${JSON.stringify(e)}\n`).join(''));
      }
      if (query.format === 'csv') {
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', 'attachment; filename="vigil-audit.csv"')
          .send(auditToCsv(entries));
      }
      return { entries };
    },
  }),
];
