// The audit log over a SqlDriver. Other concerns write their audit row with writeAudit inside the
// transaction of the change itself, so a change is never committed without its record.
import { randomBytes } from 'node:crypto';
import { checkLimit, checkRange } from '../errors.js';
import type { SqlDriver, SqlExec, SqlRow, SqlValue } from '../sql/driver.js';
import type { AuditEntry, AuditQuery, AuditStore, AuditTargetKind, NewAuditEntry } from './port.js';

let lastMs = 0;
let counter = 0;

/**
 * auditId returns a UUID version 7 (RFC 9562) with a 12-bit counter after the millisecond: ids
 * made by one process sort in the order they were made, so entries with the same `time_ms` still
 * read back in the order they were written.
 */
export function auditId(): string {
  let ms = Date.now();
  if (ms <= lastMs) {
    ms = lastMs;
    counter++;
    if (counter > 0xfff) {
      ms++;
      counter = 0;
    }
  } else counter = 0;
  lastMs = ms;
  const b = randomBytes(16);
  b.writeUIntBE(ms, 0, 6);
  b[6] = 0x70 | (counter >> 8);
  b[7] = counter & 0xff;
  b[8] = 0x80 | (b[8] & 0x3f);
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** writeAudit inserts one audit row through `q` (a transaction or the driver) and returns it. */
export async function writeAudit(
  q: SqlExec,
  projectId: string,
  timeMs: number,
  entry: NewAuditEntry,
): Promise<AuditEntry> {
  const row: AuditEntry = {
    id: auditId(),
    timeMs,
    actor: entry.actor,
    action: entry.action,
    targetKind: entry.targetKind,
    target: entry.target,
    details: entry.details ?? {},
  };
  await q.run(
    'INSERT INTO audit_log (id, project_id, time_ms, actor, action, target_kind, target, details) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    [
      row.id,
      projectId,
      row.timeMs,
      row.actor,
      row.action,
      row.targetKind,
      row.target,
      JSON.stringify(row.details),
    ],
  );
  return row;
}

function toEntry(r: SqlRow): AuditEntry {
  return {
    id: r.id as string,
    timeMs: Number(r.time_ms),
    actor: r.actor as string,
    action: r.action as string,
    targetKind: r.target_kind as AuditTargetKind,
    target: r.target as string,
    details: JSON.parse(r.details as string),
  };
}

/** SqlAuditStore is the AuditStore of a SqlStore. */
export class SqlAuditStore implements AuditStore {
  readonly #db: SqlDriver;
  readonly #now: () => number;

  constructor(db: SqlDriver, now: () => number) {
    this.#db = db;
    this.#now = now;
  }

  append(projectId: string, entry: NewAuditEntry): Promise<AuditEntry> {
    return writeAudit(this.#db, projectId, this.#now(), entry);
  }

  async query(projectId: string, query: AuditQuery): Promise<AuditEntry[]> {
    checkRange(query.range);
    const limit = checkLimit(query.limit);
    let sql = 'SELECT * FROM audit_log WHERE project_id = ? AND time_ms >= ? AND time_ms < ?';
    const params: SqlValue[] = [projectId, query.range.fromMs, query.range.toMs];
    for (const [column, value] of [
      ['target_kind', query.targetKind],
      ['target', query.target],
      ['actor', query.actor],
    ] as const) {
      if (value !== undefined) {
        sql += ` AND ${column} = ?`;
        params.push(value);
      }
    }
    const rows = await this.#db.all(`${sql} ORDER BY time_ms, id LIMIT ?`, [...params, limit]);
    return rows.map(toEntry);
  }
}
