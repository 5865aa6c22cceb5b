// VigilClient: log events synchronously into a bounded buffer; one background sender drains it in
// batches (gzip, retries with backoff and full jitter). Every record and flush path reports
// failures to onError and never throws; only the constructor throws, on invalid options.
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { constants, gzip } from 'node:zlib';
import { backoffDelayMs } from './backoff.js';
import { EventRing } from './buffer.js';
import { checkId, checkTime, SDK_LIMITS } from './check.js';
import { type ErrorHandler, safeReport, VigilSdkError, type VigilSdkErrorInit } from './errors.js';
import {
  type Converted,
  type InfraInput,
  type LabelInput,
  type OutcomeInput,
  type PredictionInput,
  type TimeInput,
  toInfraEvent,
  toLabelEvent,
  toOutcomeEvent,
  toPredictionEvent,
  type WireEvent,
} from './events.js';
import { type ResolvedOptions, resolveOptions, type VigilClientOptions } from './options.js';
import { type GetPromptOptions, type Prompt, PromptCache } from './prompts.js';
import { ModelResolver, type ResolvedModel } from './resolve.js';
import { type AttemptOutcome, attemptIngest, type ItemReply } from './transport.js';
import { ExperimentCache, type VariantAssignment } from './variants.js';

const gzipAsync = promisify(gzip);

/** VigilClientStats are the client's counters since construction (events unless noted). */
export interface VigilClientStats {
  /** Events taken into the buffer. */
  readonly queued: number;
  /** Events the server acknowledged (stored now, or already stored: duplicates included). */
  readonly sent: number;
  /** Of `sent`, events the server already had (a retry of a delivered batch). */
  readonly duplicates: number;
  /** Events the server refused (per-item rejections). */
  readonly rejected: number;
  /** Events refused by the SDK's own checks, never buffered. */
  readonly invalid: number;
  /** Events given up on: retries exhausted or a status retrying cannot fix. */
  readonly failed: number;
  /** Events evicted from the full buffer, or logged after close(). */
  readonly dropped: number;
  /** HTTP attempts that were retries (not events). */
  readonly retried: number;
  /** Events waiting in the buffer now. */
  readonly buffered: number;
}

type Counters = { -readonly [K in keyof VigilClientStats]: VigilClientStats[K] };
type Convert<T> = (input: T, id: string, timeMs: number) => Converted;

/** VigilClient sends prediction, label, outcome and infrastructure events to a Vigil server. */
export class VigilClient {
  private readonly o: ResolvedOptions;
  private handler: ErrorHandler;
  private readonly ring: EventRing<WireEvent>;
  private readonly c: Counters = {
    queued: 0,
    sent: 0,
    duplicates: 0,
    rejected: 0,
    invalid: 0,
    failed: 0,
    dropped: 0,
    retried: 0,
    buffered: 0,
  };
  private pushed = 0; // events ever buffered; a flush waits until `completed` reaches its count
  private completed = 0;
  private waiters: { target: number; resolve: () => void }[] = [];
  private draining = false;
  private kickQueued = false;
  private dropsToReport = 0;
  private holdOpen = false; // once exiting or closing, retry sleeps keep the process alive
  private sleeping: NodeJS.Timeout | undefined;
  private readonly timer: NodeJS.Timeout;
  private readonly exitHook: (() => void) | undefined;
  private closing: Promise<void> | undefined;
  private readonly resolver: ModelResolver;
  private readonly prompts: PromptCache;
  private readonly experiments: ExperimentCache;

  /** VigilClient's constructor validates the options and throws VigilConfigError on a bad one. */
  constructor(options: VigilClientOptions = {}) {
    this.o = resolveOptions(options);
    this.handler = this.o.onError;
    this.ring = new EventRing(this.o.maxBufferEvents);
    this.resolver = new ModelResolver({
      baseUrl: this.o.baseUrl,
      apiKey: this.o.apiKey,
      fetch: this.o.fetch,
      timeoutMs: this.o.timeoutMs,
      cacheMs: this.o.resolveCacheMs,
      now: Date.now,
      report: (f) =>
        this.report({
          code: 'RESOLVE_FAILED',
          message: f.message,
          ...(f.status === undefined ? {} : { status: f.status }),
          ...(f.cause === undefined ? {} : { cause: f.cause }),
        }),
    });
    this.prompts = new PromptCache({
      baseUrl: this.o.baseUrl,
      apiKey: this.o.apiKey,
      fetch: this.o.fetch,
      timeoutMs: this.o.timeoutMs,
      report: (message, status, cause) =>
        this.report({
          code: 'PROMPT_FETCH_FAILED',
          message,
          ...(status === undefined ? {} : { status }),
          ...(cause === undefined ? {} : { cause }),
        }),
    });
    this.experiments = new ExperimentCache({
      baseUrl: this.o.baseUrl,
      apiKey: this.o.apiKey,
      fetch: this.o.fetch,
      timeoutMs: this.o.timeoutMs,
      cacheMs: this.o.experimentCacheMs,
      now: Date.now,
      report: (message, status, cause) =>
        this.report({
          code: 'EXPERIMENT_FETCH_FAILED',
          message,
          ...(status === undefined ? {} : { status }),
          ...(cause === undefined ? {} : { cause }),
        }),
    });
    this.timer = setInterval(() => this.tick(), this.o.flushIntervalMs);
    this.timer.unref(); // the timer alone must never keep the host process alive
    if (this.o.flushOnExit) {
      this.exitHook = () => this.onBeforeExit();
      process.on('beforeExit', this.exitHook);
    }
  }

  /** onError replaces the error handler; the handler is always called inside try/catch. */
  set onError(handler: ErrorHandler) {
    if (typeof handler === 'function') this.handler = handler;
  }

  /** stats returns a snapshot of the counters. */
  get stats(): VigilClientStats {
    return { ...this.c, buffered: this.ring.size };
  }

  /** logPrediction buffers one prediction and returns its event id; it never throws. */
  logPrediction(input: PredictionInput): string {
    return this.record(input, (p, id, t) => toPredictionEvent(p, id, t, SDK_LIMITS.maxFeatures));
  }

  /** logLabel buffers the ground truth of an earlier prediction and returns its event id. */
  logLabel(input: LabelInput): string {
    return this.record(input, toLabelEvent);
  }

  /** logOutcome buffers a business outcome and returns its event id; it never throws. */
  logOutcome(input: OutcomeInput): string {
    return this.record(input, toOutcomeEvent);
  }

  /** logInfra buffers an infrastructure sample and returns its event id; it never throws. */
  logInfra(input: InfraInput): string {
    return this.record(input, toInfraEvent);
  }

  /**
   * resolveModel returns the version a reference (`churn@production`, `churn@3`, `churn`) points
   * at, cached for `resolveCacheMs`. It never rejects: an unknown reference resolves to undefined,
   * and when the server cannot be asked the last answer comes back with `stale: true` (or
   * undefined); every failure is reported to onError as RESOLVE_FAILED.
   */
  resolveModel(ref: string): Promise<ResolvedModel | undefined> {
    return this.resolver.resolve(ref);
  }

  /**
   * getPrompt returns prompt `name` at a label (default production) or version, cached (60 s
   * unless `cacheTtlMs`), served stale while it revalidates, and when the server cannot be reached
   * the last known version or the local fallback (`fallback`, `fallbackFile`); null when there is
   * nothing to return. It never rejects; failures go to onError as PROMPT_FETCH_FAILED.
   */
  getPrompt(name: string, options?: GetPromptOptions): Promise<Prompt | null> {
    return this.prompts.get(name, options);
  }

  /**
   * variantFor returns `unitId`'s variant in `experiment` (a canary's name), hashed with the
   * server's assignVariant from the config at GET /v1/experiments/:name (cached for
   * `experimentCacheMs`). Record it on the unit's events: `logPrediction({ ..., variant:
   * a.variant, modelVersion: a.modelVersion })`. It never rejects: unknown experiment or no
   * config reachable → null (failures go to onError as EXPERIMENT_FETCH_FAILED).
   */
  variantFor(experiment: string, unitId: string): Promise<VariantAssignment | null> {
    return this.experiments.variantFor(experiment, unitId);
  }

  /**
   * flush sends everything buffered when it was called (with retries) and resolves once each of
   * those events is acknowledged, rejected or given up on. It never rejects.
   */
  flush(): Promise<void> {
    try {
      this.reportDrops();
      const target = this.pushed;
      if (this.completed >= target || (this.ring.size === 0 && !this.draining)) {
        return Promise.resolve();
      }
      this.kick();
      return new Promise((resolve) => this.waiters.push({ target, resolve }));
    } catch (e) {
      this.report({ code: 'SEND_FAILED', message: `flush failed: ${String(e)}`, cause: e });
      return Promise.resolve();
    }
  }

  /** close flushes, stops the timer and the exit hook; later events are dropped. Never rejects. */
  close(): Promise<void> {
    if (this.closing === undefined) {
      clearInterval(this.timer);
      if (this.exitHook !== undefined) process.off('beforeExit', this.exitHook);
      this.holdOpen = true;
      this.sleeping?.ref();
      this.closing = this.flush();
    }
    return this.closing;
  }

  private record<T extends { id?: string; time?: TimeInput }>(
    input: T,
    convert: Convert<T>,
  ): string {
    let id = '';
    try {
      if (typeof input !== 'object' || input === null) {
        this.invalid(id, 'event', 'expected an object');
        return randomUUID();
      }
      id = input.id === undefined ? randomUUID() : String(input.id);
      if (this.closing !== undefined) {
        this.c.dropped++;
        this.report({
          code: 'CLIENT_CLOSED',
          message: `event ${id} logged after close()`,
          eventIds: [id],
        });
        return id;
      }
      const badId = checkId(input.id ?? id);
      if (badId !== null) return this.invalid(id, 'id', badId);
      const time =
        input.time === undefined ? { ok: true as const, ms: Date.now() } : checkTime(input.time);
      if (!time.ok) return this.invalid(id, 'time', time.reason);
      const r = convert(input, id, time.ms);
      if (!r.ok) return this.invalid(id, r.issue.field, r.issue.reason);
      this.c.queued++;
      this.pushed++;
      if (this.ring.push(r.event) !== undefined) {
        this.c.dropped++;
        this.dropsToReport++;
      }
      if (this.ring.size >= this.o.batchSize && !this.draining && !this.kickQueued) {
        // Send after the caller's synchronous work, not inside its call.
        this.kickQueued = true;
        queueMicrotask(() => {
          this.kickQueued = false;
          this.kick();
        });
      }
    } catch (e) {
      this.invalid(id, 'event', `could not be read: ${String(e)}`);
    }
    return id;
  }

  private invalid(id: string, field: string, reason: string): string {
    this.c.invalid++;
    this.report({
      code: 'INVALID_EVENT',
      message: `event ${id || '(no id)'} not sent: ${field}: ${reason}`,
      eventIds: id ? [id] : [],
      count: 1,
      issues: [{ field, reason }],
    });
    return id;
  }

  private report(init: VigilSdkErrorInit): void {
    try {
      safeReport(this.handler, new VigilSdkError(init));
    } catch {
      // safeReport already shields the handler; this guards building the error itself.
    }
  }

  private reportDrops(): void {
    if (this.dropsToReport === 0) return;
    const n = this.dropsToReport;
    this.dropsToReport = 0;
    this.report({
      code: 'BUFFER_FULL',
      message: `${n} oldest events dropped: the buffer holds at most ${this.o.maxBufferEvents} events (${this.c.dropped} dropped in total)`,
      count: n,
    });
  }

  private tick(): void {
    try {
      this.reportDrops();
      this.kick();
    } catch {
      // kick and reportDrops do not throw; a timer callback must not crash the host regardless.
    }
  }

  private onBeforeExit(): void {
    // Only act when work is left: beforeExit fires again after our flush, and must then end.
    if (this.ring.size === 0 && !this.draining) return;
    this.holdOpen = true;
    this.sleeping?.ref();
    void this.flush();
  }

  private kick(): void {
    if (this.draining || this.ring.size === 0) return;
    this.draining = true;
    void this.drain();
  }

  private async drain(): Promise<void> {
    try {
      while (this.ring.size > 0) {
        const batch = this.ring.take(this.o.batchSize);
        const end = this.pushed - this.ring.size;
        try {
          await this.sendBatch(batch);
        } catch (e) {
          this.c.failed += batch.length;
          this.report({
            code: 'SEND_FAILED',
            message: `sending failed: ${String(e)}`,
            count: batch.length,
            cause: e,
          });
        }
        this.completed = end;
        this.settleWaiters();
      }
    } finally {
      this.draining = false;
      this.completed = this.pushed - this.ring.size;
      this.settleWaiters();
    }
  }

  private settleWaiters(): void {
    if (this.waiters.length === 0) return;
    const still: typeof this.waiters = [];
    for (const w of this.waiters) {
      if (w.target <= this.completed) w.resolve();
      else still.push(w);
    }
    this.waiters = still;
  }

  private async sendBatch(events: WireEvent[]): Promise<void> {
    const json = JSON.stringify({ events });
    if (Buffer.byteLength(json) > SDK_LIMITS.maxBodyBytes && events.length > 1) {
      return this.sendHalves(events);
    }
    const body = this.o.gzip ? await gzipAsync(json, { level: constants.Z_BEST_SPEED }) : json;
    for (let attempt = 0; ; attempt++) {
      const out = await attemptIngest({
        fetch: this.o.fetch,
        url: this.o.ingestUrl,
        apiKey: this.o.apiKey,
        body,
        gzip: this.o.gzip,
        timeoutMs: this.o.timeoutMs,
      });
      if (out.kind === 'done') return this.settleResults(events, out.results);
      if (out.kind === 'too-large' && events.length > 1) return this.sendHalves(events);
      if (out.kind !== 'retry' || attempt >= this.o.maxRetries)
        return this.giveUp(events, out, attempt);
      this.c.retried++;
      const wait =
        out.retryAfterMs !== undefined
          ? Math.min(out.retryAfterMs, this.o.retryMaxMs)
          : backoffDelayMs(attempt, {
              baseMs: this.o.retryBaseMs,
              maxMs: this.o.retryMaxMs,
              random: this.o.random,
            });
      await this.sleep(wait);
    }
  }

  private async sendHalves(events: WireEvent[]): Promise<void> {
    const mid = events.length >>> 1;
    await this.sendBatch(events.slice(0, mid));
    await this.sendBatch(events.slice(mid));
  }

  private giveUp(
    events: WireEvent[],
    out: Exclude<AttemptOutcome, { kind: 'done' }>,
    attempt: number,
  ): void {
    this.c.failed += events.length;
    const tries = attempt + 1;
    this.report({
      code: 'SEND_FAILED',
      message: `${events.length} events not delivered after ${tries} attempt${tries > 1 ? 's' : ''}: ${out.reason}`,
      eventIds: events.map((e) => e.event_id),
      ...(out.kind === 'retry' ? { cause: out.cause } : {}),
      ...(out.status === undefined ? {} : { status: out.status }),
    });
  }

  private settleResults(events: WireEvent[], results: readonly ItemReply[] | undefined): void {
    if (results === undefined) {
      this.c.sent += events.length; // a 200 without a readable body still means stored
      return;
    }
    for (const r of results) {
      if (r.status === 'accepted') this.c.sent++;
      else if (r.status === 'duplicate') {
        this.c.sent++;
        this.c.duplicates++;
      } else {
        this.c.rejected++;
        const id = r.event_id ?? events[r.index]?.event_id ?? '';
        const issues = Array.isArray(r.errors) ? r.errors : [];
        const why = issues.map((i) => `${i.field}: ${i.reason}`).join('; ');
        this.report({
          code: 'REJECTED',
          message: `event ${id} rejected by the server: ${why || 'no reason given'}`,
          eventIds: id ? [id] : [],
          count: 1,
          issues,
        });
      }
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.sleeping = undefined;
        resolve();
      }, ms);
      // While running normally a pending retry must not keep the host alive; once the process
      // is exiting (beforeExit) or the client closing, it must, or the batch would be lost.
      if (!this.holdOpen) t.unref();
      this.sleeping = t;
    });
  }
}
