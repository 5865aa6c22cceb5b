// The PromptStore over a SqlDriver. Every change (version, label move, pin, deprecation) writes its
// audit row in the same transaction. Versions are insert-only; labels keep an append-only history
// from which a revert walks back one step at a time.
import { createHash } from 'node:crypto';
import type { PromptContent } from '@vigil/contracts';
import { writeAudit } from '../audit/sql.js';
import { checkLimit, checkRange, StoreError, type TimeRange } from '../errors.js';
import type { SqlDriver, SqlExec, SqlRow, SqlValue } from '../sql/driver.js';
import type {
  CreateVersionResult,
  LabelAction,
  LabelHistoryEntry,
  ModelDeprecation,
  ModelPin,
  ModelUsage,
  ModelUsageIncrement,
  PromptStore,
  PromptSummary,
  PromptVersion,
} from './port.js';

const DAY_MS = 86_400_000;
const LATEST = 'latest';

/** canonicalJson serialises with object keys sorted, so equal values give equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.keys(v as object)
            .sort()
            .map((k) => [k, (v as Record<string, unknown>)[k]]),
        )
      : v,
  );
}

/** promptContentHash is the sha256 (hex) of a content's canonical JSON. */
export function promptContentHash(content: PromptContent): string {
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
}

function toHistory(r: SqlRow): LabelHistoryEntry {
  return {
    name: r.name as string,
    label: r.label as string,
    seq: Number(r.seq),
    version: Number(r.version),
    previousVersion: r.previous_version === null ? null : Number(r.previous_version),
    action: r.action as LabelAction,
    timeMs: Number(r.time_ms),
    actor: r.actor as string,
  };
}

function toPin(r: SqlRow): ModelPin {
  return {
    service: r.service as string,
    model: r.model as string,
    pinned: r.pinned as string,
    updatedMs: Number(r.updated_ms),
    actor: r.actor as string,
  };
}

function toDeprecation(r: SqlRow): ModelDeprecation {
  return {
    model: r.model as string,
    retiresMs: Number(r.retires_ms),
    replacement: (r.replacement as string | null) ?? null,
    channels: JSON.parse(r.channels as string) as string[],
    note: (r.note as string | null) ?? null,
    updatedMs: Number(r.updated_ms),
  };
}

/**
 * setLabelIn points a prompt label at a version through `q` (inside the caller's transaction):
 * the label row and its history entry (`create` when the label is new, else `action`). The
 * caller checks the version exists and writes the audit entry.
 */
export async function setLabelIn(
  q: SqlExec,
  forUpdate: string,
  projectId: string,
  e: { name: string; label: string; version: number; action: LabelAction; actor: string },
  timeMs: number,
): Promise<LabelHistoryEntry> {
  const [cur] = await q.all(
    `SELECT version FROM prompt_labels WHERE project_id = ? AND name = ? AND label = ?${forUpdate}`,
    [projectId, e.name, e.label],
  );
  const previousVersion = cur === undefined ? null : Number(cur.version);
  const [last] = await q.all(
    'SELECT MAX(seq) AS seq FROM prompt_label_history WHERE project_id = ? AND name = ? AND label = ?',
    [projectId, e.name, e.label],
  );
  const seq = last?.seq === null || last?.seq === undefined ? 1 : Number(last.seq) + 1;
  await q.run(
    `INSERT INTO prompt_labels (project_id, name, label, version, updated_ms) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (project_id, name, label) DO UPDATE SET version = excluded.version, updated_ms = excluded.updated_ms`,
    [projectId, e.name, e.label, e.version, timeMs],
  );
  const action: LabelAction = previousVersion === null ? 'create' : e.action;
  await q.run(
    `INSERT INTO prompt_label_history (project_id, name, label, seq, version, previous_version, action, time_ms, actor)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [projectId, e.name, e.label, seq, e.version, previousVersion, action, timeMs, e.actor],
  );
  return {
    name: e.name,
    label: e.label,
    seq,
    version: e.version,
    previousVersion,
    action,
    timeMs,
    actor: e.actor,
  };
}

/**
 * movePromptLabelIn moves a prompt label to `version` through `q` (inside the caller's
 * transaction) as moveLabel does: NOT_FOUND for a missing version; with `expectedFrom` set,
 * CONFLICT (nothing written) unless the label points there now; label row, history entry and
 * audit entry `prompt.label.move`.
 */
export async function movePromptLabelIn(
  q: SqlExec,
  forUpdate: string,
  projectId: string,
  timeMs: number,
  target: { name: string; label: string; version: number },
  change: { actor: string; reason?: string; expectedFrom?: number | null },
): Promise<LabelHistoryEntry> {
  const { name, label, version } = target;
  const [v] = await q.all(
    'SELECT version FROM prompt_versions WHERE project_id = ? AND name = ? AND version = ?',
    [projectId, name, version],
  );
  if (v === undefined)
    throw new StoreError('NOT_FOUND', `prompt "${name}" has no version ${version}`);
  if (change.expectedFrom !== undefined) {
    const [cur] = await q.all(
      `SELECT version FROM prompt_labels WHERE project_id = ? AND name = ? AND label = ?${forUpdate}`,
      [projectId, name, label],
    );
    const from = cur === undefined ? null : Number(cur.version);
    if (from !== change.expectedFrom) {
      throw new StoreError(
        'CONFLICT',
        `${name}@${label} points at ${from ?? 'nothing'}, not ${change.expectedFrom ?? 'nothing'}: moved meanwhile`,
      );
    }
  }
  const e = await setLabelIn(
    q,
    forUpdate,
    projectId,
    { name, label, version, action: 'move', actor: change.actor },
    timeMs,
  );
  await writeAudit(q, projectId, timeMs, {
    actor: change.actor,
    action: 'prompt.label.move',
    targetKind: 'prompt',
    target: `${name}@${label}`,
    details: {
      from: e.previousVersion,
      to: version,
      ...(change.reason === undefined ? {} : { reason: change.reason }),
    },
  });
  return e;
}

/** SqlPromptStore is the PromptStore of a SqlStore. */
export class SqlPromptStore implements PromptStore {
  readonly #db: SqlDriver;
  readonly #now: () => number;

  constructor(db: SqlDriver, now: () => number) {
    this.#db = db;
    this.#now = now;
  }

  async #labelsOf(q: SqlExec, projectId: string, name: string): Promise<Map<number, string[]>> {
    const rows = await q.all(
      'SELECT label, version FROM prompt_labels WHERE project_id = ? AND name = ? ORDER BY label',
      [projectId, name],
    );
    const out = new Map<number, string[]>();
    for (const r of rows) {
      const v = Number(r.version);
      out.set(v, [...(out.get(v) ?? []), r.label as string]);
    }
    return out;
  }

  #toVersion(r: SqlRow, labels: Map<number, string[]>): PromptVersion {
    const version = Number(r.version);
    return {
      name: r.name as string,
      version,
      content: JSON.parse(r.content as string) as PromptContent,
      contentHash: r.content_hash as string,
      createdMs: Number(r.created_ms),
      createdBy: r.created_by as string,
      commitMessage: (r.commit_message as string | null) ?? null,
      labels: labels.get(version) ?? [],
    };
  }

  // Points a label at a version and appends the move to its history (inside `q`'s transaction).
  async createVersion(
    projectId: string,
    input: {
      name: string;
      content: PromptContent;
      labels?: readonly string[];
      commitMessage?: string;
      actor: string;
    },
  ): Promise<CreateVersionResult> {
    const now = this.#now();
    const hash = promptContentHash(input.content);
    const { version, created } = await this.#db.tx(async (q) => {
      await q.run(
        `INSERT INTO prompts (project_id, name, latest_version, created_ms, updated_ms) VALUES (?, ?, 0, ?, ?)
         ON CONFLICT (project_id, name) DO NOTHING`,
        [projectId, input.name, now, now],
      );
      // Locks the prompt's row on PostgreSQL: concurrent pushes number their versions in turn.
      const [head] = await q.all(
        `SELECT latest_version FROM prompts WHERE project_id = ? AND name = ?${this.#db.forUpdate}`,
        [projectId, input.name],
      );
      const latest = Number(head.latest_version);
      let version = latest;
      let created = false;
      const [prev] =
        latest === 0
          ? []
          : await q.all(
              'SELECT content_hash FROM prompt_versions WHERE project_id = ? AND name = ? AND version = ?',
              [projectId, input.name, latest],
            );
      if (prev === undefined || prev.content_hash !== hash) {
        version = latest + 1;
        created = true;
        await q.run(
          `INSERT INTO prompt_versions (project_id, name, version, content, content_hash, created_ms, created_by, commit_message)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
          [
            projectId,
            input.name,
            version,
            canonicalJson(input.content),
            hash,
            now,
            input.actor,
            input.commitMessage ?? null,
          ],
        );
        await q.run(
          'UPDATE prompts SET latest_version = ?, updated_ms = ? WHERE project_id = ? AND name = ?',
          [version, now, projectId, input.name],
        );
        await setLabelIn(
          q,
          this.#db.forUpdate,
          projectId,
          { name: input.name, label: LATEST, version, action: 'move', actor: input.actor },
          now,
        );
        await writeAudit(q, projectId, now, {
          actor: input.actor,
          action: 'prompt.version.create',
          targetKind: 'prompt',
          target: `${input.name}@${version}`,
          details: { version, contentHash: hash, commitMessage: input.commitMessage ?? null },
        });
      }
      const current = await this.#labelsOf(q, projectId, input.name);
      for (const label of input.labels ?? []) {
        if (label === LATEST || current.get(version)?.includes(label)) continue;
        const moved = await setLabelIn(
          q,
          this.#db.forUpdate,
          projectId,
          { name: input.name, label, version, action: 'move', actor: input.actor },
          now,
        );
        await writeAudit(q, projectId, now, {
          actor: input.actor,
          action: 'prompt.label.move',
          targetKind: 'prompt',
          target: `${input.name}@${label}`,
          details: { from: moved.previousVersion, to: version },
        });
      }
      return { version, created };
    });
    const stored = await this.getVersion(projectId, input.name, version);
    if (stored === null) throw new StoreError('NOT_FOUND', `prompt "${input.name}" vanished`);
    return { version: stored, created };
  }

  async getVersion(
    projectId: string,
    name: string,
    version: number,
  ): Promise<PromptVersion | null> {
    const [r] = await this.#db.all(
      'SELECT * FROM prompt_versions WHERE project_id = ? AND name = ? AND version = ?',
      [projectId, name, version],
    );
    if (r === undefined) return null;
    return this.#toVersion(r, await this.#labelsOf(this.#db, projectId, name));
  }

  async getByLabel(projectId: string, name: string, label: string): Promise<PromptVersion | null> {
    const [r] = await this.#db.all(
      `SELECT v.* FROM prompt_labels l JOIN prompt_versions v
         ON v.project_id = l.project_id AND v.name = l.name AND v.version = l.version
       WHERE l.project_id = ? AND l.name = ? AND l.label = ?`,
      [projectId, name, label],
    );
    if (r === undefined) return null;
    return this.#toVersion(r, await this.#labelsOf(this.#db, projectId, name));
  }

  async listPrompts(projectId: string): Promise<PromptSummary[]> {
    const heads = await this.#db.all(
      'SELECT name, latest_version, updated_ms FROM prompts WHERE project_id = ? AND latest_version > 0 ORDER BY name',
      [projectId],
    );
    const labels = await this.#db.all(
      'SELECT name, label, version FROM prompt_labels WHERE project_id = ? ORDER BY name, label',
      [projectId],
    );
    const byName = new Map<string, Record<string, number>>();
    for (const l of labels) {
      const m = byName.get(l.name as string) ?? {};
      m[l.label as string] = Number(l.version);
      byName.set(l.name as string, m);
    }
    return heads.map((h) => ({
      name: h.name as string,
      latestVersion: Number(h.latest_version),
      updatedMs: Number(h.updated_ms),
      labels: byName.get(h.name as string) ?? {},
    }));
  }

  async listVersions(projectId: string, name: string, limit?: number): Promise<PromptVersion[]> {
    const n = checkLimit(limit);
    const rows = await this.#db.all(
      'SELECT * FROM prompt_versions WHERE project_id = ? AND name = ? ORDER BY version DESC LIMIT ?',
      [projectId, name, n],
    );
    const labels = await this.#labelsOf(this.#db, projectId, name);
    return rows.map((r) => this.#toVersion(r, labels));
  }

  async moveLabel(
    projectId: string,
    input: { name: string; label: string; version: number; actor: string },
  ): Promise<LabelHistoryEntry> {
    if (input.label === LATEST) {
      throw new StoreError(
        'INVALID_ARGUMENT',
        'label "latest" moves by itself to every new version',
      );
    }
    const now = this.#now();
    return this.#db.tx((q) =>
      movePromptLabelIn(
        q,
        this.#db.forUpdate,
        projectId,
        now,
        { name: input.name, label: input.label, version: input.version },
        { actor: input.actor },
      ),
    );
  }

  async revertLabel(
    projectId: string,
    input: { name: string; label: string; actor: string },
  ): Promise<LabelHistoryEntry> {
    if (input.label === LATEST) {
      throw new StoreError(
        'INVALID_ARGUMENT',
        'label "latest" cannot be reverted: it follows new versions',
      );
    }
    const now = this.#now();
    return this.#db.tx(async (q) => {
      const [cur] = await q.all(
        `SELECT version FROM prompt_labels WHERE project_id = ? AND name = ? AND label = ?${this.#db.forUpdate}`,
        [projectId, input.name, input.label],
      );
      if (cur === undefined) {
        throw new StoreError('NOT_FOUND', `prompt "${input.name}" has no label "${input.label}"`);
      }
      // Replay the history as a stack: a move pushes, a revert pops; the revert target is the
      // entry under the top, so repeated reverts walk back through earlier versions.
      const rows = await q.all(
        'SELECT * FROM prompt_label_history WHERE project_id = ? AND name = ? AND label = ? ORDER BY seq',
        [projectId, input.name, input.label],
      );
      const stack: number[] = [];
      for (const r of rows.map(toHistory)) {
        if (r.action === 'revert') stack.pop();
        else stack.push(r.version);
      }
      const target = stack.length >= 2 ? stack[stack.length - 2] : undefined;
      if (target === undefined) {
        throw new StoreError(
          'CONFLICT',
          `label "${input.label}" of prompt "${input.name}" has no earlier version to revert to`,
        );
      }
      const e = await setLabelIn(
        q,
        this.#db.forUpdate,
        projectId,
        {
          name: input.name,
          label: input.label,
          version: target,
          action: 'revert',
          actor: input.actor,
        },
        now,
      );
      await writeAudit(q, projectId, now, {
        actor: input.actor,
        action: 'prompt.label.revert',
        targetKind: 'prompt',
        target: `${input.name}@${input.label}`,
        details: { from: e.previousVersion, to: target },
      });
      return e;
    });
  }

  async labelHistory(projectId: string, name: string, label: string): Promise<LabelHistoryEntry[]> {
    const rows = await this.#db.all(
      'SELECT * FROM prompt_label_history WHERE project_id = ? AND name = ? AND label = ? ORDER BY seq',
      [projectId, name, label],
    );
    return rows.map(toHistory);
  }

  async upsertPin(
    projectId: string,
    pin: { service: string; model: string; pinned: string; actor: string },
  ): Promise<ModelPin> {
    const now = this.#now();
    return this.#db.tx(async (q) => {
      const [prev] = await q.all(
        'SELECT pinned FROM model_pins WHERE project_id = ? AND service = ? AND model = ?',
        [projectId, pin.service, pin.model],
      );
      await q.run(
        `INSERT INTO model_pins (project_id, service, model, pinned, updated_ms, actor) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (project_id, service, model) DO UPDATE SET pinned = excluded.pinned,
           updated_ms = excluded.updated_ms, actor = excluded.actor`,
        [projectId, pin.service, pin.model, pin.pinned, now, pin.actor],
      );
      await writeAudit(q, projectId, now, {
        actor: pin.actor,
        action: 'model.pin',
        targetKind: 'model',
        target: `${pin.model}@${pin.service}`,
        details: { from: (prev?.pinned as string | undefined) ?? null, to: pin.pinned },
      });
      return { ...pin, updatedMs: now };
    });
  }

  async deletePin(
    projectId: string,
    pin: { service: string; model: string; actor: string },
  ): Promise<boolean> {
    const now = this.#now();
    return this.#db.tx(async (q) => {
      const [prev] = await q.all(
        'SELECT pinned FROM model_pins WHERE project_id = ? AND service = ? AND model = ?',
        [projectId, pin.service, pin.model],
      );
      if (prev === undefined) return false;
      await q.run('DELETE FROM model_pins WHERE project_id = ? AND service = ? AND model = ?', [
        projectId,
        pin.service,
        pin.model,
      ]);
      await writeAudit(q, projectId, now, {
        actor: pin.actor,
        action: 'model.unpin',
        targetKind: 'model',
        target: `${pin.model}@${pin.service}`,
        details: { from: prev.pinned as string, to: null },
      });
      return true;
    });
  }

  async listPins(projectId: string): Promise<ModelPin[]> {
    const rows = await this.#db.all(
      'SELECT * FROM model_pins WHERE project_id = ? ORDER BY service, model',
      [projectId],
    );
    return rows.map(toPin);
  }

  async upsertDeprecation(
    projectId: string,
    entry: {
      model: string;
      retiresMs: number;
      replacement?: string | null;
      channels?: readonly string[];
      note?: string | null;
      actor: string;
    },
  ): Promise<ModelDeprecation> {
    const now = this.#now();
    const row: ModelDeprecation = {
      model: entry.model,
      retiresMs: entry.retiresMs,
      replacement: entry.replacement ?? null,
      channels: [...(entry.channels ?? [])],
      note: entry.note ?? null,
      updatedMs: now,
    };
    return this.#db.tx(async (q) => {
      await q.run(
        `INSERT INTO model_deprecations (project_id, model, retires_ms, replacement, channels, note, updated_ms)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (project_id, model) DO UPDATE SET retires_ms = excluded.retires_ms,
           replacement = excluded.replacement, channels = excluded.channels, note = excluded.note,
           updated_ms = excluded.updated_ms`,
        [
          projectId,
          row.model,
          row.retiresMs,
          row.replacement,
          JSON.stringify(row.channels),
          row.note,
          now,
        ],
      );
      await writeAudit(q, projectId, now, {
        actor: entry.actor,
        action: 'model.deprecation.upsert',
        targetKind: 'model',
        target: entry.model,
        details: { retiresMs: row.retiresMs, replacement: row.replacement },
      });
      return row;
    });
  }

  async deleteDeprecation(projectId: string, model: string, actor: string): Promise<boolean> {
    const now = this.#now();
    return this.#db.tx(async (q) => {
      const n = await q.run('DELETE FROM model_deprecations WHERE project_id = ? AND model = ?', [
        projectId,
        model,
      ]);
      if (n === 0) return false;
      await writeAudit(q, projectId, now, {
        actor,
        action: 'model.deprecation.delete',
        targetKind: 'model',
        target: model,
      });
      return true;
    });
  }

  async listDeprecations(projectId: string): Promise<ModelDeprecation[]> {
    const rows = await this.#db.all(
      'SELECT * FROM model_deprecations WHERE project_id = ? ORDER BY retires_ms, model',
      [projectId],
    );
    return rows.map(toDeprecation);
  }

  async listAllDeprecations(): Promise<
    Array<{ projectId: string; deprecation: ModelDeprecation }>
  > {
    const rows = await this.#db.all(
      'SELECT * FROM model_deprecations ORDER BY project_id, retires_ms, model',
    );
    return rows.map((r) => ({ projectId: r.project_id as string, deprecation: toDeprecation(r) }));
  }

  async addModelUsage(
    projectId: string,
    increments: readonly ModelUsageIncrement[],
  ): Promise<void> {
    if (increments.length === 0) return;
    // Merge the batch per (model, day) first: one statement per row of the table.
    const merged = new Map<string, ModelUsageIncrement & { dayMs: number }>();
    for (const i of increments) {
      const dayMs = Math.floor(i.timeMs / DAY_MS) * DAY_MS;
      const key = `${i.model}\u0000${dayMs}`;
      const m = merged.get(key);
      merged.set(
        key,
        m === undefined
          ? { ...i, dayMs }
          : {
              ...m,
              calls: m.calls + i.calls,
              unpinnedCalls: m.unpinnedCalls + i.unpinnedCalls,
              timeMs: Math.max(m.timeMs, i.timeMs),
            },
      );
    }
    await this.#db.tx(async (q) => {
      for (const m of merged.values()) {
        // Increments in SQL (not read-modify-write): concurrent writers never lose a count.
        await q.run(
          `INSERT INTO model_usage (project_id, model, day_ms, calls, unpinned_calls, last_seen_ms)
           VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (project_id, model, day_ms) DO UPDATE SET
             calls = model_usage.calls + excluded.calls,
             unpinned_calls = model_usage.unpinned_calls + excluded.unpinned_calls,
             last_seen_ms = CASE WHEN excluded.last_seen_ms > model_usage.last_seen_ms
               THEN excluded.last_seen_ms ELSE model_usage.last_seen_ms END`,
          [projectId, m.model, m.dayMs, m.calls, m.unpinnedCalls, m.timeMs],
        );
      }
    });
  }

  async queryModelUsage(
    projectId: string,
    query: { range: TimeRange; model?: string },
  ): Promise<ModelUsage[]> {
    checkRange(query.range);
    let sql = 'SELECT * FROM model_usage WHERE project_id = ? AND day_ms >= ? AND day_ms < ?';
    const params: SqlValue[] = [projectId, query.range.fromMs, query.range.toMs];
    if (query.model !== undefined) {
      sql += ' AND model = ?';
      params.push(query.model);
    }
    const rows = await this.#db.all(`${sql} ORDER BY day_ms, model LIMIT 10000`, params);
    return rows.map((r) => ({
      model: r.model as string,
      dayMs: Number(r.day_ms),
      calls: Number(r.calls),
      unpinnedCalls: Number(r.unpinned_calls),
      lastSeenMs: Number(r.last_seen_ms),
    }));
  }
}
