// The delivery worker: claims `notify` jobs from the store's queue and sends each notification to
// each of its channels concurrently, every send under its channel's timeout, so a failing or
// hanging channel never delays the others. A failed send is retried as a job of its own for that
// one channel after an exponential backoff with jitter, up to the channel's maxAttempts; every
// attempt is one row of the delivery log and one count of vigil_notifications_total.
// Channels are resolved per project from the store (`PUT /v1/channels`), then from the ones given
// in code; active silences are applied at delivery time, so a silence created after an alert
// fired still mutes its renotifications and pending retries.
import { randomUUID } from 'node:crypto';
import type { ChannelDefinition } from '@vigil/contracts';
import {
  type AlertNotification,
  activeSilences,
  type NotificationContext,
  type NotificationMessage,
  type Silence,
} from '@vigil/engine';
import type { DeliveryOutcome, DeliveryRecord, Job, Store, StoredSilence } from '@vigil/store';
import { type Logger, NOOP_LOGGER } from '../logger.js';
import type { ServerMetrics } from '../metrics.js';
import { createPollLoop } from '../runtime/poll-loop.js';
import { backoffMs, DEFAULT_RETRY_POLICY, type RetryPolicy } from './backoff.js';
import { notificationMessage } from './message.js';
import { sendToChannel } from './send.js';

/** NOTIFY_JOB_KIND is the job kind the scheduler enqueues and this worker claims. */
export const NOTIFY_JOB_KIND = 'notify';

/** NotifyJobPayload is a notify job: one notification for one or more channels. */
export interface NotifyJobPayload {
  readonly notification: AlertNotification;
  readonly channels: readonly string[];
  /** The evaluation's one-line message. */
  readonly summary?: string;
  /** The attempt this job makes (1 when absent: the scheduler's first). */
  readonly attempt?: number;
  /**
   * The whole message context, for notices that are not about a monitor (incident notices):
   * when given, it is sent as is and no monitor is looked up.
   */
  readonly context?: NotificationContext;
}

/** ChannelResolver finds a channel definition by the name a monitor lists; null if unknown. */
export type ChannelResolver = (
  projectId: string,
  name: string,
) => ChannelDefinition | null | Promise<ChannelDefinition | null>;

/** NotifierOptions are the worker's collaborators, clock and limits. */
export interface NotifierOptions {
  readonly store: Store;
  readonly metrics: ServerMetrics;
  /**
   * Channels given in code, as a list (same for every project) or a resolver; default none. A
   * project's own channels (stored with PUT /v1/channels) win over these on a name clash.
   */
  readonly channels?: readonly ChannelDefinition[] | ChannelResolver;
  readonly logger?: Logger;
  /** Clock in epoch ms; default Date.now. Give the store the same clock: it decides what is due. */
  readonly now?: () => number;
  /** Jitter source in [0, 1); default Math.random. */
  readonly random?: () => number;
  readonly retry?: RetryPolicy;
  /** How often the loop claims due jobs, ms; default 1000. */
  readonly pollMs?: number;
  /** Most jobs in flight in this process; default 64. */
  readonly maxInFlight?: number;
  /** Worker id recorded on claimed jobs; default a random one. */
  readonly workerId?: string;
}

/** NotifyTickReport lists the delivery attempts of the jobs one tick claimed. */
export interface NotifyTickReport {
  readonly claimed: number;
  readonly deliveries: readonly DeliveryRecord[];
}

/** Notifier delivers notify jobs on tick(); start() claims every pollMs without waiting on sends. */
export interface Notifier {
  /** tick claims due jobs and resolves once all their sends ended (for tests and drains). */
  tick(): Promise<NotifyTickReport>;
  start(): void;
  /** stop ends the loop and waits for the sends in flight. */
  stop(): Promise<void>;
}

function isPayload(p: unknown): p is NotifyJobPayload {
  const o = p as Partial<NotifyJobPayload> | null;
  return (
    typeof o === 'object' &&
    o !== null &&
    typeof o.notification === 'object' &&
    o.notification !== null &&
    typeof o.notification.fingerprint === 'string' &&
    Array.isArray(o.channels) &&
    o.channels.every((c) => typeof c === 'string')
  );
}

function resolverOf(store: Store, c: NotifierOptions['channels']): ChannelResolver {
  let given: ChannelResolver;
  if (typeof c === 'function') given = c;
  else {
    const byName = new Map((c ?? []).map((d) => [d.metadata.name, d]));
    given = (_projectId, name) => byName.get(name) ?? null;
  }
  return async (projectId, name) =>
    (await store.notify.getChannel(projectId, name))?.definition ?? given(projectId, name);
}

function toEngineSilence(s: StoredSilence): Silence {
  return {
    id: s.id,
    matchers: s.matchers,
    startsAt: s.startsAtMs,
    endsAt: s.endsAtMs,
    createdBy: s.createdBy,
    comment: s.comment,
  };
}

const NOT_SENT = { ok: false, statusCode: null, retryable: false } as const;

/** createNotifier builds the delivery worker; call start() to run its loop. */
export function createNotifier(options: NotifierOptions): Notifier {
  const { store, metrics } = options;
  const logger = options.logger ?? NOOP_LOGGER;
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const retry = options.retry ?? DEFAULT_RETRY_POLICY;
  const pollMs = options.pollMs ?? 1000;
  const maxInFlight = options.maxInFlight ?? 64;
  const worker = options.workerId ?? `notifier-${randomUUID()}`;
  const resolve = resolverOf(store, options.channels);

  // A resolved message goes out under a silence only to a channel that was told "firing" in this
  // episode, so receivers never keep an alert open that Vigil has closed (engine rule), and a
  // fully silenced episode stays silent.
  async function toldFiring(projectId: string, name: string, n: AlertNotification) {
    const rows = await store.queryDeliveries(projectId, {
      range: { fromMs: n.startsAt, toMs: now() + 1 },
      channel: name,
      limit: 10_000,
    });
    return rows.some(
      (r) => r.fingerprint === n.fingerprint && r.outcome === 'success' && r.kind !== 'resolved',
    );
  }
  const inFlight = new Set<Promise<unknown>>();

  async function deliverOne(
    job: Job,
    payload: NotifyJobPayload,
    message: NotificationMessage,
    evaluationIntervalMs: number | undefined,
    name: string,
    silencedBy: readonly string[],
  ): Promise<DeliveryRecord> {
    const attempt = payload.attempt ?? 1;
    const n = payload.notification;
    const def = await resolve(job.projectId, name);
    const timeMs = now();
    const started = performance.now();
    const muted =
      def !== null &&
      silencedBy.length > 0 &&
      (n.kind !== 'resolved' || !(await toldFiring(job.projectId, name, n)));
    const result = muted
      ? { ...NOT_SENT, error: `silenced by ${silencedBy.join(', ')}` }
      : def === null
        ? { ...NOT_SENT, error: `no channel named "${name}"` }
        : await sendToChannel(
            def.spec,
            message,
            evaluationIntervalMs === undefined ? {} : { evaluationIntervalMs },
          );
    const durationMs = Math.round((performance.now() - started) * 1000) / 1000;
    const maxAttempts = def?.spec.maxAttempts ?? 1;
    const outcome: DeliveryOutcome = muted
      ? 'silenced'
      : result.ok
        ? 'success'
        : result.retryable && attempt < maxAttempts
          ? 'retry'
          : 'failed';
    const record: DeliveryRecord = {
      id: randomUUID(),
      timeMs,
      channel: name,
      channelType: def?.spec.type ?? 'unknown',
      fingerprint: n.fingerprint,
      monitor: n.monitorId,
      kind: n.kind,
      attempt,
      outcome,
      statusCode: result.statusCode,
      error: result.error,
      durationMs,
    };
    await store.appendDelivery(job.projectId, record);
    metrics.notifications.inc({ channel: name, outcome });
    if (outcome === 'retry') {
      const next: NotifyJobPayload = { ...payload, channels: [name], attempt: attempt + 1 };
      await store.enqueueJob(job.projectId, {
        kind: NOTIFY_JOB_KIND,
        payload: next,
        runAtMs: now() + backoffMs(attempt, retry, random),
      });
    } else if (outcome === 'failed') {
      logger.warn('notification not delivered', {
        project: job.projectId,
        channel: name,
        attempt,
        error: result.error,
      });
    }
    return record;
  }

  async function runJob(job: Job): Promise<DeliveryRecord[]> {
    if (!isPayload(job.payload)) {
      await store.completeJob(job.id, worker, 'malformed notify payload');
      return [];
    }
    const payload = job.payload;
    try {
      const monitor =
        payload.context === undefined
          ? await store.getMonitor(job.projectId, payload.notification.monitorId)
          : null;
      const message: NotificationMessage =
        payload.context === undefined
          ? notificationMessage(payload, monitor?.definition ?? null)
          : { alert: payload.notification, context: payload.context };
      const cadence = monitor?.definition.spec.cadence;
      const silences = (await store.notify.activeSilences(job.projectId, now())).map(
        toEngineSilence,
      );
      const silencedBy = activeSilences(silences, payload.notification.labels, now());
      // allSettled: one channel's store error must not cost the others their log rows.
      const settled = await Promise.allSettled(
        payload.channels.map((c) => deliverOne(job, payload, message, cadence, c, silencedBy)),
      );
      const records = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
      const broken = settled.find((s) => s.status === 'rejected');
      const failed = records
        .filter((r) => r.outcome !== 'success' && r.outcome !== 'silenced')
        .map((r) => r.channel);
      const error =
        broken !== undefined
          ? `delivery bookkeeping failed: ${(broken.reason as Error).message}`
          : failed.length > 0
            ? `not delivered to: ${failed.join(', ')}`
            : undefined;
      await store.completeJob(job.id, worker, error);
      return records;
    } catch (e) {
      // The job stays claimed; its lease expires and another claim retries it.
      logger.error('notify job failed', { project: job.projectId, error: (e as Error).message });
      return [];
    }
  }

  async function claim(): Promise<{ claimed: number; done: Promise<DeliveryRecord[][]> }> {
    const room = maxInFlight - inFlight.size;
    if (room <= 0) return { claimed: 0, done: Promise.resolve([]) };
    const jobs = await store.claimJobs({
      worker,
      limit: Math.min(room, 100),
      // Every send ends within its timeout; the lease only matters if this process dies.
      leaseMs: 5 * 60_000,
      kind: NOTIFY_JOB_KIND,
    });
    const runs = jobs.map((j) => {
      const p = runJob(j);
      inFlight.add(p);
      void p.finally(() => inFlight.delete(p)).catch(() => undefined);
      return p;
    });
    return { claimed: jobs.length, done: Promise.all(runs) };
  }

  const loop = createPollLoop({ name: 'notifier claim', pollMs, logger, run: claim });

  return {
    async tick() {
      const { claimed, done } = await claim();
      return { claimed, deliveries: (await done).flat() };
    },
    start() {
      loop.start();
    },
    async stop() {
      loop.stop();
      await Promise.allSettled([...inFlight]);
    },
  };
}
