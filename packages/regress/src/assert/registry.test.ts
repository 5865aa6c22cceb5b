import { bleu, embeddingSimilarity, levenshteinSimilarity, rouge } from '@vigil/core';
import { describe, expect, it } from 'vitest';
import type { AssertionSpec, AssertionType } from '../golden/types.js';
import { compileAssertion, evaluateAssertionsSync } from './registry.js';
import type { AssertionContext } from './types.js';

const spec = (type: AssertionType, extra: Partial<AssertionSpec> = {}): AssertionSpec => ({
  type,
  negate: false,
  weight: 1,
  line: 1,
  ...extra,
});

const ctx = (output: string, extra: Partial<AssertionContext> = {}): AssertionContext => ({
  output,
  expected: 'The cat sat on the mat.',
  input: { text: 'Where is the cat?', vars: { animal: 'cat' } },
  latencyMs: 120,
  costUsd: 0.002,
  ...extra,
});

const run = (s: AssertionSpec, c: AssertionContext) =>
  evaluateAssertionsSync([compileAssertion(s)], undefined, c).assertions[0];

type Case = { name: string; spec: AssertionSpec; ctx: AssertionContext; pass: boolean };
const cases: Case[] = [
  {
    name: 'equals trims',
    spec: spec('equals'),
    ctx: ctx(' The cat sat on the mat.\n'),
    pass: true,
  },
  { name: 'equals differs', spec: spec('equals', { value: 'x' }), ctx: ctx('y'), pass: false },
  {
    name: 'equals JSON ignores key order',
    spec: spec('equals', { value: { a: 1, b: [1, 2] } }),
    ctx: ctx('{"b":[1,2],"a":1}'),
    pass: true,
  },
  { name: 'contains', spec: spec('contains', { value: 'cat' }), ctx: ctx('a cat'), pass: true },
  {
    name: 'contains is case-sensitive',
    spec: spec('contains', { value: 'Cat' }),
    ctx: ctx('a cat'),
    pass: false,
  },
  { name: 'icontains', spec: spec('icontains', { value: 'CAT' }), ctx: ctx('a cat'), pass: true },
  {
    name: 'contains-any',
    spec: spec('contains-any', { value: ['dog', 'cat'] }),
    ctx: ctx('a cat'),
    pass: true,
  },
  {
    name: 'contains-all misses one',
    spec: spec('contains-all', { value: ['dog', 'cat'] }),
    ctx: ctx('a cat'),
    pass: false,
  },
  {
    name: 'icontains-all',
    spec: spec('icontains-all', { value: ['A', 'CAT'] }),
    ctx: ctx('a cat'),
    pass: true,
  },
  {
    name: 'icontains-any none',
    spec: spec('icontains-any', { value: ['DOG'] }),
    ctx: ctx('a cat'),
    pass: false,
  },
  {
    name: 'starts-with',
    spec: spec('starts-with', { value: 'Yes' }),
    ctx: ctx('  Yes, sure'),
    pass: true,
  },
  {
    name: 'regex with flags',
    spec: spec('regex', { value: '/^yes\\b/i' }),
    ctx: ctx('YES indeed'),
    pass: true,
  },
  {
    name: 'not-regex',
    spec: spec('regex', { value: 'sorry', negate: true }),
    ctx: ctx('sorry!'),
    pass: false,
  },
  {
    name: 'is-json in a code fence',
    spec: spec('is-json'),
    ctx: ctx('```json\n{"a": 1}\n```'),
    pass: true,
  },
  { name: 'is-json on text', spec: spec('is-json'), ctx: ctx('{a: 1}'), pass: false },
  {
    name: 'json-schema valid',
    spec: spec('json-schema', {
      value: { type: 'object', required: ['a'], properties: { a: { type: 'integer' } } },
    }),
    ctx: ctx('{"a": 1}'),
    pass: true,
  },
  {
    name: 'json-schema invalid',
    spec: spec('json-schema', { value: { type: 'object', required: ['b'] } }),
    ctx: ctx('{"a": 1}'),
    pass: false,
  },
  {
    name: 'numeric within tolerance',
    spec: spec('numeric', { value: 3.14, tolerance: 0.01 }),
    ctx: ctx('pi is about 3.141'),
    pass: true,
  },
  {
    name: 'numeric with thousands',
    spec: spec('numeric', { value: 12500 }),
    ctx: ctx('It costs 12,500 dollars'),
    pass: true,
  },
  { name: 'numeric outside', spec: spec('numeric', { value: 3 }), ctx: ctx('4'), pass: false },
  {
    name: 'javascript boolean',
    spec: spec('javascript', { value: 'output.length < 10 && vars.animal === "cat"' }),
    ctx: ctx('a cat'),
    pass: true,
  },
  {
    name: 'javascript with return',
    spec: spec('javascript', { value: 'const n = output.split(" ").length; return n === 2;' }),
    ctx: ctx('a cat'),
    pass: true,
  },
  {
    name: 'javascript number under threshold',
    spec: spec('javascript', { value: '0.3', threshold: 0.5 }),
    ctx: ctx('x'),
    pass: false,
  },
  {
    name: 'javascript has no require',
    spec: spec('javascript', {
      value: 'typeof require === "undefined" && typeof process === "undefined"',
    }),
    ctx: ctx('x'),
    pass: true,
  },
  {
    name: 'javascript cannot build code from strings',
    spec: spec('javascript', { value: 'output.constructor.constructor("return process")()' }),
    ctx: ctx('x'),
    pass: false,
  },
  {
    name: 'javascript that never ends times out',
    spec: spec('javascript', { value: '(() => { for (;;) {} })()' }),
    ctx: ctx('x'),
    pass: false,
  },
  { name: 'latency under', spec: spec('latency', { threshold: 200 }), ctx: ctx('x'), pass: true },
  { name: 'latency over', spec: spec('latency', { threshold: 100 }), ctx: ctx('x'), pass: false },
  { name: 'cost under', spec: spec('cost', { threshold: 0.01 }), ctx: ctx('x'), pass: true },
  {
    name: 'cost unknown',
    spec: spec('cost', { threshold: 0.01 }),
    ctx: ctx('x', { costUsd: null }),
    pass: false,
  },
  { name: 'label', spec: spec('label'), ctx: ctx('spam\n', { expected: 'spam' }), pass: true },
  { name: 'label wrong', spec: spec('label', { value: 'ham' }), ctx: ctx('spam'), pass: false },
  {
    name: 'not-label',
    spec: spec('label', { value: 'ham', negate: true }),
    ctx: ctx('spam'),
    pass: true,
  },
  { name: 'rouge-l', spec: spec('rouge-l'), ctx: ctx('the cat is on the mat'), pass: true },
  {
    name: 'not-similar',
    spec: spec('similar', { negate: true }),
    ctx: ctx('completely unrelated words here'),
    pass: true,
  },
];

describe('assertions', () => {
  it.each(cases)('$name', ({ spec: s, ctx: c, pass }) => {
    const r = run(s, c);
    expect(r.pass, r.reason).toBe(pass);
    expect(r.score).toBeGreaterThanOrEqual(0);
    expect(r.score).toBeLessThanOrEqual(1);
  });

  it('reports a timed-out expression as such', () => {
    expect(
      run(spec('javascript', { value: '(() => { for (;;) {} })()' }), ctx('x')).reason,
    ).toMatch(/timed out/);
  });

  // The scores are the core's metrics (themselves checked against nltk / rouge-score / numpy).
  it.each([
    {
      type: 'rouge-n' as const,
      extra: { n: 2 },
      value: (o: string, r: string) =>
        (rouge(o, r, { n: 2 }) as { ok: true; value: { fmeasure: number } }).value.fmeasure,
    },
    {
      type: 'rouge-l' as const,
      extra: {},
      value: (o: string, r: string) =>
        (rouge(o, r, { n: 'L' }) as { ok: true; value: { fmeasure: number } }).value.fmeasure,
    },
    {
      type: 'bleu' as const,
      extra: {},
      value: (o: string, r: string) =>
        (bleu(o, [r], { smoothing: 1 }) as { ok: true; value: number }).value,
    },
    { type: 'levenshtein' as const, extra: {}, value: levenshteinSimilarity },
    {
      type: 'similar' as const,
      extra: {},
      value: (o: string, r: string) =>
        (embeddingSimilarity(o, r) as { ok: true; value: number }).value,
    },
  ])('$type scores with the core metric', ({ type, extra, value }) => {
    const out = 'the cat is on the mat today';
    const r = run(spec(type, { ...extra, threshold: 0 }), ctx(out));
    expect(r.score).toBeCloseTo(value(out, 'The cat sat on the mat.'), 12);
    const negated = run(spec(type, { ...extra, threshold: 0, negate: true }), ctx(out));
    expect(negated.score).toBeCloseTo(1 - r.score, 12);
    expect(negated.type).toBe(`not-${type}`);
  });

  it('combines weights and a case threshold', () => {
    const compiled = [
      compileAssertion(spec('contains', { value: 'cat', weight: 3 })),
      compileAssertion(spec('contains', { value: 'dog', weight: 1 })),
    ];
    const strict = evaluateAssertionsSync(compiled, undefined, ctx('a cat'));
    expect(strict).toMatchObject({ pass: false, score: 0.75 });
    expect(evaluateAssertionsSync(compiled, 0.7, ctx('a cat')).pass).toBe(true);
    expect(evaluateAssertionsSync(compiled, 0.8, ctx('a cat')).pass).toBe(false);
    // A weight-0 assertion is informative: it never fails the case.
    const info = [compileAssertion(spec('contains', { value: 'dog', weight: 0 }))];
    expect(evaluateAssertionsSync(info, undefined, ctx('a cat')).pass).toBe(true);
  });
});
