// OTLP/HTTP trace ingest: decode an ExportTraceServiceRequest (protobuf with the hand-written
// descriptor, or OTLP/JSON: hex ids, camelCase, int64 as strings), check each span, and map the
// OpenTelemetry GenAI conventions onto generations. A span that cannot be stored is rejected on
// its own and counted in the partial-success answer; a body that is not OTLP at all is a 400.
import protobuf from 'protobufjs';
import { AppError } from '../errors.js';
import { OTLP_TRACE_DESCRIPTOR } from './otlp-descriptor.js';
import type { GenerationInput } from './record.js';

const root = protobuf.Root.fromJSON(OTLP_TRACE_DESCRIPTOR as unknown as protobuf.INamespace);
const RequestType = root.lookupType(
  'opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest',
);
const ResponseType = root.lookupType(
  'opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse',
);

/** MAX_OTLP_SPANS is the most spans one export request may carry. */
export const MAX_OTLP_SPANS = 20_000;

// The shape both encodings decode to (protobuf via toObject, JSON as sent).
interface AnyValueIn {
  stringValue?: unknown;
  boolValue?: unknown;
  intValue?: unknown;
  doubleValue?: unknown;
  arrayValue?: { values?: unknown };
  kvlistValue?: { values?: unknown };
  bytesValue?: unknown;
}
interface KeyValueIn {
  key?: unknown;
  value?: AnyValueIn | null;
}
interface EventIn {
  timeUnixNano?: unknown;
  name?: unknown;
  attributes?: unknown;
}
interface SpanIn {
  traceId?: unknown;
  spanId?: unknown;
  parentSpanId?: unknown;
  name?: unknown;
  kind?: unknown;
  startTimeUnixNano?: unknown;
  endTimeUnixNano?: unknown;
  attributes?: unknown;
  events?: unknown;
  status?: { code?: unknown; message?: unknown } | null;
}

/** OtlpSpan is one decoded span with its resource and scope, ids as lower-case hex. */
export interface OtlpSpan {
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId: string | null;
  readonly name: string;
  readonly kind: number;
  readonly startMs: number;
  readonly endMs: number;
  readonly attributes: Record<string, unknown>;
  readonly events: readonly { name: string; timeMs: number; attributes: Record<string, unknown> }[];
  readonly statusCode: number;
  readonly statusMessage: string;
  readonly resource: Record<string, unknown>;
  readonly scope: string;
}

/** OtlpDecoded is every span that decoded, and the reasons the others were rejected. */
export interface OtlpDecoded {
  readonly spans: OtlpSpan[];
  readonly rejected: { readonly index: number; readonly reason: string }[];
  readonly total: number;
}

const malformed = (message: string, cause?: unknown) =>
  new AppError({ code: 'BAD_REQUEST', message: `malformed OTLP request: ${message}`, cause });

const HEX_RE = /^[0-9a-fA-F]*$/;

const isEmptyId = (v: unknown): boolean =>
  v === undefined || v === null || v === '' || (v instanceof Uint8Array && v.length === 0);

function checkId(v: unknown, bytes: number, what: string): string {
  if (isEmptyId(v)) throw new Error(`${what} is missing`);
  let hex: string;
  if (v instanceof Uint8Array) hex = Buffer.from(v).toString('hex');
  else if (typeof v === 'string') hex = v.toLowerCase();
  else throw new Error(`${what} must be a hex string`);
  if (hex.length !== bytes * 2 || !HEX_RE.test(hex))
    throw new Error(`${what} must be ${bytes} bytes (${bytes * 2} hex characters)`);
  if (/^0+$/.test(hex)) throw new Error(`${what} must not be all zeros`);
  return hex;
}

function nanosToMs(v: unknown, what: string): number {
  let n: bigint;
  try {
    if (typeof v === 'string' && /^\d{1,20}$/.test(v)) n = BigInt(v);
    else if (typeof v === 'number' && Number.isInteger(v) && v >= 0) n = BigInt(v);
    else if (typeof v === 'object' && v !== null && 'low' in v && 'high' in v)
      n = BigInt(String(v));
    else throw new Error();
  } catch {
    throw new Error(`${what} must be an unsigned integer of nanoseconds`);
  }
  return Number(n / 1_000_000n);
}

/** anyValue converts an OTLP AnyValue to JSON: ints as numbers (strings past 2^53), bytes base64. */
export function anyValue(v: AnyValueIn | null | undefined, depth = 0): unknown {
  if (v === null || v === undefined || depth > 16) return null;
  if (v.stringValue !== undefined && v.stringValue !== null) return String(v.stringValue);
  if (v.boolValue !== undefined && v.boolValue !== null) return v.boolValue === true;
  if (v.intValue !== undefined && v.intValue !== null) {
    const s = String(v.intValue);
    const n = Number(s);
    return Number.isSafeInteger(n) ? n : s;
  }
  if (v.doubleValue !== undefined && v.doubleValue !== null) return Number(v.doubleValue);
  if (v.arrayValue !== undefined && v.arrayValue !== null) {
    const values = Array.isArray(v.arrayValue.values) ? v.arrayValue.values : [];
    return values.map((x) => anyValue(x as AnyValueIn, depth + 1));
  }
  if (v.kvlistValue !== undefined && v.kvlistValue !== null)
    return attributesOf(v.kvlistValue.values, depth + 1);
  if (v.bytesValue !== undefined && v.bytesValue !== null) {
    return v.bytesValue instanceof Uint8Array
      ? Buffer.from(v.bytesValue).toString('base64')
      : String(v.bytesValue);
  }
  return null;
}

/** attributesOf turns a list of OTLP KeyValues into a plain object (later keys win). */
export function attributesOf(list: unknown, depth = 0): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!Array.isArray(list)) return out;
  for (const kv of list as KeyValueIn[]) {
    if (kv === null || typeof kv !== 'object' || typeof kv.key !== 'string') continue;
    if (kv.key === '__proto__' || kv.key === 'constructor' || kv.key === 'prototype') continue;
    out[kv.key] = anyValue(kv.value, depth);
  }
  return out;
}

function decodeSpan(s: SpanIn, resource: Record<string, unknown>, scope: string): OtlpSpan {
  if (s === null || typeof s !== 'object') throw new Error('span must be an object');
  const traceId = checkId(s.traceId, 16, 'traceId');
  const spanId = checkId(s.spanId, 8, 'spanId');
  const parentSpanId = isEmptyId(s.parentSpanId)
    ? null
    : checkId(s.parentSpanId, 8, 'parentSpanId');
  const startMs = nanosToMs(s.startTimeUnixNano, 'startTimeUnixNano');
  const endMs = nanosToMs(s.endTimeUnixNano ?? s.startTimeUnixNano, 'endTimeUnixNano');
  if (endMs < startMs) throw new Error('endTimeUnixNano is before startTimeUnixNano');
  if (s.name !== undefined && typeof s.name !== 'string') throw new Error('name must be a string');
  const events = Array.isArray(s.events)
    ? (s.events as EventIn[]).map((e) => ({
        name: typeof e?.name === 'string' ? e.name : '',
        timeMs: e?.timeUnixNano === undefined ? startMs : nanosToMs(e.timeUnixNano, 'event time'),
        attributes: attributesOf(e?.attributes),
      }))
    : [];
  const code = Number(s.status?.code ?? 0);
  return {
    traceId,
    spanId,
    parentSpanId,
    name: typeof s.name === 'string' && s.name !== '' ? s.name : '(unnamed)',
    kind: Number(s.kind ?? 0) || 0,
    startMs,
    endMs,
    attributes: attributesOf(s.attributes),
    events,
    statusCode: Number.isInteger(code) ? code : 0,
    statusMessage: typeof s.status?.message === 'string' ? s.status.message : '',
    resource,
    scope,
  };
}

function walk(request: unknown): OtlpDecoded {
  if (request === null || typeof request !== 'object' || Array.isArray(request))
    throw malformed('body must be an ExportTraceServiceRequest object { "resourceSpans": [...] }');
  const rs = (request as { resourceSpans?: unknown }).resourceSpans;
  if (rs === undefined || rs === null) return { spans: [], rejected: [], total: 0 };
  if (!Array.isArray(rs)) throw malformed('resourceSpans must be an array');
  const spans: OtlpSpan[] = [];
  const rejected: { index: number; reason: string }[] = [];
  let index = 0;
  for (const [i, r] of rs.entries()) {
    if (r === null || typeof r !== 'object')
      throw malformed(`resourceSpans[${i}] must be an object`);
    const resource = attributesOf(
      (r as { resource?: { attributes?: unknown } }).resource?.attributes,
    );
    const ss = (r as { scopeSpans?: unknown }).scopeSpans ?? [];
    if (!Array.isArray(ss)) throw malformed(`resourceSpans[${i}].scopeSpans must be an array`);
    for (const [j, sc] of ss.entries()) {
      if (sc === null || typeof sc !== 'object')
        throw malformed(`resourceSpans[${i}].scopeSpans[${j}] must be an object`);
      const scopeName = (sc as { scope?: { name?: unknown } }).scope?.name;
      const list = (sc as { spans?: unknown }).spans ?? [];
      if (!Array.isArray(list))
        throw malformed(`resourceSpans[${i}].scopeSpans[${j}].spans must be an array`);
      for (const [k, s] of list.entries()) {
        if (index >= MAX_OTLP_SPANS)
          throw new AppError({
            code: 'PAYLOAD_TOO_LARGE',
            message: `too many spans in one export: at most ${MAX_OTLP_SPANS}`,
          });
        try {
          spans.push(
            decodeSpan(s as SpanIn, resource, typeof scopeName === 'string' ? scopeName : ''),
          );
        } catch (e) {
          rejected.push({
            index,
            reason: `resourceSpans[${i}].scopeSpans[${j}].spans[${k}]: ${(e as Error).message}`,
          });
        }
        index++;
      }
    }
  }
  return { spans, rejected, total: index };
}

/** decodeOtlpProtobuf decodes a binary ExportTraceServiceRequest; 400 when it is not one. */
export function decodeOtlpProtobuf(body: Uint8Array): OtlpDecoded {
  let message: protobuf.Message;
  try {
    message = RequestType.decode(body);
  } catch (e) {
    throw malformed(`not an ExportTraceServiceRequest protobuf (${(e as Error).message})`, e);
  }
  const object = RequestType.toObject(message, { longs: String, enums: Number });
  return walk(object);
}

/** decodeOtlpJson walks an OTLP/JSON ExportTraceServiceRequest; 400 when it is not one. */
export function decodeOtlpJson(body: unknown): OtlpDecoded {
  return walk(body);
}

/** encodeOtlpResponse encodes an ExportTraceServiceResponse (partial success when rejected > 0). */
export function encodeOtlpResponse(rejected: number, errorMessage: string): Uint8Array {
  const payload =
    rejected > 0 || errorMessage !== ''
      ? { partialSuccess: { rejectedSpans: rejected, errorMessage } }
      : {};
  return ResponseType.encode(ResponseType.fromObject(payload)).finish();
}

/** decodeOtlpResponse reads an ExportTraceServiceResponse (for tests and clients). */
export function decodeOtlpResponse(body: Uint8Array): {
  partialSuccess?: { rejectedSpans?: string; errorMessage?: string };
} {
  return ResponseType.toObject(ResponseType.decode(body), { longs: String });
}

/** encodeOtlpRequest encodes an OTLP/JSON-shaped request as protobuf (for the benchmark and tests). */
export function encodeOtlpRequest(request: unknown): Uint8Array {
  const message = RequestType.fromObject(request as Record<string, unknown>);
  return RequestType.encode(message).finish();
}

// --- GenAI semantic conventions -> generation ---

const first = (a: Record<string, unknown>, keys: readonly string[]): unknown => {
  for (const k of keys) if (a[k] !== undefined && a[k] !== null && a[k] !== '') return a[k];
  return undefined;
};
const asString = (v: unknown): string | null =>
  v === undefined || v === null ? null : typeof v === 'string' ? v : String(v);
const asInt = (v: unknown): number | null => {
  if (v === undefined || v === null || v === '') return null;
  const n = Number(v);
  return Number.isFinite(n) && n >= 0 ? Math.round(n) : null;
};
const parseMaybeJson = (v: unknown): unknown => {
  if (typeof v !== 'string') return v;
  const t = v.trim();
  if (t.startsWith('[') || t.startsWith('{')) {
    try {
      return JSON.parse(t);
    } catch {
      return v;
    }
  }
  return v;
};

const MAPPED = new Set([
  'gen_ai.operation.name',
  'gen_ai.request.model',
  'gen_ai.response.model',
  'gen_ai.system',
  'gen_ai.provider.name',
  'gen_ai.usage.input_tokens',
  'gen_ai.usage.prompt_tokens',
  'gen_ai.usage.output_tokens',
  'gen_ai.usage.completion_tokens',
  'gen_ai.usage.cache_read.input_tokens',
  'gen_ai.usage.cache_read_input_tokens',
  'gen_ai.usage.cached_input_tokens',
  'gen_ai.usage.reasoning_tokens',
  'gen_ai.usage.reasoning.output_tokens',
  'gen_ai.usage.cost',
  'gen_ai.input.messages',
  'gen_ai.output.messages',
  'gen_ai.system_instructions',
  'gen_ai.prompt',
  'gen_ai.completion',
  'gen_ai.conversation.id',
  'session.id',
  'user.id',
  'enduser.id',
  'vigil.cost_usd',
  'vigil.user',
  'vigil.session',
  'vigil.service',
  'vigil.prompt.name',
  'vigil.prompt.version',
  'vigil.tags',
  'vigil.variant',
  'vigil.attempt',
  'http.request.resend_count',
]);

const INDEXED_RE = /^gen_ai\.(prompt|completion)\.(\d+)\.(\w+)$/;

function indexedMessages(a: Record<string, unknown>, kind: 'prompt' | 'completion'): unknown[] {
  const byIndex = new Map<number, Record<string, unknown>>();
  for (const [k, v] of Object.entries(a)) {
    const m = INDEXED_RE.exec(k);
    if (m === null || m[1] !== kind) continue;
    const i = Number(m[2]);
    const msg = byIndex.get(i) ?? {};
    msg[m[3] as string] = v;
    byIndex.set(i, msg);
  }
  return [...byIndex.entries()].sort(([x], [y]) => x - y).map(([, m]) => m);
}

const EVENT_ROLE: Record<string, string> = {
  'gen_ai.system.message': 'system',
  'gen_ai.user.message': 'user',
  'gen_ai.assistant.message': 'assistant',
  'gen_ai.tool.message': 'tool',
};

function eventMessages(span: OtlpSpan): { input: unknown[]; output: unknown[] } {
  const input: unknown[] = [];
  const output: unknown[] = [];
  for (const e of span.events) {
    const a = e.attributes;
    const role = EVENT_ROLE[e.name];
    if (role !== undefined) {
      const content = parseMaybeJson(first(a, ['content', 'gen_ai.event.content', 'body']));
      input.push({ role: asString(a.role) ?? role, content: content ?? null });
    } else if (e.name === 'gen_ai.choice') {
      const message = parseMaybeJson(first(a, ['message', 'gen_ai.event.content', 'body']));
      const content = parseMaybeJson(a.content);
      output.push(
        message !== undefined && typeof message === 'object'
          ? message
          : { role: 'assistant', content: content ?? message ?? null },
      );
    } else if (e.name === 'gen_ai.content.prompt') {
      const p = parseMaybeJson(a['gen_ai.prompt']);
      if (Array.isArray(p)) input.push(...p);
      else if (p !== undefined) input.push(p);
    } else if (e.name === 'gen_ai.content.completion') {
      const c = parseMaybeJson(a['gen_ai.completion']);
      if (Array.isArray(c)) output.push(...c);
      else if (c !== undefined) output.push(c);
    }
  }
  return { input, output };
}

/**
 * spanToGeneration maps one OTLP span onto a generation with the GenAI conventions: operation,
 * requested and served model, provider, token usage, messages (attributes `gen_ai.input.messages`
 * / `gen_ai.output.messages`, indexed `gen_ai.prompt.N.*` / `gen_ai.completion.N.*`, or the
 * `gen_ai.*.message` / `gen_ai.choice` events), user, session and service. A span with no
 * GenAI operation or model is stored as a plain span of the trace.
 */
export function spanToGeneration(span: OtlpSpan, apiKeyId: string | null): GenerationInput {
  const a = span.attributes;
  const modelRequested = asString(a['gen_ai.request.model']);
  const modelServed = asString(a['gen_ai.response.model']);
  let operation = asString(a['gen_ai.operation.name']);
  if (operation === null && (modelRequested !== null || modelServed !== null)) operation = 'chat';
  // A tool run inside an agent is a step of the trace, not a model call: no cost, no tokens.
  const toolRun = operation === 'execute_tool' && modelRequested === null && modelServed === null;
  if (toolRun) operation = null;
  const fromEvents = eventMessages(span);
  let input: unknown = parseMaybeJson(first(a, ['gen_ai.input.messages', 'gen_ai.prompt']));
  if (input === undefined) {
    const indexed = indexedMessages(a, 'prompt');
    input = indexed.length > 0 ? indexed : fromEvents.input.length > 0 ? fromEvents.input : null;
  }
  const system = parseMaybeJson(a['gen_ai.system_instructions']);
  if (system !== undefined && Array.isArray(input))
    input = [{ role: 'system', content: system }, ...input];
  let output: unknown = parseMaybeJson(first(a, ['gen_ai.output.messages', 'gen_ai.completion']));
  if (output === undefined) {
    const indexed = indexedMessages(a, 'completion');
    output = indexed.length > 0 ? indexed : fromEvents.output.length > 0 ? fromEvents.output : null;
  }
  const rest: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(a)) if (!MAPPED.has(k) && !INDEXED_RE.test(k)) rest[k] = v;
  rest['otel.kind'] = span.kind;
  if (toolRun) rest['gen_ai.operation.name'] = 'execute_tool';
  if (span.scope !== '') rest['otel.scope'] = span.scope;
  const tags = a['vigil.tags'];
  const version = asInt(a['vigil.prompt.version']);
  const cost = first(a, ['vigil.cost_usd', 'gen_ai.usage.cost']);
  const costNum = cost === undefined ? null : Number(cost);
  const isError = span.statusCode === 2;
  return {
    traceId: span.traceId,
    spanId: span.spanId,
    parentSpanId: span.parentSpanId,
    name: span.name,
    startMs: span.startMs,
    endMs: span.endMs,
    operation,
    modelRequested,
    modelServed,
    provider: asString(first(a, ['gen_ai.provider.name', 'gen_ai.system'])),
    promptName: asString(a['vigil.prompt.name']),
    promptVersion: version,
    input,
    output,
    tokens: {
      input: asInt(first(a, ['gen_ai.usage.input_tokens', 'gen_ai.usage.prompt_tokens'])),
      output: asInt(first(a, ['gen_ai.usage.output_tokens', 'gen_ai.usage.completion_tokens'])),
      cachedInput: asInt(
        first(a, [
          'gen_ai.usage.cache_read.input_tokens',
          'gen_ai.usage.cache_read_input_tokens',
          'gen_ai.usage.cached_input_tokens',
        ]),
      ),
      reasoning: asInt(
        first(a, ['gen_ai.usage.reasoning.output_tokens', 'gen_ai.usage.reasoning_tokens']),
      ),
    },
    costUsd: costNum !== null && Number.isFinite(costNum) && costNum >= 0 ? costNum : null,
    status: isError ? 'error' : 'ok',
    error: isError
      ? span.statusMessage !== ''
        ? span.statusMessage
        : (asString(a['error.type']) ?? 'error')
      : null,
    user: asString(first(a, ['vigil.user', 'user.id', 'enduser.id'])),
    session: asString(first(a, ['vigil.session', 'session.id', 'gen_ai.conversation.id'])),
    service: asString(first(a, ['vigil.service'])) ?? asString(span.resource['service.name']),
    apiKeyId,
    tags: Array.isArray(tags) ? tags.map(String) : typeof tags === 'string' ? [tags] : [],
    variant: asString(a['vigil.variant']),
    attempt: asInt(first(a, ['vigil.attempt', 'http.request.resend_count'])) ?? 0,
    attributes: rest,
  };
}
