// Channels and silences over a SqlDriver. Each change and its audit row commit together.
import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import {
  type ChannelDefinition,
  type ChannelType,
  type SilenceSpec,
  silenceSpan,
} from '@vigil/contracts';
import { writeAudit } from '../audit/sql.js';
import { checkLimit, StoreError } from '../errors.js';
import type { SqlDriver, SqlExec, SqlRow } from '../sql/driver.js';
import type {
  ChannelPut,
  NewSilence,
  NotifyStore,
  SilenceQuery,
  SilenceState,
  StoredChannel,
  StoredSilence,
} from './port.js';

function toChannel(r: SqlRow): StoredChannel {
  return {
    name: r.name as string,
    type: r.type as ChannelType,
    definition: JSON.parse(r.definition as string) as ChannelDefinition,
    createdMs: Number(r.created_ms),
    updatedMs: Number(r.updated_ms),
  };
}

/** silenceState is a silence's state at `nowMs`. Example: [10, 20) at 20 → 'expired'. */
export function silenceState(startsAtMs: number, endsAtMs: number, nowMs: number): SilenceState {
  if (nowMs >= endsAtMs) return 'expired';
  return nowMs < startsAtMs ? 'pending' : 'active';
}

function toSilence(r: SqlRow, nowMs: number): StoredSilence {
  const startsAtMs = Number(r.starts_ms);
  const endsAtMs = Number(r.ends_ms);
  return {
    id: r.id as string,
    matchers: JSON.parse(r.matchers as string),
    startsAtMs,
    endsAtMs,
    createdBy: r.created_by as string,
    comment: r.comment as string,
    state: silenceState(startsAtMs, endsAtMs, nowMs),
    createdMs: Number(r.created_ms),
    updatedMs: Number(r.updated_ms),
    expiredMs: r.expired_ms === null || r.expired_ms === undefined ? null : Number(r.expired_ms),
  };
}

// Stored JSON drops undefined members; compare both sides as they would be stored.
const asStored = (v: unknown): unknown => JSON.parse(JSON.stringify(v));

async function requireProject(q: SqlExec, projectId: string): Promise<void> {
  const rows = await q.all('SELECT 1 AS x FROM projects WHERE id = ?', [projectId]);
  if (rows.length === 0) throw new StoreError('NOT_FOUND', `no project ${projectId}`);
}

/** SqlNotifyStore is the NotifyStore of a SqlStore. */
export class SqlNotifyStore implements NotifyStore {
  readonly #db: SqlDriver;
  readonly #now: () => number;

  constructor(db: SqlDriver, now: () => number) {
    this.#db = db;
    this.#now = now;
  }

  putChannel(projectId: string, definition: ChannelDefinition, actor: string): Promise<ChannelPut> {
    const name = definition.metadata.name;
    const now = this.#now();
    return this.#db.tx(async (q) => {
      await requireProject(q, projectId);
      const [row] = await q.all(
        `SELECT * FROM channels WHERE project_id = ? AND name = ?${this.#db.forUpdate}`,
        [projectId, name],
      );
      const before = row === undefined ? null : toChannel(row);
      if (before !== null && isDeepStrictEqual(before.definition, asStored(definition))) {
        return { channel: before, change: 'unchanged' as const };
      }
      await q.run(
        `INSERT INTO channels (project_id, name, type, definition, created_ms, updated_ms)
         VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (project_id, name) DO UPDATE SET type = excluded.type,
           definition = excluded.definition, updated_ms = excluded.updated_ms`,
        [projectId, name, definition.spec.type, JSON.stringify(definition), now, now],
      );
      // Secrets never reach the audit log: only the type and what kind of change it was.
      await writeAudit(q, projectId, now, {
        actor,
        action: before === null ? 'channel.create' : 'channel.update',
        targetKind: 'channel',
        target: name,
        details:
          before === null
            ? { type: definition.spec.type }
            : { type: definition.spec.type, previousType: before.type },
      });
      return {
        channel: {
          name,
          type: definition.spec.type,
          definition: asStored(definition) as ChannelDefinition,
          createdMs: before?.createdMs ?? now,
          updatedMs: now,
        },
        change: before === null ? ('created' as const) : ('configured' as const),
      };
    });
  }

  async getChannel(projectId: string, name: string): Promise<StoredChannel | null> {
    const [r] = await this.#db.all('SELECT * FROM channels WHERE project_id = ? AND name = ?', [
      projectId,
      name,
    ]);
    return r === undefined ? null : toChannel(r);
  }

  async listChannels(projectId: string): Promise<StoredChannel[]> {
    const rows = await this.#db.all('SELECT * FROM channels WHERE project_id = ? ORDER BY name', [
      projectId,
    ]);
    return rows.map(toChannel);
  }

  deleteChannel(projectId: string, name: string, actor: string): Promise<boolean> {
    const now = this.#now();
    return this.#db.tx(async (q) => {
      const [row] = await q.all(
        `SELECT type FROM channels WHERE project_id = ? AND name = ?${this.#db.forUpdate}`,
        [projectId, name],
      );
      if (row === undefined) return false;
      await q.run('DELETE FROM channels WHERE project_id = ? AND name = ?', [projectId, name]);
      await writeAudit(q, projectId, now, {
        actor,
        action: 'channel.delete',
        targetKind: 'channel',
        target: name,
        details: { type: row.type as string },
      });
      return true;
    });
  }

  async createSilence(projectId: string, input: NewSilence, actor: string): Promise<StoredSilence> {
    const now = this.#now();
    const { startsAtMs, endsAtMs } = silenceSpan(
      {
        startsAt: input.startsAtMs,
        endsAt: input.endsAtMs,
        duration: input.durationMs,
      } as SilenceSpec,
      now,
    );
    const s = { ...input, startsAtMs, endsAtMs };
    if (!(Number.isFinite(startsAtMs) && Number.isFinite(endsAtMs))) {
      throw new StoreError('INVALID_ARGUMENT', 'silence times must be finite epoch milliseconds');
    }
    if (endsAtMs <= startsAtMs) {
      throw new StoreError('INVALID_ARGUMENT', 'a silence must end after it starts');
    }
    if (endsAtMs <= now) {
      throw new StoreError('INVALID_ARGUMENT', 'a silence must end in the future');
    }
    if (s.matchers.length === 0) {
      throw new StoreError('INVALID_ARGUMENT', 'a silence needs at least one matcher');
    }
    const id = randomUUID();
    return this.#db.tx(async (q) => {
      await requireProject(q, projectId);
      await q.run(
        `INSERT INTO silences (id, project_id, matchers, starts_ms, ends_ms, created_by, comment,
           created_ms, updated_ms, expired_ms)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)`,
        [
          id,
          projectId,
          JSON.stringify(s.matchers),
          s.startsAtMs,
          s.endsAtMs,
          s.createdBy,
          s.comment,
          now,
          now,
        ],
      );
      await writeAudit(q, projectId, now, {
        actor,
        action: 'silence.create',
        targetKind: 'silence',
        target: id,
        details: {
          matchers: s.matchers,
          startsAt: s.startsAtMs,
          endsAt: s.endsAtMs,
          createdBy: s.createdBy,
          comment: s.comment,
        },
      });
      return {
        id,
        matchers: asStored(s.matchers) as StoredSilence['matchers'],
        startsAtMs,
        endsAtMs,
        createdBy: s.createdBy,
        comment: s.comment,
        state: silenceState(s.startsAtMs, s.endsAtMs, now),
        createdMs: now,
        updatedMs: now,
        expiredMs: null,
      };
    });
  }

  async getSilence(projectId: string, id: string): Promise<StoredSilence | null> {
    const [r] = await this.#db.all('SELECT * FROM silences WHERE project_id = ? AND id = ?', [
      projectId,
      id,
    ]);
    return r === undefined ? null : toSilence(r, this.#now());
  }

  async listSilences(projectId: string, query: SilenceQuery = {}): Promise<StoredSilence[]> {
    const now = this.#now();
    const limit = checkLimit(query.limit);
    const filter: Record<SilenceState, [string, number]> = {
      active: [' AND starts_ms <= ? AND ends_ms > ?', 2],
      pending: [' AND starts_ms > ?', 1],
      expired: [' AND ends_ms <= ?', 1],
    };
    const [clause, n] = query.state === undefined ? ['', 0] : filter[query.state];
    const rows = await this.#db.all(
      `SELECT * FROM silences WHERE project_id = ?${clause} ORDER BY ends_ms DESC, id LIMIT ?`,
      [projectId, ...Array<number>(n).fill(now), limit],
    );
    return rows.map((r) => toSilence(r, now));
  }

  async activeSilences(projectId: string, atMs: number): Promise<StoredSilence[]> {
    const rows = await this.#db.all(
      `SELECT * FROM silences WHERE project_id = ? AND ends_ms > ? AND starts_ms <= ?
       ORDER BY starts_ms, id`,
      [projectId, atMs, atMs],
    );
    return rows.map((r) => toSilence(r, atMs));
  }

  expireSilence(projectId: string, id: string, actor: string): Promise<StoredSilence | null> {
    const now = this.#now();
    return this.#db.tx(async (q) => {
      const [r] = await q.all(
        `SELECT * FROM silences WHERE project_id = ? AND id = ?${this.#db.forUpdate}`,
        [projectId, id],
      );
      if (r === undefined) return null;
      const before = toSilence(r, now);
      if (before.state === 'expired') return before;
      // As in Alertmanager: the end moves to now; a silence that had not started never starts.
      const startsAtMs = Math.min(before.startsAtMs, now);
      await q.run(
        'UPDATE silences SET starts_ms = ?, ends_ms = ?, updated_ms = ?, expired_ms = ? WHERE project_id = ? AND id = ?',
        [startsAtMs, now, now, now, projectId, id],
      );
      await writeAudit(q, projectId, now, {
        actor,
        action: 'silence.expire',
        targetKind: 'silence',
        target: id,
        details: { endsAt: before.endsAtMs, expiredAt: now, was: before.state },
      });
      return {
        ...before,
        startsAtMs,
        endsAtMs: now,
        state: 'expired',
        updatedMs: now,
        expiredMs: now,
      };
    });
  }
}
