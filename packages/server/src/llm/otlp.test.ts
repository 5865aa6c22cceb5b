// OTLP decoding and the GenAI mapping, without HTTP: AnyValue conversion, per-span rejection,
// the protobuf round trip through the hand-written descriptor, and attribute / event messages.
import { describe, expect, it } from 'vitest';
import {
  anyValue,
  decodeOtlpJson,
  decodeOtlpProtobuf,
  decodeOtlpResponse,
  encodeOtlpRequest,
  encodeOtlpResponse,
  type OtlpSpan,
  spanToGeneration,
} from './otlp.js';

const T = 1_700_000_000_000;
const ns = (ms: number) => String(BigInt(ms) * 1_000_000n);

const span = (over: Partial<OtlpSpan>): OtlpSpan => ({
  traceId: 'a'.repeat(32),
  spanId: 'b'.repeat(16),
  parentSpanId: null,
  name: 's',
  kind: 3,
  startMs: T,
  endMs: T + 10,
  attributes: {},
  events: [],
  statusCode: 0,
  statusMessage: '',
  resource: { 'service.name': 'svc' },
  scope: 'lib',
  ...over,
});

describe('anyValue', () => {
  it('converts every AnyValue kind to JSON', () => {
    expect(anyValue({ stringValue: 'x' })).toBe('x');
    expect(anyValue({ boolValue: false })).toBe(false);
    expect(anyValue({ intValue: '42' })).toBe(42);
    expect(anyValue({ intValue: '9007199254740993' })).toBe('9007199254740993');
    expect(anyValue({ doubleValue: 0.5 })).toBe(0.5);
    expect(anyValue({ arrayValue: { values: [{ stringValue: 'a' }, { intValue: 1 }] } })).toEqual([
      'a',
      1,
    ]);
    expect(
      anyValue({ kvlistValue: { values: [{ key: 'k', value: { stringValue: 'v' } }] } }),
    ).toEqual({ k: 'v' });
    expect(anyValue({ bytesValue: new Uint8Array([1, 2]) })).toBe('AQI=');
    expect(anyValue({})).toBeNull();
  });
});

describe('decoding', () => {
  const good = {
    traceId: '0af7651916cd43dd8448eb211c80319c',
    spanId: 'b7ad6b7169203331',
    name: 'chat',
    startTimeUnixNano: ns(T),
    endTimeUnixNano: ns(T + 7),
  };
  it('reads OTLP/JSON and rejects bad spans one by one', () => {
    const d = decodeOtlpJson({
      resourceSpans: [
        {
          resource: { attributes: [{ key: 'service.name', value: { stringValue: 'bot' } }] },
          scopeSpans: [
            {
              scope: { name: 'lib' },
              spans: [good, { ...good, traceId: 'xyz' }, { ...good, endTimeUnixNano: ns(T - 1) }],
            },
          ],
        },
      ],
    });
    expect(d.total).toBe(3);
    expect(d.spans).toHaveLength(1);
    expect(d.spans[0]).toMatchObject({
      traceId: good.traceId,
      spanId: good.spanId,
      parentSpanId: null,
      startMs: T,
      endMs: T + 7,
      resource: { 'service.name': 'bot' },
      scope: 'lib',
    });
    expect(d.rejected.map((r) => r.reason)).toEqual([
      'resourceSpans[0].scopeSpans[0].spans[1]: traceId must be 16 bytes (32 hex characters)',
      'resourceSpans[0].scopeSpans[0].spans[2]: endTimeUnixNano is before startTimeUnixNano',
    ]);
  });
  it('refuses what is not an ExportTraceServiceRequest', () => {
    expect(() => decodeOtlpJson('x')).toThrow(
      'malformed OTLP request: body must be an ExportTraceServiceRequest',
    );
    expect(() => decodeOtlpJson({ resourceSpans: [{ scopeSpans: {} }] })).toThrow(
      'resourceSpans[0].scopeSpans must be an array',
    );
    expect(() => decodeOtlpProtobuf(new Uint8Array([0x0a, 0x05, 0x01]))).toThrow(
      /^malformed OTLP request: not an ExportTraceServiceRequest protobuf/,
    );
    expect(decodeOtlpJson({}).total).toBe(0);
  });
  it('round-trips protobuf through the descriptor, ids as hex', () => {
    const bytes = encodeOtlpRequest({
      resourceSpans: [
        {
          scopeSpans: [
            {
              spans: [
                {
                  traceId: Buffer.from(good.traceId, 'hex'),
                  spanId: Buffer.from(good.spanId, 'hex'),
                  parentSpanId: Buffer.from('00f067aa0ba902b7', 'hex'),
                  name: 'chat',
                  kind: 3,
                  startTimeUnixNano: ns(T),
                  endTimeUnixNano: ns(T + 7),
                  attributes: [{ key: 'gen_ai.usage.input_tokens', value: { intValue: 12 } }],
                  events: [
                    {
                      name: 'gen_ai.user.message',
                      timeUnixNano: ns(T + 1),
                      attributes: [{ key: 'content', value: { stringValue: 'hi' } }],
                    },
                  ],
                  status: { code: 2, message: 'bad' },
                },
              ],
            },
          ],
        },
      ],
    });
    const d = decodeOtlpProtobuf(bytes);
    expect(d.rejected).toEqual([]);
    expect(d.spans[0]).toMatchObject({
      traceId: good.traceId,
      spanId: good.spanId,
      parentSpanId: '00f067aa0ba902b7',
      kind: 3,
      startMs: T,
      endMs: T + 7,
      attributes: { 'gen_ai.usage.input_tokens': 12 },
      events: [{ name: 'gen_ai.user.message', timeMs: T + 1, attributes: { content: 'hi' } }],
      statusCode: 2,
      statusMessage: 'bad',
    });
  });
  it('encodes the partial-success response', () => {
    expect(decodeOtlpResponse(encodeOtlpResponse(0, ''))).toEqual({});
    expect(decodeOtlpResponse(encodeOtlpResponse(3, 'why'))).toEqual({
      partialSuccess: { rejectedSpans: '3', errorMessage: 'why' },
    });
  });
});

describe('spanToGeneration', () => {
  it('maps the GenAI attributes', () => {
    const g = spanToGeneration(
      span({
        attributes: {
          'gen_ai.operation.name': 'chat',
          'gen_ai.provider.name': 'openai',
          'gen_ai.request.model': 'gpt-4o',
          'gen_ai.response.model': 'gpt-4o-2024-11-20',
          'gen_ai.usage.input_tokens': 100,
          'gen_ai.usage.output_tokens': 20,
          'gen_ai.usage.cache_read.input_tokens': 40,
          'gen_ai.usage.reasoning.output_tokens': 5,
          'gen_ai.conversation.id': 'conv-1',
          'enduser.id': 'alice',
          'http.request.resend_count': 2,
          'server.address': 'api.openai.com',
        },
      }),
      'key-1',
    );
    expect(g).toMatchObject({
      operation: 'chat',
      provider: 'openai',
      modelRequested: 'gpt-4o',
      modelServed: 'gpt-4o-2024-11-20',
      tokens: { input: 100, output: 20, cachedInput: 40, reasoning: 5 },
      session: 'conv-1',
      user: 'alice',
      service: 'svc',
      apiKeyId: 'key-1',
      attempt: 2,
      status: 'ok',
      error: null,
      attributes: { 'server.address': 'api.openai.com', 'otel.kind': 3, 'otel.scope': 'lib' },
    });
  });
  it('reads messages from indexed attributes and from legacy events', () => {
    const indexed = spanToGeneration(
      span({
        attributes: {
          'gen_ai.system': 'openai',
          'gen_ai.request.model': 'gpt-4',
          'gen_ai.prompt.1.role': 'user',
          'gen_ai.prompt.1.content': 'second',
          'gen_ai.prompt.0.role': 'system',
          'gen_ai.prompt.0.content': 'first',
          'gen_ai.completion.0.role': 'assistant',
          'gen_ai.completion.0.content': 'answer',
        },
      }),
      null,
    );
    expect(indexed.operation).toBe('chat');
    expect(indexed.provider).toBe('openai');
    expect(indexed.input).toEqual([
      { role: 'system', content: 'first' },
      { role: 'user', content: 'second' },
    ]);
    expect(indexed.output).toEqual([{ role: 'assistant', content: 'answer' }]);
    const legacy = spanToGeneration(
      span({
        attributes: { 'gen_ai.request.model': 'm' },
        events: [
          {
            name: 'gen_ai.content.prompt',
            timeMs: T,
            attributes: { 'gen_ai.prompt': '[{"role":"user","content":"q"}]' },
          },
          {
            name: 'gen_ai.content.completion',
            timeMs: T,
            attributes: { 'gen_ai.completion': '[{"role":"assistant","content":"a"}]' },
          },
        ],
      }),
      null,
    );
    expect(legacy.input).toEqual([{ role: 'user', content: 'q' }]);
    expect(legacy.output).toEqual([{ role: 'assistant', content: 'a' }]);
  });
  it('keeps plain spans and tool runs out of the LLM calls', () => {
    expect(spanToGeneration(span({ name: 'db query' }), null).operation).toBeNull();
    const tool = spanToGeneration(
      span({ attributes: { 'gen_ai.operation.name': 'execute_tool' } }),
      null,
    );
    expect(tool.operation).toBeNull();
    expect(tool.attributes?.['gen_ai.operation.name']).toBe('execute_tool');
    const err = spanToGeneration(
      span({ statusCode: 2, attributes: { 'error.type': 'timeout' } }),
      null,
    );
    expect([err.status, err.error]).toEqual(['error', 'timeout']);
  });
});
