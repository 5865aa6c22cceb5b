// The audit log: every change to models, aliases, prompts, monitors, budgets and incidents, with
// actor and time. Append-only: there is no update or delete, on purpose.
import type { TimeRange } from '../errors.js';

/** AuditTargetKind names what a change was made to. */
export type AuditTargetKind =
  | 'model'
  | 'model_version'
  | 'alias'
  | 'prompt'
  | 'monitor'
  | 'channel'
  | 'silence'
  | 'budget'
  | 'price_table'
  | 'incident'
  | 'golden_set'
  | 'regression_run'
  | 'canary'
  | 'api_key'
  | 'knowledge_table'
  | 'review'
  | 'llm_quality_settings'
  | (string & {});

/** NewAuditEntry is one change to record. */
export interface NewAuditEntry {
  /** Who made the change: an API key id (`key:<id>`), `system:<component>`, or a person's name. */
  readonly actor: string;
  /** What was done, dotted: `alias.move`, `incident.acknowledge`, `monitor.upsert`. */
  readonly action: string;
  readonly targetKind: AuditTargetKind;
  /** The target's name within its kind, e.g. `churn@production` or an incident id. */
  readonly target: string;
  /** What changed (from and to, reasons); small JSON. */
  readonly details?: Record<string, unknown>;
}

/** AuditEntry is a recorded change. */
export interface AuditEntry extends Required<NewAuditEntry> {
  readonly id: string;
  readonly timeMs: number;
}

/** AuditQuery selects entries in a time window, oldest first. */
export interface AuditQuery {
  readonly range: TimeRange;
  readonly targetKind?: AuditTargetKind;
  readonly target?: string;
  readonly actor?: string;
  readonly limit?: number;
}

/** AuditStore appends to and reads the project's audit log. */
export interface AuditStore {
  /** append records one change and returns it (with its id and time). */
  append(projectId: string, entry: NewAuditEntry): Promise<AuditEntry>;
  query(projectId: string, query: AuditQuery): Promise<AuditEntry[]>;
}
