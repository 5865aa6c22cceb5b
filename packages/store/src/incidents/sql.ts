// Incidents over a SqlDriver. Every change locks the incident row, applies itself, appends a
// numbered timeline event and an audit entry, all in one transaction: a change is never visible
// without its record, and a refused change (NOT_FOUND, CONFLICT) leaves nothing behind.
import { randomUUID } from 'node:crypto';
import { writeAudit } from '../audit/sql.js';
import { checkLimit, checkRange, StoreError } from '../errors.js';
import { checkAliasName } from '../registry/ref.js';
import { moveAliasIn } from '../registry/sql.js';
import type { SqlDriver, SqlExec, SqlRow, SqlValue } from '../sql/driver.js';
import type {
  AliasRollback,
  ContainmentAction,
  IncidentAlert,
  IncidentEvent,
  IncidentEventInput,
  IncidentPatch,
  IncidentPolicy,
  IncidentQuery,
  IncidentStatus,
  IncidentStore,
  NewContainmentAction,
  NewIncident,
  StoredIncident,
  StoredPostmortem,
} from './port.js';
import {
  checkSeverity,
  DEFAULT_ALIAS,
  enc,
  json,
  PATCH_COLUMNS,
  STATUSES,
  toAction,
  toIncident,
  toPostmortem,
} from './rows.js';

function toIncidentAlert(r: SqlRow): IncidentAlert {
  return {
    fingerprint: r.fingerprint as string,
    monitor: r.monitor as string,
    startedMs: Number(r.started_ms),
    attachedMs: Number(r.attached_ms),
  };
}

/** SqlIncidentStore is the IncidentStore of a SqlStore. */
export class SqlIncidentStore implements IncidentStore {
  readonly #db: SqlDriver;
  readonly #now: () => number;

  constructor(db: SqlDriver, now: () => number) {
    this.#db = db;
    this.#now = now;
  }

  async #lock(q: SqlExec, projectId: string, id: string): Promise<StoredIncident> {
    const [r] = await q.all(
      `SELECT * FROM incidents WHERE project_id = ? AND id = ?${this.#db.forUpdate}`,
      [projectId, id],
    );
    if (r === undefined) throw new StoreError('NOT_FOUND', `no incident ${id}`);
    return toIncident(r);
  }

  async #event(
    q: SqlExec,
    projectId: string,
    id: string,
    timeMs: number,
    e: IncidentEventInput,
  ): Promise<IncidentEvent> {
    const [r] = await q.all(
      'SELECT COALESCE(MAX(seq), 0) AS last FROM incident_events WHERE project_id = ? AND incident_id = ?',
      [projectId, id],
    );
    const event: IncidentEvent = {
      seq: Number(r.last) + 1,
      timeMs,
      actor: e.actor,
      kind: e.kind,
      message: e.message,
      details: e.details ?? {},
    };
    await q.run(
      'INSERT INTO incident_events (project_id, incident_id, seq, time_ms, actor, kind, message, details) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      [projectId, id, event.seq, timeMs, e.actor, e.kind, e.message, JSON.stringify(event.details)],
    );
    await writeAudit(q, projectId, timeMs, {
      actor: e.actor,
      action: e.kind,
      targetKind: 'incident',
      target: id,
      details: { message: e.message, ...event.details },
    });
    return event;
  }

  async open(projectId: string, input: NewIncident, actor: string): Promise<StoredIncident> {
    checkSeverity(input.severity, 'severity');
    const id = randomUUID();
    const now = this.#now();
    return this.#db.tx(async (q) => {
      const taken = await q.insertIgnore(
        'incident_open_slots',
        ['project_id', 'model', 'failure_mode', 'incident_id'],
        [[projectId, input.model, input.failureMode, id]],
        ['project_id', 'model', 'failure_mode'],
      );
      if (!taken[0]) {
        throw new StoreError(
          'CONFLICT',
          `an incident on ${input.model} (${input.failureMode}) is already open`,
        );
      }
      await q.run(
        `INSERT INTO incidents (project_id, id, model, failure_mode, title, status, assessed_severity,
           severity_override, severity_reason, assignee, created_ms, opened_ms, first_alert_ms,
           acknowledged_ms, resolved_ms, onset_ms, escalation_level, reopen_count, triage, diagnosis,
           impact, updated_ms)
         VALUES (?, ?, ?, ?, ?, 'triggered', ?, NULL, ?, NULL, ?, ?, ?, NULL, NULL, ?, 0, 0, ?, ?, ?, ?)`,
        [
          projectId,
          id,
          input.model,
          input.failureMode,
          input.title,
          input.severity,
          input.severityReason,
          now,
          now,
          input.alert.startedMs,
          input.onsetMs ?? null,
          enc(input.triage),
          enc(input.diagnosis),
          enc(input.impact),
          now,
        ],
      );
      await q.run(
        'INSERT INTO incident_alerts (project_id, incident_id, fingerprint, monitor, started_ms, attached_ms) VALUES (?, ?, ?, ?, ?, ?)',
        [projectId, id, input.alert.fingerprint, input.alert.monitor, input.alert.startedMs, now],
      );
      await this.#event(q, projectId, id, now, {
        actor,
        kind: 'incident.open',
        message: `opened as ${input.severity} (${input.severityReason}) from alert ${input.alert.monitor}`,
        details: {
          model: input.model,
          failureMode: input.failureMode,
          severity: input.severity,
          fingerprint: input.alert.fingerprint,
        },
      });
      return this.#lock(q, projectId, id);
    });
  }

  async get(projectId: string, id: string): Promise<StoredIncident | null> {
    const [r] = await this.#db.all('SELECT * FROM incidents WHERE project_id = ? AND id = ?', [
      projectId,
      id,
    ]);
    return r === undefined ? null : toIncident(r);
  }

  async list(projectId: string, query: IncidentQuery = {}): Promise<StoredIncident[]> {
    const limit = checkLimit(query.limit);
    let sql = 'SELECT * FROM incidents WHERE project_id = ?';
    const params: SqlValue[] = [projectId];
    if (query.status !== undefined) {
      if (!STATUSES.includes(query.status))
        throw new StoreError('INVALID_ARGUMENT', `status must be one of ${STATUSES.join(', ')}`);
      sql += ' AND status = ?';
      params.push(query.status);
    }
    if (query.open === true) sql += " AND status <> 'resolved'";
    if (query.model !== undefined) {
      sql += ' AND model = ?';
      params.push(query.model);
    }
    if (query.severity !== undefined) {
      checkSeverity(query.severity, 'severity');
      sql += ' AND COALESCE(severity_override, assessed_severity) = ?';
      params.push(query.severity);
    }
    if (query.range !== undefined) {
      checkRange(query.range);
      sql += ' AND created_ms >= ? AND created_ms < ?';
      params.push(query.range.fromMs, query.range.toMs);
    }
    const rows = await this.#db.all(`${sql} ORDER BY created_ms DESC, id LIMIT ?`, [
      ...params,
      limit,
    ]);
    return rows.map(toIncident);
  }

  async attachAlert(
    projectId: string,
    id: string,
    alert: { fingerprint: string; monitor: string; startedMs: number },
    actor: string,
  ): Promise<boolean> {
    const now = this.#now();
    return this.#db.tx(async (q) => {
      const inc = await this.#lock(q, projectId, id);
      const [added] = await q.insertIgnore(
        'incident_alerts',
        ['project_id', 'incident_id', 'fingerprint', 'monitor', 'started_ms', 'attached_ms'],
        [[projectId, id, alert.fingerprint, alert.monitor, alert.startedMs, now]],
        ['project_id', 'incident_id', 'fingerprint'],
      );
      if (!added) return false;
      if (alert.startedMs < inc.firstAlertMs) {
        await q.run('UPDATE incidents SET first_alert_ms = ? WHERE project_id = ? AND id = ?', [
          alert.startedMs,
          projectId,
          id,
        ]);
      }
      await q.run('UPDATE incidents SET updated_ms = ? WHERE project_id = ? AND id = ?', [
        now,
        projectId,
        id,
      ]);
      await this.#event(q, projectId, id, now, {
        actor,
        kind: 'incident.alert_attached',
        message: `alert ${alert.monitor} attached`,
        details: { fingerprint: alert.fingerprint, monitor: alert.monitor },
      });
      return true;
    });
  }

  async listAlerts(projectId: string, id: string): Promise<IncidentAlert[]> {
    const rows = await this.#db.all(
      'SELECT * FROM incident_alerts WHERE project_id = ? AND incident_id = ? ORDER BY attached_ms, fingerprint',
      [projectId, id],
    );
    return rows.map(toIncidentAlert);
  }

  async incidentsOfAlert(
    projectId: string,
    fingerprint: string,
  ): Promise<Array<IncidentAlert & { readonly incidentId: string }>> {
    const rows = await this.#db.all(
      'SELECT * FROM incident_alerts WHERE project_id = ? AND fingerprint = ? ORDER BY attached_ms, incident_id',
      [projectId, fingerprint],
    );
    return rows.map((r) => ({ incidentId: r.incident_id as string, ...toIncidentAlert(r) }));
  }

  async update(
    projectId: string,
    id: string,
    patch: IncidentPatch,
    event: IncidentEventInput,
    options: { expectStatus?: IncidentStatus } = {},
  ): Promise<StoredIncident> {
    if (patch.status !== undefined && !STATUSES.includes(patch.status)) {
      throw new StoreError('INVALID_ARGUMENT', `status must be one of ${STATUSES.join(', ')}`);
    }
    if (patch.assessedSeverity !== undefined) checkSeverity(patch.assessedSeverity, 'severity');
    if (patch.severityOverride !== undefined && patch.severityOverride !== null) {
      checkSeverity(patch.severityOverride, 'severity');
    }
    const now = this.#now();
    return this.#db.tx(async (q) => {
      const cur = await this.#lock(q, projectId, id);
      if (options.expectStatus !== undefined && cur.status !== options.expectStatus) {
        throw new StoreError(
          'CONFLICT',
          `incident ${id} is ${cur.status}, expected ${options.expectStatus}: it changed meanwhile`,
        );
      }
      const sets: string[] = ['updated_ms = ?'];
      const params: SqlValue[] = [now];
      for (const [field, column, encode] of PATCH_COLUMNS) {
        if (patch[field] === undefined) continue;
        sets.push(`${column} = ?`);
        params.push(encode(patch[field]));
      }
      await q.run(`UPDATE incidents SET ${sets.join(', ')} WHERE project_id = ? AND id = ?`, [
        ...params,
        projectId,
        id,
      ]);
      if (patch.status === 'resolved' && cur.status !== 'resolved') {
        await q.run(
          'DELETE FROM incident_open_slots WHERE project_id = ? AND model = ? AND failure_mode = ? AND incident_id = ?',
          [projectId, cur.model, cur.failureMode, id],
        );
      } else if (
        patch.status !== undefined &&
        patch.status !== 'resolved' &&
        cur.status === 'resolved'
      ) {
        // A reopened incident takes its slot back when no other incident holds it meanwhile.
        await q.insertIgnore(
          'incident_open_slots',
          ['project_id', 'model', 'failure_mode', 'incident_id'],
          [[projectId, cur.model, cur.failureMode, id]],
          ['project_id', 'model', 'failure_mode'],
        );
      }
      await this.#event(q, projectId, id, now, event);
      return this.#lock(q, projectId, id);
    });
  }

  async timeline(projectId: string, id: string): Promise<IncidentEvent[]> {
    const rows = await this.#db.all(
      'SELECT * FROM incident_events WHERE project_id = ? AND incident_id = ? ORDER BY seq',
      [projectId, id],
    );
    return rows.map((r) => ({
      seq: Number(r.seq),
      timeMs: Number(r.time_ms),
      actor: r.actor as string,
      kind: r.kind as string,
      message: r.message as string,
      details: JSON.parse(r.details as string),
    }));
  }

  async rollbackAlias(
    projectId: string,
    id: string,
    rb: AliasRollback,
  ): Promise<ContainmentAction> {
    const now = this.#now();
    const actionId = randomUUID();
    return this.#db.tx(async (q) => {
      await this.#lock(q, projectId, id);
      const moved = await moveAliasIn(
        q,
        this.#db.forUpdate,
        projectId,
        now,
        { model: rb.model, alias: rb.alias, version: rb.toVersion },
        {
          actor: rb.actor,
          reason: rb.reason,
          expectedFrom: rb.expectedFrom,
          auditDetails: { incident: id, containment: actionId },
        },
      );
      const action: ContainmentAction = {
        id: actionId,
        incidentId: id,
        kind: 'alias_rollback',
        target: `${rb.model}@${rb.alias}`,
        from: String(moved.from),
        to: String(moved.to),
        actor: rb.actor,
        reason: rb.reason,
        timeMs: now,
        undoneMs: null,
        undoneBy: null,
      };
      await this.#insertAction(q, projectId, action);
      await this.#event(q, projectId, id, now, {
        actor: rb.actor,
        kind: 'incident.contain',
        message: `rolled ${action.target} back from version ${action.from} to ${action.to}: ${rb.reason}`,
        details: {
          action: actionId,
          kind: action.kind,
          target: action.target,
          from: action.from,
          to: action.to,
        },
      });
      return action;
    });
  }

  async undoAction(projectId: string, actionId: string, actor: string): Promise<ContainmentAction> {
    const now = this.#now();
    return this.#db.tx(async (q) => {
      const [r] = await q.all(
        `SELECT * FROM containment_actions WHERE project_id = ? AND id = ?${this.#db.forUpdate}`,
        [projectId, actionId],
      );
      if (r === undefined) throw new StoreError('NOT_FOUND', `no containment action ${actionId}`);
      const a = toAction(r);
      await this.#lock(q, projectId, a.incidentId);
      if (a.undoneMs !== null) {
        throw new StoreError('CONFLICT', `containment action ${actionId} is already undone`);
      }
      if (a.kind !== 'alias_rollback') {
        throw new StoreError('INVALID_ARGUMENT', `undo of ${a.kind} is not supported`);
      }
      const at = a.target.lastIndexOf('@');
      const model = a.target.slice(0, at);
      const alias = a.target.slice(at + 1);
      await moveAliasIn(
        q,
        this.#db.forUpdate,
        projectId,
        now,
        { model, alias, version: Number(a.from) },
        {
          actor,
          reason: `undo of containment ${actionId}`,
          expectedFrom: Number(a.to),
          auditDetails: { incident: a.incidentId, undo: actionId },
        },
      );
      await q.run(
        'UPDATE containment_actions SET undone_ms = ?, undone_by = ? WHERE project_id = ? AND id = ?',
        [now, actor, projectId, actionId],
      );
      await this.#event(q, projectId, a.incidentId, now, {
        actor,
        kind: 'incident.undo',
        message: `undid ${a.kind} of ${a.target}: back to version ${a.from}`,
        details: { action: actionId, target: a.target, from: a.to, to: a.from },
      });
      return { ...a, undoneMs: now, undoneBy: actor };
    });
  }

  async #insertAction(q: SqlExec, projectId: string, a: ContainmentAction): Promise<void> {
    await q.run(
      `INSERT INTO containment_actions (project_id, id, incident_id, kind, target, from_value, to_value, actor, reason, time_ms, undone_ms, undone_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL)`,
      [projectId, a.id, a.incidentId, a.kind, a.target, a.from, a.to, a.actor, a.reason, a.timeMs],
    );
  }

  async recordAction(
    projectId: string,
    id: string,
    input: NewContainmentAction,
  ): Promise<ContainmentAction> {
    const now = this.#now();
    return this.#db.tx(async (q) => {
      await this.#lock(q, projectId, id);
      const action: ContainmentAction = {
        id: randomUUID(),
        incidentId: id,
        ...input,
        timeMs: now,
        undoneMs: null,
        undoneBy: null,
      };
      await this.#insertAction(q, projectId, action);
      await this.#event(q, projectId, id, now, {
        actor: input.actor,
        kind: 'incident.contain',
        message: `${input.kind} of ${input.target} from ${input.from || '(none)'} to ${input.to}: ${input.reason}`,
        details: {
          action: action.id,
          kind: input.kind,
          target: input.target,
          from: input.from,
          to: input.to,
        },
      });
      return action;
    });
  }

  async getAction(projectId: string, actionId: string): Promise<ContainmentAction | null> {
    const [r] = await this.#db.all(
      'SELECT * FROM containment_actions WHERE project_id = ? AND id = ?',
      [projectId, actionId],
    );
    return r === undefined ? null : toAction(r);
  }

  async markUndone(projectId: string, actionId: string, actor: string): Promise<ContainmentAction> {
    const now = this.#now();
    return this.#db.tx(async (q) => {
      const [r] = await q.all(
        `SELECT * FROM containment_actions WHERE project_id = ? AND id = ?${this.#db.forUpdate}`,
        [projectId, actionId],
      );
      if (r === undefined) throw new StoreError('NOT_FOUND', `no containment action ${actionId}`);
      const a = toAction(r);
      await this.#lock(q, projectId, a.incidentId);
      if (a.undoneMs !== null) {
        throw new StoreError('CONFLICT', `containment action ${actionId} is already undone`);
      }
      if (a.kind === 'alias_rollback') {
        throw new StoreError('INVALID_ARGUMENT', 'an alias rollback is undone with undoAction');
      }
      await q.run(
        'UPDATE containment_actions SET undone_ms = ?, undone_by = ? WHERE project_id = ? AND id = ?',
        [now, actor, projectId, actionId],
      );
      await this.#event(q, projectId, a.incidentId, now, {
        actor,
        kind: 'incident.undo',
        message: `undid ${a.kind} of ${a.target}: back to ${a.from || '(none)'}`,
        details: { action: actionId, target: a.target, from: a.to, to: a.from },
      });
      return { ...a, undoneMs: now, undoneBy: actor };
    });
  }

  async listActions(projectId: string, id: string): Promise<ContainmentAction[]> {
    const rows = await this.#db.all(
      'SELECT * FROM containment_actions WHERE project_id = ? AND incident_id = ? ORDER BY time_ms, id',
      [projectId, id],
    );
    return rows.map(toAction);
  }

  async getPostmortem(projectId: string, id: string): Promise<StoredPostmortem | null> {
    const [r] = await this.#db.all(
      'SELECT * FROM postmortems WHERE project_id = ? AND incident_id = ?',
      [projectId, id],
    );
    return r === undefined ? null : toPostmortem(r);
  }

  async putPostmortem(
    projectId: string,
    id: string,
    markdown: string,
    options: { actor: string; edited: boolean },
  ): Promise<StoredPostmortem> {
    const now = this.#now();
    return this.#db.tx(async (q) => {
      await this.#lock(q, projectId, id);
      await q.run(
        `INSERT INTO postmortems (project_id, incident_id, markdown, edited, updated_by, created_ms, updated_ms)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (project_id, incident_id) DO UPDATE SET markdown = excluded.markdown,
           edited = excluded.edited, updated_by = excluded.updated_by, updated_ms = excluded.updated_ms`,
        [projectId, id, markdown, options.edited ? 1 : 0, options.actor, now, now],
      );
      await this.#event(q, projectId, id, now, {
        actor: options.actor,
        kind: options.edited ? 'incident.postmortem_edit' : 'incident.postmortem_draft',
        message: options.edited ? 'postmortem edited' : 'postmortem draft generated',
        details: { chars: markdown.length },
      });
      const [r] = await q.all(
        'SELECT * FROM postmortems WHERE project_id = ? AND incident_id = ?',
        [projectId, id],
      );
      return toPostmortem(r);
    });
  }

  async getPolicy(projectId: string, model: string): Promise<IncidentPolicy> {
    const [r] = await this.#db.all(
      'SELECT * FROM incident_policies WHERE project_id = ? AND model = ?',
      [projectId, model],
    );
    if (r === undefined) {
      return {
        model,
        autoRollback: false,
        alias: DEFAULT_ALIAS,
        notifyChannels: null,
        updatedBy: null,
        updatedMs: null,
      };
    }
    return {
      model,
      autoRollback: Number(r.auto_rollback) === 1,
      alias: r.alias as string,
      notifyChannels: json(r.notify_channels) as string[] | null,
      updatedBy: r.updated_by as string,
      updatedMs: Number(r.updated_ms),
    };
  }

  async putPolicy(
    projectId: string,
    model: string,
    policy: { autoRollback: boolean; alias?: string; notifyChannels?: readonly string[] | null },
    actor: string,
  ): Promise<IncidentPolicy> {
    const alias = policy.alias ?? DEFAULT_ALIAS;
    const channels =
      policy.notifyChannels === undefined || policy.notifyChannels === null
        ? null
        : [...new Set(policy.notifyChannels)];
    checkAliasName(alias);
    const now = this.#now();
    await this.#db.tx(async (q) => {
      const m = await q.all('SELECT 1 AS x FROM models WHERE project_id = ? AND name = ?', [
        projectId,
        model,
      ]);
      if (m.length === 0) throw new StoreError('NOT_FOUND', `no model ${model}`);
      const before = await q.all(
        'SELECT auto_rollback, alias, notify_channels FROM incident_policies WHERE project_id = ? AND model = ?',
        [projectId, model],
      );
      await q.run(
        `INSERT INTO incident_policies
           (project_id, model, auto_rollback, alias, notify_channels, updated_by, updated_ms)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (project_id, model) DO UPDATE SET auto_rollback = excluded.auto_rollback,
           alias = excluded.alias, notify_channels = excluded.notify_channels,
           updated_by = excluded.updated_by, updated_ms = excluded.updated_ms`,
        [projectId, model, policy.autoRollback ? 1 : 0, alias, enc(channels), actor, now],
      );
      await writeAudit(q, projectId, now, {
        actor,
        action: 'incident.policy_put',
        targetKind: 'incident',
        target: `policy:${model}`,
        details: {
          model,
          from:
            before[0] === undefined
              ? null
              : {
                  autoRollback: Number(before[0].auto_rollback) === 1,
                  alias: before[0].alias,
                  notifyChannels: json(before[0].notify_channels),
                },
          to: { autoRollback: policy.autoRollback, alias, notifyChannels: channels },
        },
      });
    });
    return this.getPolicy(projectId, model);
  }
}
