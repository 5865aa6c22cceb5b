// Random and mutated payloads (seeded) at the LLM and OTLP routes: every answer is a 2xx or a
// 4xx, never a 5xx, whatever the body: JSON of any shape, protobuf-looking bytes, YAML text.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, type Harness, startHarness } from '../helpers/harness.js';

const RUNS = 400;
const SEED = 20_261_127;

const json = fc.jsonValue({ maxDepth: 4 });
const T = 1_760_000_000_000;

// Strings with NUL and other control characters, which PostgreSQL TEXT refuses raw.
const nasty = fc.oneof(
  fc.string({ minLength: 1, maxLength: 8 }),
  fc.constantFrom('a\u0000b', '\u0000', 'x\u0001\u001f'),
);
const generation = fc.record({
  span_id: nasty,
  user: nasty,
  service: nasty,
  trace_id: fc.string({ minLength: 1, maxLength: 8 }),
  start_time: fc.integer({ min: T, max: T + 1e6 }),
  model: fc.constantFrom('gpt-4o', 'gpt-4o-mini', 'unknown-x', 'claude-3-haiku'),
  usage: fc.record({ input_tokens: fc.nat(10_000), output_tokens: fc.nat(10_000) }),
  input: json,
  output: json,
});

// A valid generation with one field replaced by random JSON, or an unknown key added.
const mutated = fc
  .tuple(generation, fc.string({ maxLength: 12 }), json, fc.boolean())
  .map(([g, k, v, replace]) => {
    const o: Record<string, unknown> = { ...g };
    const keys = Object.keys(o);
    if (replace) o[keys[k.length % keys.length]] = v;
    else o[k || 'x'] = v;
    return o;
  });

const hex = (n: number) =>
  fc.uint8Array({ minLength: n, maxLength: n }).map((b) => Buffer.from(b).toString('hex'));
const attr = fc.record({
  key: fc.constantFrom(
    'gen_ai.request.model',
    'gen_ai.usage.input_tokens',
    'gen_ai.input.messages',
    'x',
  ),
  value: fc.oneof(
    fc.record({ stringValue: fc.string() }),
    fc.record({ intValue: fc.oneof(fc.string(), fc.integer()) }),
    fc.record({ doubleValue: fc.double() }),
    fc.record({ arrayValue: fc.record({ values: fc.array(json, { maxLength: 3 }) }) }),
    json,
  ),
});
const otlpSpan = fc.record(
  {
    traceId: fc.oneof(hex(16), fc.string()),
    spanId: fc.oneof(hex(8), fc.string()),
    parentSpanId: fc.oneof(hex(8), fc.constant('')),
    name: fc.oneof(fc.string(), json),
    startTimeUnixNano: fc.oneof(fc.bigInt({ min: 0n, max: 2n ** 64n }).map(String), json),
    endTimeUnixNano: fc.oneof(fc.bigInt({ min: 0n, max: 2n ** 64n }).map(String), json),
    attributes: fc.oneof(fc.array(attr, { maxLength: 4 }), json),
    events: fc.oneof(
      fc.array(fc.record({ name: fc.string(), attributes: fc.array(attr, { maxLength: 2 }) }), {
        maxLength: 2,
      }),
      json,
    ),
    status: fc.oneof(
      fc.record({ code: fc.oneof(fc.integer(), json), message: fc.oneof(fc.string(), json) }),
      json,
    ),
  },
  { requiredKeys: [] },
);
const otlpJson = fc.oneof(
  json,
  fc
    .array(otlpSpan, { maxLength: 5 })
    .map((spans) => ({ resourceSpans: [{ scopeSpans: [{ spans }] }] })),
  fc.record({
    resourceSpans: fc.oneof(
      json,
      fc.array(fc.record({ scopeSpans: fc.oneof(json, fc.array(fc.record({ spans: json }))) })),
    ),
  }),
);

const yamlText = fc.oneof(
  fc.string(),
  fc
    .tuple(
      fc.constantFrom('service', 'user', 'team'),
      fc.oneof(fc.double(), fc.string()),
      fc.string(),
    )
    .map(
      ([scope, limit, name]) =>
        `apiVersion: vigil/v1\nkind: Budget\nmetadata: { name: ${JSON.stringify(name)} }\nspec: { scope: ${scope}, period: daily, limitUsd: ${JSON.stringify(limit)} }\n`,
    ),
);

type Shot = { path: string; method: 'POST' | 'PUT'; body: string | Buffer; type: string };

const shot: fc.Arbitrary<Shot> = fc.oneof(
  fc.array(fc.oneof(generation, mutated, json), { maxLength: 10 }).map((generations) => ({
    path: '/v1/llm/generations',
    method: 'POST' as const,
    body: JSON.stringify({ generations }),
    type: 'application/json',
  })),
  json.map((j) => ({
    path: '/v1/llm/generations',
    method: 'POST' as const,
    body: JSON.stringify(j),
    type: 'application/json',
  })),
  otlpJson.map((j) => ({
    path: '/v1/traces',
    method: 'POST' as const,
    body: JSON.stringify(j),
    type: 'application/json',
  })),
  fc.uint8Array({ maxLength: 300 }).map((b) => ({
    path: '/v1/traces',
    method: 'POST' as const,
    body: Buffer.from(b),
    type: 'application/x-protobuf',
  })),
  yamlText.map((y) => ({
    path: '/v1/llm/budgets',
    method: 'PUT' as const,
    body: y,
    type: 'application/yaml',
  })),
  json.map((j) => ({
    path: '/v1/llm/budgets',
    method: 'PUT' as const,
    body: JSON.stringify(j),
    type: 'application/json',
  })),
  json.map((j) => ({
    path: '/v1/llm/price-tables',
    method: 'POST' as const,
    body: JSON.stringify(j),
    type: 'application/json',
  })),
  json.map((j) => ({
    path: '/v1/llm/budgets/check',
    method: 'POST' as const,
    body: JSON.stringify(j),
    type: 'application/json',
  })),
);

describe.each(BACKENDS)('LLM routes under random input on %s', (backend) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(backend);
  });
  afterAll(() => h?.close());

  it(`answers ${RUNS} random payloads with 2xx or 4xx`, async () => {
    await fc.assert(
      fc.asyncProperty(shot, async (s) => {
        const r = await h.request(s.method, s.path, {
          key: h.a.key,
          raw: s.body,
          headers: { 'content-type': s.type },
        });
        expect(r.status, `${s.method} ${s.path}: ${r.text.slice(0, 300)}`).toBeLessThan(500);
      }),
      { numRuns: RUNS, seed: SEED },
    );
    for (const path of [
      '/v1/llm/traces/a%00b',
      '/v1/llm/budgets/a%00b',
      `/v1/llm/generations?from=0&to=9&user=a%00b&tag=%00`,
    ]) {
      const r = await h.request('GET', path, { key: h.a.key });
      expect(r.status, `GET ${path}: ${r.text}`).toBeLessThan(500);
    }
    const health = await h.request('GET', '/healthz');
    expect(health.status).toBe(200);
  });
});
