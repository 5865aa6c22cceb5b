// Recording gateway calls off the hot path: a call is queued in memory as it ends (answers are
// parsed here, not while the client waits) and a background flush writes batches per project
// through the generations recorder, plus the per-model call counts. close() drains the queue, so
// every call the gateway answered before shutdown is stored.
import type { ModelUsageIncrement, Store } from '@vigil/store';
import type { GenerationInput } from '../llm/record.js';
import { type Logger, NOOP_LOGGER } from '../logger.js';

/** GatewayCall is one finished call as the hot path hands it over (raw, unparsed answer). */
export interface GatewayCall {
  readonly projectId: string;
  readonly keyId: string;
  readonly operation: 'chat' | 'embeddings';
  readonly startMs: number;
  readonly endMs: number;
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId: string | null;
  readonly service: string;
  readonly user: string | null;
  readonly session: string | null;
  /** The model name the caller sent. */
  readonly requestedModel: string;
  /** The model sent upstream (after a pin). */
  readonly model: string;
  readonly pinned: boolean;
  readonly unpinnedAlias: boolean;
  readonly provider: string | null;
  readonly promptName: string | null;
  readonly promptRef: string | null;
  readonly promptVersion: number | null;
  /** The prompt canary's variant that served the call (absent or null outside a canary). */
  readonly variant?: string | null;
  /** The prompt canary the call was assigned in. */
  readonly canary?: string | null;
  /** The request body as sent upstream, model aside (messages or input are recorded from it). */
  readonly request: Record<string, unknown>;
  readonly stream: boolean;
  /** HTTP status the gateway answered with. */
  readonly status: number;
  /** Upstream JSON answer (non-streamed), parsed at flush time. */
  readonly responseBody?: Buffer;
  /** Streamed answer, accumulated: text, served model, usage from the final chunk. */
  readonly streamed?: {
    text: string;
    model: string | null;
    usage: unknown;
    finishReason: string | null;
  };
  readonly error: string | null;
  readonly blocked: boolean;
  readonly ttftMs: number | null;
}

/** GenerationSink stores one project's batch (the generations recorder, budgets included). */
export type GenerationSink = (
  projectId: string,
  items: readonly GenerationInput[],
) => Promise<unknown>;

/** CallRecorder queues calls and writes them in batches. */
export interface CallRecorder {
  /** record queues one call; it never throws and never waits. */
  record(call: GatewayCall): void;
  /** flush writes everything queued now; resolves when written (or failed and re-queued). */
  flush(): Promise<void>;
  /** close stops the timer and drains the queue (retrying a failing store a few times). */
  close(): Promise<void>;
  /** pending is the number of queued calls. */
  readonly pending: number;
}

/** CallRecorderOptions set the sink, batch size and cadence. */
export interface CallRecorderOptions {
  readonly store: Store;
  readonly sink: GenerationSink;
  readonly logger?: Logger;
  /** Calls per write; default 500. */
  readonly batchSize?: number;
  /** How often queued calls are written, ms; default 100. */
  readonly flushMs?: number;
  /** Queue bound; past it the oldest calls are dropped (and logged); default 100 000. */
  readonly maxQueue?: number;
  /** Called after a project's batch is stored (its budget spend changed). */
  readonly onWritten?: (projectId: string) => void;
}

function parseJson(b: Buffer | undefined): Record<string, unknown> | null {
  if (b === undefined || b.length === 0) return null;
  try {
    const v: unknown = JSON.parse(b.toString('utf8'));
    return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function tokensOf(usage: unknown): GenerationInput['tokens'] | undefined {
  if (typeof usage !== 'object' || usage === null) return undefined;
  const u = usage as Record<string, unknown>;
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
  const input = num(u.prompt_tokens);
  if (input === undefined) return undefined;
  const pd = u.prompt_tokens_details as Record<string, unknown> | undefined;
  const cd = u.completion_tokens_details as Record<string, unknown> | undefined;
  const cached = num(pd?.cached_tokens);
  const reasoning = num(cd?.reasoning_tokens);
  return {
    input,
    output: num(u.completion_tokens) ?? 0,
    ...(cached === undefined ? {} : { cachedInput: cached }),
    ...(reasoning === undefined ? {} : { reasoning }),
  };
}

/** callToGeneration turns a finished call into the recorder's input (parsing the answer now). */
export function callToGeneration(c: GatewayCall): GenerationInput {
  const flags: string[] = [];
  if (c.unpinnedAlias) flags.push('unpinned_alias');
  if (c.blocked) flags.push('budget_blocked');
  const attributes: Record<string, unknown> = {
    'vigil.gateway': true,
    'vigil.requested_model': c.requestedModel,
    'vigil.pinned': c.pinned,
    'vigil.stream': c.stream,
    'http.status_code': c.status,
  };
  if (c.promptRef !== null) attributes['vigil.prompt_ref'] = c.promptRef;
  if (c.canary !== undefined && c.canary !== null) attributes['vigil.canary'] = c.canary;
  if (c.ttftMs !== null) attributes['vigil.ttft_ms'] = c.ttftMs;
  const input = c.operation === 'chat' ? (c.request.messages ?? null) : (c.request.input ?? null);
  let output: unknown = null;
  let served: string | null = null;
  let tokens: GenerationInput['tokens'] | undefined;
  if (c.streamed !== undefined) {
    output = [{ role: 'assistant', content: c.streamed.text }];
    served = c.streamed.model;
    tokens = tokensOf(c.streamed.usage);
    if (c.streamed.finishReason !== null)
      attributes['gen_ai.response.finish_reasons'] = [c.streamed.finishReason];
  } else if (c.error === null) {
    const body = parseJson(c.responseBody);
    served = typeof body?.model === 'string' ? body.model : null;
    tokens = tokensOf(body?.usage);
    if (c.operation === 'chat' && Array.isArray(body?.choices)) {
      output = (body.choices as Array<{ message?: unknown }>).map((ch) => ch.message ?? null);
    } else if (c.operation === 'embeddings' && Array.isArray(body?.data)) {
      const first = (body.data as Array<{ embedding?: unknown }>)[0]?.embedding;
      attributes['vigil.embeddings'] = (body.data as unknown[]).length;
      if (Array.isArray(first)) attributes['vigil.dimensions'] = first.length;
    }
  }
  const failedBeforeAnswer = c.error !== null && c.streamed === undefined;
  return {
    traceId: c.traceId,
    spanId: c.spanId,
    parentSpanId: c.parentSpanId,
    name: `${c.operation} ${c.model}`,
    operation: c.operation,
    startMs: c.startMs,
    endMs: c.endMs,
    modelRequested: c.model,
    modelServed: served,
    provider: c.provider,
    promptName: c.promptName,
    promptVersion: c.promptVersion,
    input,
    output,
    // A call refused or failed before the provider answered costs nothing.
    ...(failedBeforeAnswer
      ? { tokens: { input: 0, output: 0 }, costUsd: 0 }
      : tokens === undefined
        ? {}
        : { tokens }),
    status: c.error === null ? 'ok' : 'error',
    error: c.error,
    user: c.user,
    session: c.session,
    service: c.service,
    apiKeyId: c.keyId,
    variant: c.variant ?? null,
    flags,
    attributes,
  };
}

/** createCallRecorder starts the background flush (its timer never keeps the process alive). */
export function createCallRecorder(options: CallRecorderOptions): CallRecorder {
  const logger = options.logger ?? NOOP_LOGGER;
  const batchSize = options.batchSize ?? 500;
  const flushMs = options.flushMs ?? 100;
  const maxQueue = options.maxQueue ?? 100_000;
  let queue: GatewayCall[] = [];
  let running: Promise<void> | null = null;
  let closed = false;

  async function writeBatch(batch: GatewayCall[]): Promise<void> {
    const byProject = new Map<string, GatewayCall[]>();
    for (const c of batch) {
      const l = byProject.get(c.projectId);
      if (l === undefined) byProject.set(c.projectId, [c]);
      else l.push(c);
    }
    const failed: GatewayCall[] = [];
    for (const [projectId, calls] of byProject) {
      let stored = calls;
      try {
        // Idempotent by (traceId, spanId): a retried batch never counts a call twice.
        await options.sink(projectId, calls.map(callToGeneration));
      } catch (e) {
        if ((e as { code?: unknown }).code === 'INVALID_ARGUMENT') {
          // One bad record must not hold the batch back forever: write the calls one by one and
          // drop (and log) only those the store refuses; transient failures are retried.
          const one = await writeOneByOne(projectId, calls);
          failed.push(...one.retry);
          stored = one.stored;
        } else {
          logger.error('gateway recording failed; will retry', {
            project: projectId,
            calls: calls.length,
            error: (e as Error).message,
          });
          failed.push(...calls);
          continue;
        }
      }
      options.onWritten?.(projectId);
      const usage: ModelUsageIncrement[] = stored
        .filter((c) => !c.blocked)
        .map((c) => ({
          model: c.model,
          timeMs: c.startMs,
          calls: 1,
          unpinnedCalls: c.unpinnedAlias ? 1 : 0,
        }));
      try {
        await options.store.prompts.addModelUsage(projectId, usage);
      } catch (e) {
        // Counts are advisory (deprecation alerts, unpinned share); the generations are stored.
        logger.warn('gateway model usage not counted', {
          project: projectId,
          error: (e as Error).message,
        });
      }
    }
    if (failed.length > 0) queue = [...failed, ...queue];
  }

  async function writeOneByOne(
    projectId: string,
    calls: GatewayCall[],
  ): Promise<{ stored: GatewayCall[]; retry: GatewayCall[] }> {
    const stored: GatewayCall[] = [];
    const retry: GatewayCall[] = [];
    for (const c of calls) {
      try {
        await options.sink(projectId, [callToGeneration(c)]);
        stored.push(c);
      } catch (e) {
        if ((e as { code?: unknown }).code === 'INVALID_ARGUMENT') {
          logger.error('gateway call not recordable: dropped', {
            project: projectId,
            trace: c.traceId,
            error: (e as Error).message,
          });
        } else retry.push(c);
      }
    }
    return { stored, retry };
  }

  async function drainOnce(): Promise<void> {
    while (queue.length > 0) {
      const batch = queue.slice(0, batchSize);
      queue = queue.slice(batch.length);
      const before = queue.length;
      await writeBatch(batch);
      // A failed batch went back to the queue: stop and let the next tick retry.
      if (queue.length > before) return;
    }
  }

  function flush(): Promise<void> {
    if (running !== null)
      return running.then(() => (queue.length > 0 && !closed ? flush() : undefined));
    running = drainOnce().finally(() => {
      running = null;
    });
    return running;
  }

  const timer = setInterval(() => {
    if (queue.length > 0 && running === null) void flush();
  }, flushMs);
  timer.unref();

  return {
    record(call) {
      queue.push(call);
      if (queue.length > maxQueue) {
        const dropped = queue.splice(0, queue.length - maxQueue);
        logger.error('gateway recording queue full: oldest calls dropped', {
          dropped: dropped.length,
        });
      }
      if (queue.length >= batchSize && running === null) void flush();
    },
    flush,
    async close() {
      clearInterval(timer);
      for (let attempt = 0; attempt < 5 && (queue.length > 0 || running !== null); attempt++) {
        if (running !== null) await running;
        await flush();
        if (queue.length > 0) await new Promise((r) => setTimeout(r, 100 * (attempt + 1)));
      }
      closed = true;
      if (queue.length > 0) {
        logger.error('gateway calls not recorded at shutdown', { calls: queue.length });
      }
    },
    get pending() {
      return queue.length;
    },
  };
}
