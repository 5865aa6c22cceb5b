// The OpenAI-compatible gateway: authenticate (done by the route), apply the service's model pin,
// serve a prompt canary's variant (hash of the call's unit), refuse calls over a blocking budget
// (429), forward to the upstream serving the model, relay the answer (JSON or SSE stream) and hand
// the finished call to the recorder. Every failure answers
// with an OpenAI-style error body, so the official clients raise their usual errors.
import { randomUUID } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import type { KeyIdentity, Store } from '@vigil/store';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type BudgetDecision, checkBudgets } from '../llm/budgets.js';
import { type Logger, NOOP_LOGGER } from '../logger.js';
import {
  DEFAULT_UPSTREAM_TIMEOUT_MS,
  type GatewayConfig,
  type GatewayUpstream,
  upstreamMatcher,
} from './config.js';
import { lookupsFor } from './lookups.js';
import { resolvePin } from './model-names.js';
import { type ActivePromptCanary, assignPromptCall } from './prompt-canary.js';
import type { CallRecorder, GatewayCall } from './recorder.js';
import { SseSplitter } from './sse.js';
import { createUpstreamClient, UpstreamFailure, type UpstreamResponse } from './upstream.js';

/** GatewayOperation is the endpoint called. */
export type GatewayOperation = 'chat' | 'embeddings';

/** Gateway serves the OpenAI-compatible endpoints. */
export interface Gateway {
  handle(
    operation: GatewayOperation,
    ctx: { request: FastifyRequest; reply: FastifyReply; identity: KeyIdentity; body: unknown },
  ): Promise<unknown>;
  /** forgetBudgetDecisions drops cached budget decisions of a project (its spend just changed). */
  forgetBudgetDecisions(projectId: string): void;
  /** flush writes every call recorded so far (tests, drains). */
  flush(): Promise<void>;
  /** close drains the recorder and closes upstream connections (after the HTTP server closed). */
  close(): Promise<void>;
}

/** GatewayDeps are the gateway's collaborators. */
export interface GatewayDeps {
  readonly store: Store;
  readonly config: GatewayConfig;
  readonly recorder: CallRecorder;
  readonly logger?: Logger;
  /** Clock in epoch ms for recorded times and budget periods; default Date.now. */
  readonly now?: () => number;
}

/** OpenAiErrorBody is the error shape of the OpenAI API. */
export interface OpenAiErrorBody {
  readonly error: { message: string; type: string; param: string | null; code: string | null };
}

/** openAiError builds an OpenAI-style error body. */
export function openAiError(
  message: string,
  type: string,
  code: string | null,
  param: string | null = null,
): OpenAiErrorBody {
  return { error: { message, type, param, code } };
}

const PATHS: Record<GatewayOperation, string> = {
  chat: '/chat/completions',
  embeddings: '/embeddings',
};

// randomUUID draws from a cached entropy pool: far cheaper per call than randomBytes.
const traceIdOf = () => randomUUID().replaceAll('-', '');
const spanIdOf = () => randomUUID().replaceAll('-', '').slice(0, 16);

/**
 * BUDGET_DECISION_TTL_MS is how long a budget decision is reused for the same project, service,
 * user and model. Spend is recorded in batches anyway; this keeps the two budget queries off
 * almost every call while a budget that runs out still blocks within about a second.
 */
export const BUDGET_DECISION_TTL_MS = 1000;

function header(request: FastifyRequest, name: string): string | null {
  const v = request.headers[name];
  const s = Array.isArray(v) ? v[0] : v;
  return s === undefined || s === '' ? null : s.slice(0, 256);
}

// A caller's trace id joins the call to its trace; one the store cannot keep is replaced.
function traceIdHeader(request: FastifyRequest): string | null {
  const v = header(request, 'x-vigil-trace-id');
  return v !== null && /^[\x21-\x7e]{1,128}$/.test(v) ? v : null;
}

// `name@label` or `name@3` → name (a name without `@` follows `production`).
function promptNameOf(ref: string): string | null {
  const at = ref.lastIndexOf('@');
  const name = at < 0 ? ref : ref.slice(0, at);
  return name === '' ? null : name.slice(0, 128);
}

function upstreamMessage(buf: Buffer): string {
  try {
    const j = JSON.parse(buf.toString('utf8')) as { error?: { message?: unknown } | string };
    const m = typeof j.error === 'string' ? j.error : j.error?.message;
    if (typeof m === 'string') return m.slice(0, 500);
  } catch {
    // not JSON: fall through to the raw text
  }
  return buf.toString('utf8').slice(0, 200);
}

/** createGateway builds the gateway over `deps`. */
export function createGateway(deps: GatewayDeps): Gateway {
  const { store, recorder } = deps;
  const logger = deps.logger ?? NOOP_LOGGER;
  const now = deps.now ?? Date.now;
  const match = upstreamMatcher(deps.config);
  const client = createUpstreamClient();
  const lookups = lookupsFor(store);
  const defaultTimeout = deps.config.timeoutMs ?? DEFAULT_UPSTREAM_TIMEOUT_MS;
  const decisions = new Map<string, { at: number; decision: Promise<BudgetDecision> }>();

  function budgetDecision(
    projectId: string,
    scope: { service: string; user: string | null; model: string },
    at: number,
  ): Promise<BudgetDecision> {
    const key = `${projectId}\u0000${scope.service}\u0000${scope.user ?? ''}\u0000${scope.model}`;
    const hit = decisions.get(key);
    if (hit !== undefined && at - hit.at < BUDGET_DECISION_TTL_MS && at >= hit.at)
      return hit.decision;
    if (decisions.size >= 10_000) decisions.clear();
    const decision = checkBudgets(store, projectId, scope, at);
    decisions.set(key, { at, decision });
    decision.catch(() => decisions.delete(key));
    return decision;
  }

  async function handle(
    operation: GatewayOperation,
    ctx: { request: FastifyRequest; reply: FastifyReply; identity: KeyIdentity; body: unknown },
  ): Promise<unknown> {
    const { request, reply, identity } = ctx;
    const startMs = now();
    const t0 = performance.now();
    const fail = (status: number, body: OpenAiErrorBody) => reply.status(status).send(body);

    const body = ctx.body as Record<string, unknown> | null;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      return fail(
        400,
        openAiError('request body must be a JSON object', 'invalid_request_error', null),
      );
    }
    if (typeof body.model !== 'string' || body.model === '') {
      return fail(
        400,
        openAiError(
          '"model" is required: a model name',
          'invalid_request_error',
          'missing_required_parameter',
          'model',
        ),
      );
    }
    if (operation === 'chat' && !Array.isArray(body.messages)) {
      return fail(
        400,
        openAiError(
          '"messages" is required: an array of messages',
          'invalid_request_error',
          'missing_required_parameter',
          'messages',
        ),
      );
    }
    if (operation === 'embeddings' && body.input === undefined) {
      return fail(
        400,
        openAiError(
          '"input" is required',
          'invalid_request_error',
          'missing_required_parameter',
          'input',
        ),
      );
    }
    const stream = operation === 'chat' && body.stream === true;
    const service = header(request, 'x-vigil-service') ?? 'default';
    const user =
      header(request, 'x-vigil-user') ?? (typeof body.user === 'string' ? body.user : null);
    const promptRef = header(request, 'x-vigil-prompt');
    const requestedModel = body.model;

    const [pins, labelVersion, promptCanary] = await Promise.all([
      lookups.pins(identity.projectId),
      promptRef === null ? null : resolvePrompt(identity.projectId, promptRef),
      promptRef === null || operation !== 'chat'
        ? null
        : promptCanaryOf(identity.projectId, promptRef),
    ]);
    const pin = resolvePin(pins, service, requestedModel);
    const spanId = spanIdOf();
    // The unit hashed into a variant: the OpenAI `user`, else x-vigil-unit, else the call itself.
    const assignment =
      promptCanary === null
        ? null
        : assignPromptCall(
            promptCanary,
            (typeof body.user === 'string' && body.user !== '' ? body.user : null) ??
              header(request, 'x-vigil-unit') ??
              spanId,
            body.messages as unknown[],
          );
    const promptVersion = assignment?.version ?? labelVersion;
    const sent = assignment === null ? body : { ...body, messages: assignment.messages };
    const base: Omit<
      GatewayCall,
      'endMs' | 'status' | 'error' | 'blocked' | 'ttftMs' | 'provider'
    > = {
      projectId: identity.projectId,
      keyId: identity.keyId,
      operation,
      startMs,
      traceId: traceIdHeader(request) ?? traceIdOf(),
      spanId,
      parentSpanId: header(request, 'x-vigil-parent-span-id'),
      service,
      user,
      session: header(request, 'x-vigil-session'),
      requestedModel,
      model: pin.model,
      pinned: pin.pin !== null,
      unpinnedAlias: pin.unpinnedAlias,
      promptName: promptRef === null ? null : promptNameOf(promptRef),
      promptRef,
      promptVersion,
      request: sent,
      stream,
      variant: assignment?.variant ?? null,
      canary: assignment?.canary ?? null,
    };
    const done = (
      status: number,
      rest: Partial<
        Pick<GatewayCall, 'responseBody' | 'streamed' | 'error' | 'blocked' | 'ttftMs'>
      >,
      upstream: GatewayUpstream | null,
    ) =>
      recorder.record({
        ...base,
        endMs: startMs + Math.round(performance.now() - t0),
        status,
        provider: upstream?.name ?? null,
        error: rest.error ?? null,
        blocked: rest.blocked ?? false,
        ttftMs: rest.ttftMs ?? null,
        ...(rest.responseBody === undefined ? {} : { responseBody: rest.responseBody }),
        ...(rest.streamed === undefined ? {} : { streamed: rest.streamed }),
      });
    reply.header('x-vigil-model', pin.model);
    if (assignment !== null) reply.header('x-vigil-variant', assignment.variant);

    const upstream = match(pin.model);
    if (upstream === null) {
      const message = `no upstream is configured for model "${pin.model}"`;
      done(404, { error: message }, null);
      return fail(404, openAiError(message, 'invalid_request_error', 'model_not_found', 'model'));
    }
    const decision = await budgetDecision(
      identity.projectId,
      { service, user, model: pin.model },
      startMs,
    );
    if (!decision.allowed) {
      const message = `${decision.reason ?? 'budget exhausted'}; call refused by the Vigil gateway`;
      done(429, { error: message, blocked: true }, upstream);
      // x-should-retry: the official clients would otherwise retry a 429 that cannot succeed.
      reply.header('x-should-retry', 'false');
      return fail(429, openAiError(message, 'insufficient_quota', 'budget_exceeded'));
    }

    const forwarded: Record<string, unknown> = { ...sent, model: pin.model };
    if (stream) {
      // Ask for usage in the final chunk, so streamed calls are priced from the provider's counts.
      const so = (body.stream_options ?? {}) as Record<string, unknown>;
      forwarded.stream_options = { ...so, include_usage: true };
    }
    const timeoutMs = upstream.timeoutMs ?? defaultTimeout;
    const abort = new AbortController();
    const onClose = () => {
      if (!reply.raw.writableFinished) abort.abort();
    };
    reply.raw.once('close', onClose);
    let res: UpstreamResponse;
    try {
      res = await client.post(
        `${upstream.baseUrl}${PATHS[operation]}`,
        Buffer.from(JSON.stringify(forwarded)),
        {
          ...(upstream.apiKey === undefined ? {} : { apiKey: upstream.apiKey }),
          timeoutMs,
          abort: abort.signal,
        },
      );
    } catch (e) {
      return upstreamFailed(e, upstream);
    }

    if (res.status !== 200 || !stream || !res.contentType.includes('text/event-stream')) {
      let buf: Buffer;
      try {
        buf = await client.readAll(res, timeoutMs);
      } catch (e) {
        return upstreamFailed(e, upstream);
      }
      if (res.status >= 500) {
        const message = `upstream ${upstream.name} failed with HTTP ${res.status}: ${upstreamMessage(buf)}`;
        done(502, { error: message }, upstream);
        return fail(502, openAiError(message, 'upstream_error', 'upstream_error'));
      }
      if (res.status >= 400) {
        // The upstream's own 4xx (bad parameter, unknown model…) is the caller's to see as is.
        done(
          res.status,
          { error: `upstream HTTP ${res.status}: ${upstreamMessage(buf)}` },
          upstream,
        );
        return reply
          .status(res.status)
          .type(res.contentType || 'application/json')
          .send(buf);
      }
      done(res.status, { responseBody: buf }, upstream);
      return reply
        .status(res.status)
        .type(res.contentType || 'application/json')
        .send(buf);
    }
    return relayStream(res, upstream, timeoutMs);

    function upstreamFailed(e: unknown, up: GatewayUpstream) {
      const f = e instanceof UpstreamFailure ? e : new UpstreamFailure('network', String(e));
      const status = f.kind === 'timeout' ? 504 : 502;
      done(status, { error: f.message }, up);
      if (reply.raw.destroyed) return reply;
      return fail(
        status,
        openAiError(
          f.message,
          f.kind === 'timeout' ? 'upstream_timeout' : 'upstream_error',
          f.kind === 'timeout' ? 'upstream_timeout' : 'upstream_unreachable',
        ),
      );
    }

    function relayStream(res: UpstreamResponse, up: GatewayUpstream, idleMs: number) {
      const out = new PassThrough();
      const sse = new SseSplitter();
      const decoder = new StringDecoder('utf8');
      const acc = {
        text: '',
        model: null as string | null,
        usage: null as unknown,
        finishReason: null as string | null,
      };
      let ttftMs: number | null = null;
      let finished = false;
      let timer = setTimeout(onIdle, idleMs);
      const finish = (error: string | null) => {
        if (finished) return;
        finished = true;
        clearTimeout(timer);
        done(200, { streamed: acc, error, ttftMs }, up);
      };
      function onIdle() {
        const message = `upstream ${up.name} stopped sending for ${idleMs} ms`;
        // Headers are gone: the error travels as a final SSE event the clients raise as an error.
        out.end(
          `data: ${JSON.stringify(openAiError(message, 'upstream_timeout', 'upstream_timeout'))}\n\n`,
        );
        res.body.destroy();
        finish(message);
      }
      res.body.on('data', (chunk: Buffer) => {
        clearTimeout(timer);
        timer = setTimeout(onIdle, idleMs);
        if (ttftMs === null) ttftMs = Math.round(performance.now() - t0);
        out.write(chunk);
        for (const data of sse.push(decoder.write(chunk))) accumulate(data);
      });
      res.body.on('end', () => {
        out.end();
        finish(null);
      });
      res.body.on('error', (e) => {
        out.end(
          `data: ${JSON.stringify(openAiError(`upstream ${up.name} stream failed: ${e.message}`, 'upstream_error', 'upstream_error'))}\n\n`,
        );
        finish(`upstream stream failed: ${e.message}`);
      });
      reply.raw.once('close', () => {
        if (!finished && !reply.raw.writableFinished) {
          res.body.destroy();
          finish('client closed the stream');
        }
      });
      function accumulate(data: string) {
        if (data === '[DONE]') return;
        let j: {
          model?: unknown;
          usage?: unknown;
          choices?: Array<{ delta?: { content?: unknown }; finish_reason?: unknown }>;
        };
        try {
          j = JSON.parse(data);
        } catch {
          return;
        }
        if (typeof j.model === 'string') acc.model = j.model;
        if (j.usage !== undefined && j.usage !== null) acc.usage = j.usage;
        for (const c of j.choices ?? []) {
          if (typeof c.delta?.content === 'string') acc.text += c.delta.content;
          if (typeof c.finish_reason === 'string') acc.finishReason = c.finish_reason;
        }
      }
      return reply
        .status(200)
        .header('content-type', 'text/event-stream; charset=utf-8')
        .header('cache-control', 'no-cache')
        .send(out);
    }
  }

  // The running canary of the label a `name@label` ref names (none for `name@3`); a failed lookup
  // serves the label as if there were none.
  async function promptCanaryOf(
    projectId: string,
    ref: string,
  ): Promise<ActivePromptCanary | null> {
    const at = ref.lastIndexOf('@');
    const name = promptNameOf(ref);
    const label = at < 0 ? 'production' : ref.slice(at + 1);
    if (name === null || label === '' || /^\d+$/.test(label)) return null;
    try {
      return (await lookups.promptCanaries(projectId)).get(`${name}\u0000${label}`) ?? null;
    } catch (e) {
      logger.warn('prompt canary lookup failed', {
        project: projectId,
        ref,
        error: (e as Error).message,
      });
      return null;
    }
  }

  async function resolvePrompt(projectId: string, ref: string): Promise<number | null> {
    const at = ref.lastIndexOf('@');
    const name = promptNameOf(ref);
    const label = at < 0 ? 'production' : ref.slice(at + 1);
    if (name === null || label === '') return null;
    try {
      return await lookups.promptVersion(projectId, name, label);
    } catch (e) {
      logger.warn('prompt label lookup failed', {
        project: projectId,
        ref,
        error: (e as Error).message,
      });
      return null;
    }
  }

  return {
    handle,
    flush: () => recorder.flush(),
    forgetBudgetDecisions(projectId) {
      for (const k of decisions.keys()) if (k.startsWith(`${projectId}\u0000`)) decisions.delete(k);
    },
    async close() {
      await recorder.close();
      client.close();
    },
  };
}
