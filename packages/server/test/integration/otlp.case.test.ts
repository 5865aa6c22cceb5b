// OTLP/HTTP into Vigil with the real OpenTelemetry Node SDK: nested spans with GenAI attributes
// exported as protobuf (plain and gzip) and as OTLP/JSON, read back as a trace through the API;
// malformed bodies get a 400 naming the problem, bad spans a partial success.
import { type Context, ROOT_CONTEXT, type Span, SpanStatusCode, trace } from '@opentelemetry/api';
import { OTLPTraceExporter as HttpExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  NodeTracerProvider,
  type ReadableSpan,
  SimpleSpanProcessor,
  type SpanExporter,
} from '@opentelemetry/sdk-trace-node';
import { decodeOtlpResponse, encodeOtlpRequest } from '@vigil/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, type Harness, startHarness } from '../helpers/harness.js';

type Exporter = SpanExporter & { shutdown(): Promise<void> };

function provider(exporter: Exporter, service: string): NodeTracerProvider {
  return new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': service }),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
}

/** runAgent records one request of a support bot: a root span, a retrieval and two LLM calls. */
function runAgent(p: NodeTracerProvider, user: string): string {
  const tracer = p.getTracer('support-bot', '1.0.0');
  const t = Date.now() - 1000;
  const root = tracer.startSpan('handle-request', {
    startTime: t,
    attributes: { 'user.id': user, 'session.id': `${user}-s1` },
  });
  const inRoot: Context = trace.setSpan(ROOT_CONTEXT, root);
  const retrieve = tracer.startSpan('retrieve-documents', { startTime: t + 1 }, inRoot);
  retrieve.end(t + 5);
  const chat = tracer.startSpan(
    'chat gpt-4o-mini',
    {
      startTime: t + 6,
      attributes: {
        'gen_ai.operation.name': 'chat',
        'gen_ai.system': 'openai',
        'gen_ai.request.model': 'gpt-4o-mini',
        'gen_ai.response.model': 'gpt-4o-mini-2024-07-18',
        'gen_ai.usage.input_tokens': 1200,
        'gen_ai.usage.output_tokens': 300,
        'user.id': user,
        'session.id': `${user}-s1`,
        'vigil.prompt.name': 'support',
        'vigil.prompt.version': 3,
        'vigil.tags': ['beta', 'eu'],
      },
    },
    inRoot,
  );
  chat.addEvent('gen_ai.system.message', { content: 'You are a support bot.' });
  chat.addEvent('gen_ai.user.message', { content: 'What does the pro plan cost?' });
  chat.addEvent('gen_ai.choice', {
    index: 0,
    finish_reason: 'stop',
    message: JSON.stringify({ role: 'assistant', content: 'It costs $20 a month.' }),
  });
  const inChat = trace.setSpan(ROOT_CONTEXT, chat);
  // A tool call nested under the chat span, then a second model with its messages as attributes.
  const tool: Span = tracer.startSpan(
    'execute_tool lookup_price',
    { startTime: t + 10, attributes: { 'gen_ai.operation.name': 'execute_tool' } },
    inChat,
  );
  tool.end(t + 12);
  chat.end(t + 50);
  const second = tracer.startSpan(
    'chat mystery',
    {
      startTime: t + 60,
      attributes: {
        'gen_ai.operation.name': 'chat',
        'gen_ai.provider.name': 'acme',
        'gen_ai.request.model': 'acme-large-9',
        'gen_ai.input.messages': JSON.stringify([
          { role: 'user', parts: [{ type: 'text', content: 'hi' }] },
        ]),
        'gen_ai.output.messages': JSON.stringify([
          { role: 'assistant', parts: [{ type: 'text', content: 'hello' }] },
        ]),
        'gen_ai.usage.input_tokens': 5,
        'gen_ai.usage.output_tokens': 2,
      },
    },
    inRoot,
  );
  second.setStatus({ code: SpanStatusCode.ERROR, message: 'upstream timeout' });
  second.end(t + 90);
  root.end(t + 100);
  return root.spanContext().traceId;
}

describe.each(BACKENDS)('OTLP/HTTP ingest on %s', (backend) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(backend);
  });
  afterAll(() => h?.close());

  const exporters = {
    protobuf: () =>
      new ProtoExporter({
        url: `${h.url}/v1/traces`,
        headers: { Authorization: `Bearer ${h.a.key}` },
      }),
    'protobuf+gzip': () =>
      new ProtoExporter({
        url: `${h.url}/v1/traces`,
        headers: { Authorization: `Bearer ${h.a.key}` }, // CompressionAlgorithm.GZIP is the string 'gzip' (its package is not a direct dependency).
        compression: 'gzip' as NonNullable<
          ConstructorParameters<typeof ProtoExporter>[0]
        >['compression'],
      }),
    json: () =>
      new HttpExporter({
        url: `${h.url}/v1/traces`,
        headers: { Authorization: `Bearer ${h.a.key}` },
      }),
  } as const;

  it.each(Object.keys(exporters) as (keyof typeof exporters)[])(
    'reads back a nested trace exported as %s',
    async (kind) => {
      const p = provider(exporters[kind]() as Exporter, 'support-bot');
      const traceId = runAgent(p, `user-${kind}`);
      await p.forceFlush();
      await p.shutdown();

      const r = await h.request('GET', `/v1/llm/traces/${traceId}`, { key: h.a.key });
      expect(r.status).toBe(200);
      const t = r.json;
      expect(t.span_count).toBe(5);
      expect(t.llm_calls).toBe(2);
      expect(t.spans).toHaveLength(1);
      const root = t.spans[0];
      expect(root.name).toBe('handle-request');
      expect(root.operation).toBeNull();
      expect(root.service).toBe('support-bot');
      expect(root.children.map((c: { name: string }) => c.name)).toEqual([
        'retrieve-documents',
        'chat gpt-4o-mini',
        'chat mystery',
      ]);
      const chat = root.children[1];
      expect(chat.parent_span_id).toBe(root.span_id);
      expect(chat).toMatchObject({
        operation: 'chat',
        provider: 'openai',
        model: 'gpt-4o-mini',
        model_served: 'gpt-4o-mini-2024-07-18',
        prompt_name: 'support',
        prompt_version: 3,
        user: `user-${kind}`,
        session: `user-${kind}-s1`,
        service: 'support-bot',
        status: 'ok',
        tags: ['beta', 'eu'],
        usage: {
          input_tokens: 1200,
          output_tokens: 300,
          cached_input_tokens: null,
          reasoning_tokens: null,
        },
        cost_source: 'computed',
        price_table_version: 0,
      });
      // Built-in gpt-4o-mini price: $0.15 in / $0.60 out per 1M tokens.
      expect(chat.cost_usd).toBeCloseTo((1200 * 0.15 + 300 * 0.6) / 1e6, 12);
      expect(chat.input).toEqual([
        { role: 'system', content: 'You are a support bot.' },
        { role: 'user', content: 'What does the pro plan cost?' },
      ]);
      expect(chat.output).toEqual([{ role: 'assistant', content: 'It costs $20 a month.' }]);
      expect(
        chat.children.map((c: { name: string; operation: string }) => [c.name, c.operation]),
      ).toEqual([['execute_tool lookup_price', null]]);
      expect(chat.latency_ms).toBe(44);
      expect(root.latency_ms).toBe(100);
      const mystery = root.children[2];
      expect(mystery).toMatchObject({
        provider: 'acme',
        model: 'acme-large-9',
        status: 'error',
        error: 'upstream timeout',
        cost_usd: null,
        cost_source: 'unknown',
      });
      expect(mystery.flags).toContain('cost_unknown');
      expect(mystery.input).toEqual([{ role: 'user', parts: [{ type: 'text', content: 'hi' }] }]);
      expect(t.cost_unknown_calls).toBe(1);
      expect(t.cost_usd).toBeCloseTo(chat.cost_usd, 12);

      // The LLM calls through the list endpoint, newest first; and filtered by user.
      const window = `from=0&to=${Date.now() + 60_000}`;
      const list = await h.request(
        'GET',
        `/v1/llm/generations?${window}&trace_id=${traceId}&llm_only=true`,
        { key: h.a.key },
      );
      expect(list.status).toBe(200);
      expect(list.json.generations.map((g: { name: string }) => g.name)).toEqual([
        'chat mystery',
        'chat gpt-4o-mini',
      ]);
      const byUser = await h.request(
        'GET',
        `/v1/llm/generations?${window}&user=${encodeURIComponent(`user-${kind}`)}`,
        { key: h.a.key },
      );
      expect(byUser.json.generations.map((g: { name: string }) => g.name)).toEqual([
        'chat gpt-4o-mini',
        'handle-request',
      ]);
      // Another project's key sees nothing of it.
      const other = await h.request('GET', `/v1/llm/traces/${traceId}`, { key: h.b.key });
      expect(other.status).toBe(404);
    },
  );

  it('stores a re-exported batch once', async () => {
    const exporter = exporters.protobuf() as Exporter;
    const captured: ReadableSpan[] = [];
    const p = new NodeTracerProvider({
      resource: resourceFromAttributes({ 'service.name': 'dup' }),
      spanProcessors: [
        new SimpleSpanProcessor({
          export: (s, cb) => {
            captured.push(...s);
            cb({ code: 0 });
          },
          shutdown: async () => undefined,
        }),
      ],
    });
    const traceId = runAgent(p, 'dup-user');
    await p.forceFlush();
    const send = () =>
      new Promise<{ code: number; error?: Error }>((resolve) => exporter.export(captured, resolve));
    expect((await send()).code).toBe(0);
    expect((await send()).code).toBe(0);
    await exporter.shutdown();
    const r = await h.request('GET', `/v1/llm/traces/${traceId}`, { key: h.a.key });
    expect(r.json.span_count).toBe(5);
  });

  it('answers a failed export clearly: no key, malformed protobuf, malformed JSON', async () => {
    const noKey = new ProtoExporter({ url: `${h.url}/v1/traces` });
    const p = provider(noKey as Exporter, 'x');
    const captured: ReadableSpan[] = [];
    const cap = new NodeTracerProvider({
      spanProcessors: [
        new SimpleSpanProcessor({
          export: (s, cb) => {
            captured.push(...s);
            cb({ code: 0 });
          },
          shutdown: async () => undefined,
        }),
      ],
    });
    cap.getTracer('t').startSpan('s').end();
    await cap.forceFlush();
    const result = await new Promise<{ code: number; error?: Error }>((resolve) =>
      noKey.export(captured, resolve),
    );
    expect(result.code).toBe(1);
    await p.shutdown();

    const garbage = await h.request('POST', '/v1/traces', {
      key: h.a.key,
      raw: Buffer.from([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x01]),
      headers: { 'content-type': 'application/x-protobuf' },
    });
    expect(garbage.status).toBe(400);
    expect(garbage.json.error.message).toMatch(
      /^malformed OTLP request: not an ExportTraceServiceRequest protobuf/,
    );

    const notOtlp = await h.request('POST', '/v1/traces', {
      key: h.a.key,
      body: { resourceSpans: 'nope' },
    });
    expect(notOtlp.status).toBe(400);
    expect(notOtlp.json.error.message).toBe(
      'malformed OTLP request: resourceSpans must be an array',
    );
    const array = await h.request('POST', '/v1/traces', { key: h.a.key, body: [1, 2] });
    expect(array.status).toBe(400);
    const text = await h.request('POST', '/v1/traces', {
      key: h.a.key,
      raw: 'hello',
      headers: { 'content-type': 'text/plain' },
    });
    expect(text.status).toBe(415);
    const empty = await h.request('POST', '/v1/traces', {
      key: h.a.key,
      raw: '{}',
      headers: { 'content-type': 'application/json' },
    });
    expect(empty.status).toBe(200);
    expect(empty.json).toEqual({});
  });

  it('rejects bad spans alone with an OTLP partial success, in JSON and protobuf', async () => {
    const now = BigInt(Date.now()) * 1_000_000n;
    const good = {
      traceId: 'ab'.repeat(16),
      spanId: 'cd'.repeat(8),
      name: 'ok',
      startTimeUnixNano: String(now),
      endTimeUnixNano: String(now + 5_000_000n),
      attributes: [
        { key: 'gen_ai.request.model', value: { stringValue: 'gpt-4o' } },
        { key: 'gen_ai.usage.input_tokens', value: { intValue: '100' } },
      ],
    };
    const badId = { ...good, spanId: 'abc' };
    const badTime = { ...good, spanId: 'ef'.repeat(8), startTimeUnixNano: 'soon' };
    const body = {
      resourceSpans: [
        {
          resource: { attributes: [{ key: 'service.name', value: { stringValue: 'partial' } }] },
          scopeSpans: [{ scope: { name: 's' }, spans: [good, badId, badTime] }],
        },
      ],
    };
    const r = await h.request('POST', '/v1/traces', { key: h.a.key, body });
    expect(r.status).toBe(200);
    expect(r.json.partialSuccess.rejectedSpans).toBe('2');
    expect(r.json.partialSuccess.errorMessage).toBe(
      '2 of 3 spans rejected; first: resourceSpans[0].scopeSpans[0].spans[1]: spanId must be 8 bytes (16 hex characters)',
    );
    const t = await h.request('GET', `/v1/llm/traces/${'ab'.repeat(16)}`, { key: h.a.key });
    expect(t.json.span_count).toBe(1);
    expect(t.json.spans[0]).toMatchObject({
      service: 'partial',
      model: 'gpt-4o',
      operation: 'chat',
      latency_ms: 5,
    });
    // Input tokens only: cost of the input at the built-in gpt-4o price ($2.50 per 1M).
    expect(t.json.spans[0].cost_usd).toBeCloseTo((100 * 2.5) / 1e6, 12);

    const proto = encodeOtlpRequest({
      resourceSpans: [
        {
          scopeSpans: [
            {
              spans: [
                {
                  traceId: Buffer.alloc(16, 7),
                  spanId: Buffer.alloc(8, 0),
                  name: 'zero id',
                  startTimeUnixNano: String(now),
                  endTimeUnixNano: String(now),
                },
              ],
            },
          ],
        },
      ],
    });
    const res = await fetch(`${h.url}/v1/traces`, {
      method: 'POST',
      headers: { authorization: `Bearer ${h.a.key}`, 'content-type': 'application/x-protobuf' },
      body: proto,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/x-protobuf');
    const decoded = decodeOtlpResponse(new Uint8Array(await res.arrayBuffer()));
    expect(decoded.partialSuccess?.rejectedSpans).toBe('1');
    expect(decoded.partialSuccess?.errorMessage).toContain('spanId must not be all zeros');
  });
});
