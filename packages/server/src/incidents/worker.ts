// The incident worker: on the shared poll loop, it reads each project's firing alerts, opens or
// attaches incidents by the engine's grouping rules, re-assesses severity from measured impact,
// triages and diagnoses, sends notices (when an incident opens, when its severity rises, and as
// escalations when its response target is missed: see notices.ts), and rolls the model alias
// back to the last known-good version for P0/P1 when the model's policy says so.
// Every instant comes from an injected clock, so tests drive it with explicit times.
import type { MonitorDefinition } from '@vigil/contracts';
import {
  type AlertSignal,
  escalationsDue,
  type FailureMode,
  groupAlert,
  type IncidentSeverity,
  type OpenIncidentRef,
  type OpenRule,
  SEVERITIES,
  severityRank,
} from '@vigil/engine';
import {
  type AlertRecord,
  MAX_QUERY_LIMIT,
  type Store,
  type StoredIncident,
  type StoredModel,
  type StoredMonitor,
  StoreError,
} from '@vigil/store';
import { AppError } from '../errors.js';
import { type Logger, NOOP_LOGGER } from '../logger.js';
import type { ServerMetrics } from '../metrics.js';
import { createPollLoop } from '../runtime/poll-loop.js';
import { type Assessment, createAssessor } from './assess.js';
import { containIncident } from './contain.js';
import { loadPoints, type MonitorPoints, monitorsOf } from './evidence.js';
import { announcedSeverity, enqueueNotice, NOTICE_EVENT_KIND, noticeChannels } from './notices.js';
import { SYSTEM_ACTOR } from './records.js';
import { projectStats } from './report.js';

/** IncidentWorkerOptions are the worker's collaborators, clock and rules. */
export interface IncidentWorkerOptions {
  readonly store: Store;
  readonly metrics: ServerMetrics;
  readonly logger?: Logger;
  /** Clock in epoch ms; default Date.now. */
  readonly now?: () => number;
  /** How often the loop runs, ms; default 5000. */
  readonly pollMs?: number;
  /** Which firing alerts may open incidents; default every one. */
  readonly openRule?: OpenRule;
  /** How far back evaluation points are read for triage and diagnosis, ms; default 7 days. */
  readonly lookbackMs?: number;
}

/** IncidentTickReport says what one tick did. */
export interface IncidentTickReport {
  readonly now: number;
  readonly opened: readonly string[];
  readonly attached: readonly { incidentId: string; fingerprint: string }[];
  readonly reassessed: readonly string[];
  readonly escalated: readonly { incidentId: string; level: number }[];
  readonly contained: readonly { incidentId: string; from: string; to: string }[];
  /** Notices queued for delivery (opened, severity_raised, escalation) and their channels. */
  readonly notified: readonly { incidentId: string; event: string; channels: readonly string[] }[];
}

/** IncidentWorker runs the incident rules on tick(); start() runs tick() every pollMs. */
export interface IncidentWorker {
  /** tick processes every project once at now(); concurrent calls run one after another. */
  tick(): Promise<IncidentTickReport>;
  start(): void;
  /** stop ends the loop and waits for a running tick. */
  stop(): Promise<void>;
}

const DAY = 86_400_000;
const CONTAINABLE: ReadonlySet<IncidentSeverity> = new Set(['P0', 'P1']);

interface Report {
  opened: string[];
  attached: { incidentId: string; fingerprint: string }[];
  reassessed: string[];
  escalated: { incidentId: string; level: number }[];
  contained: { incidentId: string; from: string; to: string }[];
  notified: { incidentId: string; event: string; channels: readonly string[] }[];
}

/** createIncidentWorker builds the worker over `store`; call start() to run its loop. */
export function createIncidentWorker(options: IncidentWorkerOptions): IncidentWorker {
  const { store, metrics } = options;
  const logger = options.logger ?? NOOP_LOGGER;
  const now = options.now ?? Date.now;
  const lookbackMs = options.lookbackMs ?? 7 * DAY;
  const assess = createAssessor(store);
  let chain: Promise<unknown> = Promise.resolve();

  async function reassess(
    projectId: string,
    inc: StoredIncident,
    a: Assessment,
    report: Report,
  ): Promise<StoredIncident> {
    // Once every monitor of the model has recovered there is no evidence left to weigh: the
    // episode's assessment stands (a P0 that recovered was still a P0, for the record and MTTR).
    if (a.firing === 0) return inc;
    const before = JSON.stringify([
      inc.assessedSeverity,
      inc.severityReason,
      inc.triage,
      inc.diagnosis,
      inc.impact,
      inc.onsetMs,
    ]);
    const after = JSON.stringify([
      a.severity.severity,
      a.severity.reason,
      a.triage,
      a.diagnosis,
      a.impact,
      a.diagnosis.onset?.onsetMs ?? null,
    ]);
    if (before === after) return inc;
    const changed = a.severity.severity !== inc.assessedSeverity;
    const override =
      changed && inc.severityOverride !== null ? ` (override ${inc.severityOverride} kept)` : '';
    report.reassessed.push(inc.id);
    return store.incidents.update(
      projectId,
      inc.id,
      {
        assessedSeverity: a.severity.severity,
        severityReason: a.severity.reason,
        triage: a.triage,
        diagnosis: a.diagnosis,
        impact: a.impact,
        onsetMs: a.diagnosis.onset?.onsetMs ?? null,
      },
      {
        actor: SYSTEM_ACTOR,
        kind: changed ? 'incident.severity_assessed' : 'incident.evidence',
        message: changed
          ? `assessed ${a.severity.severity} (was ${inc.assessedSeverity}): ${a.severity.reason}${override}; triage ${a.triage.category}`
          : `evidence updated: ${a.severity.reason}; triage ${a.triage.category}`,
        details: { severity: a.severity.severity, triage: a.triage.category },
      },
    );
  }

  // Announce an incident once when it opens, and again whenever its severity rises above the
  // most urgent one announced so far (by the worker's assessment or a person's override). The
  // job is queued before the timeline entry: a crash in between sends twice, never zero times.
  async function announce(
    projectId: string,
    inc: StoredIncident,
    defs: ReadonlyMap<string, MonitorDefinition>,
    at: number,
    report: Report,
  ): Promise<StoredIncident> {
    const announced = announcedSeverity(await store.incidents.timeline(projectId, inc.id));
    if (announced !== null && severityRank(inc.severity) >= severityRank(announced)) return inc;
    const event = announced === null ? 'opened' : 'severity_raised';
    const channels = await noticeChannels(store, projectId, inc, defs);
    await enqueueNotice(
      store,
      projectId,
      {
        event,
        id: inc.id,
        title: inc.title,
        model: inc.model,
        severity: inc.severity,
        ...(announced === null ? {} : { previousSeverity: announced }),
        status: inc.status,
        openedMs: inc.openedMs,
        at,
      },
      channels,
    );
    report.notified.push({ incidentId: inc.id, event, channels });
    const to = channels.length === 0 ? 'no channel to notify' : `sent to ${channels.join(', ')}`;
    return store.incidents.update(
      projectId,
      inc.id,
      {},
      {
        actor: SYSTEM_ACTOR,
        kind: NOTICE_EVENT_KIND,
        message:
          event === 'opened'
            ? `${inc.severity} incident notice: ${to}`
            : `severity raised from ${announced} to ${inc.severity}: ${to}`,
        details: { event, severity: inc.severity, channels },
      },
    );
  }

  async function escalate(
    projectId: string,
    inc: StoredIncident,
    defs: ReadonlyMap<string, MonitorDefinition>,
    at: number,
    report: Report,
  ): Promise<StoredIncident> {
    let cur = inc;
    const due = escalationsDue(cur, cur.escalationLevel, at);
    const top = due.at(-1);
    // Several levels due at once (the worker was down) make one notice, at the highest level.
    const channels = top === undefined ? [] : await noticeChannels(store, projectId, cur, defs);
    if (top !== undefined) {
      await enqueueNotice(
        store,
        projectId,
        {
          event: 'escalation',
          id: cur.id,
          title: cur.title,
          model: cur.model,
          severity: cur.severity,
          status: cur.status,
          openedMs: cur.openedMs,
          at,
          level: top.level,
        },
        channels,
      );
      report.notified.push({ incidentId: cur.id, event: 'escalation', channels });
    }
    for (const n of due) {
      cur = await store.incidents.update(
        projectId,
        cur.id,
        { escalationLevel: n.level },
        {
          actor: SYSTEM_ACTOR,
          kind: 'incident.escalate',
          message:
            n === top
              ? `${n.message}; notice ${channels.length === 0 ? 'to no channel' : `sent to ${channels.join(', ')}`}`
              : n.message,
          details: { level: n.level, dueMs: n.dueMs, channels: n === top ? channels : [] },
        },
      );
      metrics.incidentEscalations.inc({ project: projectId, severity: cur.severity });
      report.escalated.push({ incidentId: cur.id, level: n.level });
    }
    return cur;
  }

  async function autoContain(
    projectId: string,
    inc: StoredIncident,
    at: number,
    report: Report,
  ): Promise<void> {
    if (!CONTAINABLE.has(inc.severity) || inc.status === 'resolved') return;
    const policy = await store.incidents.getPolicy(projectId, inc.model);
    if (!policy.autoRollback) return;
    const actions = await store.incidents.listActions(projectId, inc.id);
    // One automatic rollback per incident: an undone one means a person decided otherwise.
    if (actions.some((x) => x.kind === 'alias_rollback')) return;
    try {
      const a = await containIncident(store, projectId, inc.id, {
        actor: SYSTEM_ACTOR,
        now: at,
        reason: `automatic rollback: ${inc.severity} (${inc.severityReason}), policy auto-rollback on`,
      });
      report.contained.push({ incidentId: inc.id, from: a.from, to: a.to });
    } catch (e) {
      if (!(e instanceof AppError) && !(e instanceof StoreError)) throw e;
      const timeline = await store.incidents.timeline(projectId, inc.id);
      if (timeline.some((x) => x.kind === 'incident.contain_skipped')) return;
      await store.incidents.update(
        projectId,
        inc.id,
        {},
        {
          actor: SYSTEM_ACTOR,
          kind: 'incident.contain_skipped',
          message: `automatic rollback not possible: ${e.message}`,
        },
      );
    }
  }

  async function tickProject(
    projectId: string,
    monitors: readonly StoredMonitor[],
    at: number,
    report: Report,
  ): Promise<void> {
    const defs = new Map<string, MonitorDefinition>(
      monitors.map((m) => [m.definition.metadata.name, m.definition]),
    );
    const firing = await store.listAlerts(projectId, { state: 'firing', limit: MAX_QUERY_LIMIT });
    const pointsByModel = new Map<string, MonitorPoints[]>();
    const pointsOf = async (model: string): Promise<MonitorPoints[]> => {
      let p = pointsByModel.get(model);
      if (p === undefined) {
        p = await loadPoints(store, projectId, monitorsOf(monitors, model), {
          fromMs: at - lookbackMs,
          toMs: at + 1,
        });
        pointsByModel.set(model, p);
      }
      return p;
    };
    const models = new Map<string, StoredModel | null>();
    const modelOf = async (name: string): Promise<StoredModel | null> => {
      if (!models.has(name)) models.set(name, await store.getModel(projectId, name));
      return models.get(name) ?? null;
    };

    // Oldest alert first, so the incident opens from the alert that fired first.
    for (const alert of [...firing].sort((x, y) => x.startedMs - y.startedMs)) {
      const def = defs.get(alert.monitor);
      if (def === undefined) continue;
      const seen = await store.incidents.incidentsOfAlert(projectId, alert.fingerprint);
      // This firing episode is already someone's incident (open, or resolved by a person while
      // the alert kept firing: that is no reason to open another).
      if (seen.some((s) => s.startedMs === alert.startedMs)) continue;
      await place(projectId, alert, def, at, report, pointsOf, modelOf);
    }

    for (const inc of await store.incidents.list(projectId, {
      open: true,
      limit: MAX_QUERY_LIMIT,
    })) {
      const model = await modelOf(inc.model);
      let cur = inc;
      if (model !== null) {
        const alerts = await store.incidents.listAlerts(projectId, inc.id);
        const first = [...alerts].sort((x, y) => x.startedMs - y.startedMs)[0];
        const a = await assess(
          projectId,
          model,
          await pointsOf(inc.model),
          first === undefined ? [] : [first.monitor],
          inc.firstAlertMs,
          at,
        );
        cur = await reassess(projectId, inc, a, report);
      }
      cur = await announce(projectId, cur, defs, at, report);
      cur = await escalate(projectId, cur, defs, at, report);
      await autoContain(projectId, cur, at, report);
    }
    await publish(projectId);
  }

  async function place(
    projectId: string,
    alert: AlertRecord,
    def: MonitorDefinition,
    at: number,
    report: Report,
    pointsOf: (model: string) => Promise<MonitorPoints[]>,
    modelOf: (name: string) => Promise<StoredModel | null>,
  ): Promise<void> {
    const signal: AlertSignal = {
      fingerprint: alert.fingerprint,
      monitor: alert.monitor,
      monitorType: def.spec.type,
      model: def.spec.model,
      alertSeverity: alert.severity,
      startedMs: alert.startedMs,
    };
    const decision = groupAlert(signal, await openRefs(projectId), options.openRule);
    const ref = {
      fingerprint: alert.fingerprint,
      monitor: alert.monitor,
      startedMs: alert.startedMs,
    };
    if (decision.action === 'ignore') return;
    if (decision.action === 'attach') {
      if (await store.incidents.attachAlert(projectId, decision.incidentId, ref, SYSTEM_ACTOR)) {
        report.attached.push({ incidentId: decision.incidentId, fingerprint: alert.fingerprint });
      }
      return;
    }
    const model = await modelOf(def.spec.model);
    const a =
      model === null
        ? null
        : await assess(
            projectId,
            model,
            await pointsOf(def.spec.model),
            [alert.monitor],
            alert.startedMs,
            at,
          );
    try {
      const inc = await store.incidents.open(
        projectId,
        {
          model: decision.model,
          failureMode: decision.failureMode,
          title:
            `${decision.failureMode} incident on ${decision.model}: ${alert.summary || alert.monitor}`.slice(
              0,
              500,
            ),
          severity: a?.severity.severity ?? 'P3',
          severityReason: a?.severity.reason ?? 'no measured impact',
          alert: ref,
          ...(a === null
            ? {}
            : {
                triage: a.triage,
                diagnosis: a.diagnosis,
                impact: a.impact,
                onsetMs: a.diagnosis.onset?.onsetMs ?? null,
              }),
        },
        SYSTEM_ACTOR,
      );
      report.opened.push(inc.id);
      metrics.incidentsOpened.inc({ project: projectId, severity: inc.severity });
    } catch (e) {
      // Another worker opened one for this model and failure mode meanwhile: join it.
      if (!(e instanceof StoreError) || e.code !== 'CONFLICT') throw e;
      const d = groupAlert(signal, await openRefs(projectId), options.openRule);
      if (d.action === 'attach')
        await store.incidents.attachAlert(projectId, d.incidentId, ref, SYSTEM_ACTOR);
    }
  }

  async function openRefs(projectId: string): Promise<OpenIncidentRef[]> {
    const open = await store.incidents.list(projectId, { open: true, limit: MAX_QUERY_LIMIT });
    return open.map((i) => ({
      id: i.id,
      model: i.model,
      failureMode: i.failureMode as FailureMode,
      status: i.status,
      openedMs: i.createdMs,
    }));
  }

  async function publish(projectId: string): Promise<void> {
    const open = await store.incidents.list(projectId, { open: true, limit: MAX_QUERY_LIMIT });
    const stats = await projectStats(store, projectId);
    for (const severity of SEVERITIES) {
      const labels = { project: projectId, severity };
      metrics.incidentsOpen.set(labels, open.filter((i) => i.severity === severity).length);
      const s = stats.find((x) => x.severity === severity);
      for (const [gauge, v] of [
        [metrics.incidentMttd, s?.mttdMs],
        [metrics.incidentMtta, s?.mttaMs],
        [metrics.incidentMttr, s?.mttrMs],
      ] as const) {
        if (v === null || v === undefined) gauge.remove(labels);
        else gauge.set(labels, v / 1000);
      }
    }
  }

  async function runTick(): Promise<IncidentTickReport> {
    const at = now();
    const report: Report = {
      opened: [],
      attached: [],
      reassessed: [],
      escalated: [],
      contained: [],
      notified: [],
    };
    const byProject = new Map<string, StoredMonitor[]>();
    for (const m of await store.listAllMonitors()) {
      const list = byProject.get(m.projectId) ?? [];
      list.push(m);
      byProject.set(m.projectId, list);
    }
    for (const [projectId, monitors] of byProject) {
      try {
        await tickProject(projectId, monitors, at, report);
      } catch (e) {
        // One project's failure must not stop the others; the next tick tries again.
        logger.error('incident worker failed for a project', {
          project: projectId,
          error: (e as Error).message,
        });
      }
    }
    return { now: at, ...report };
  }

  const tick = (): Promise<IncidentTickReport> => {
    const next = chain.then(runTick, runTick);
    chain = next.catch(() => undefined);
    return next;
  };
  const loop = createPollLoop({
    name: 'incident worker tick',
    pollMs: options.pollMs ?? 5000,
    logger,
    run: tick,
  });
  return {
    tick,
    start() {
      loop.start();
    },
    async stop() {
      loop.stop();
      await chain;
    },
  };
}
