import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { BleuSmoothing } from './index.js';
import {
  bleu,
  chrf,
  cosineSimilarity,
  levenshtein,
  levenshteinSimilarity,
  rouge,
} from './index.js';

// nltk 3.8 (BLEU, chrF, edit distance), numpy (cosine) and the generator's independent ROUGE
// implementation, from scripts/gen-metrics-golden.py.
interface Golden {
  rouge: {
    candidate: string;
    reference: string;
    n: number | 'L';
    precision: number;
    recall: number;
    fmeasure: number;
  }[];
  levenshtein: { a: string; b: string; distance: number }[];
  bleu: {
    hypothesis: string;
    references: string[];
    values: Record<string, number>;
    bigram_method1: number;
  }[];
  chrf: {
    candidate: string;
    reference: string;
    beta2: number;
    beta3: number;
    beta2KeepSpaces: number;
    beta1Orders2to3: number;
  }[];
  cosine: { name: string; a: number[]; b: number[]; value: number }[];
}
const golden = JSON.parse(
  readFileSync(new URL('./testdata/text.golden.json', import.meta.url), 'utf8'),
) as Golden;

const REL = 1e-12;
function expectClose(actual: number, expected: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(REL * Math.abs(expected));
}
const value = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};
const short = (s: string) => (s.length > 40 ? `${s.slice(0, 40)}…` : s);

describe('levenshtein vs nltk edit_distance', () => {
  it.each(golden.levenshtein.map((c) => ({ ...c, name: `${short(c.a)} | ${short(c.b)}` })))(
    '$name',
    ({ a, b, distance }) => {
      expect(levenshtein(a, b)).toBe(distance);
      expect(levenshtein(b, a)).toBe(distance);
      const longest = Math.max([...a].length, [...b].length);
      expect(levenshteinSimilarity(a, b)).toBe(longest === 0 ? 1 : 1 - distance / longest);
    },
  );
  it('counts an astral character once', () => {
    expect(levenshtein('😀', '😃')).toBe(1);
    expect(levenshteinSimilarity('', '')).toBe(1);
    expect(levenshteinSimilarity('kitten', 'sitting')).toBeCloseTo(1 - 3 / 7, 15);
  });
});

describe('rouge vs the independent reference implementation', () => {
  it.each(
    golden.rouge.map((c) => ({
      ...c,
      name: `ROUGE-${c.n}: ${short(c.candidate)} | ${short(c.reference)}`,
    })),
  )('$name', ({ candidate, reference, n, precision, recall, fmeasure }) => {
    const got = value(rouge(candidate, reference, { n }));
    expectClose(got.precision, precision);
    expectClose(got.recall, recall);
    expectClose(got.fmeasure, fmeasure);
  });
  it('defaults to ROUGE-L and rejects n = 0 or 1.5', () => {
    expect(value(rouge('a b c', 'a c'))).toEqual(value(rouge('a b c', 'a c', { n: 'L' })));
    for (const n of [0, 1.5, -1]) expect(rouge('a', 'a', { n }).ok).toBe(false);
  });
});

describe('bleu vs nltk sentence_bleu', () => {
  const rows = golden.bleu.flatMap((c) =>
    ([0, 1, 2, 3, 4] as BleuSmoothing[]).map((m) => ({
      name: `method${m}: ${short(c.hypothesis)}`,
      hypothesis: c.hypothesis,
      references: c.references,
      smoothing: m,
      expected: c.values[String(m)],
    })),
  );
  it.each(rows)('$name', ({ hypothesis, references, smoothing, expected }) => {
    expectClose(value(bleu(hypothesis, references, { smoothing })), expected);
  });
  it.each(golden.bleu.map((c) => ({ ...c, name: short(c.hypothesis) })))(
    'bigram weights (0.5, 0.5): $name',
    ({ hypothesis, references, bigram_method1 }) => {
      expectClose(value(bleu(hypothesis, references, { weights: [0.5, 0.5] })), bigram_method1);
    },
  );
  it('takes token arrays as well as strings', () => {
    const c = golden.bleu[2];
    const tokens = value(
      bleu(
        c.hypothesis.split(' '),
        c.references.map((r) => r.split(' ')),
      ),
    );
    expect(tokens).toBe(value(bleu(c.hypothesis, c.references)));
  });
  it.each([
    { name: 'no reference', run: () => bleu('a b', []) },
    { name: 'smoothing 7', run: () => bleu('a b', ['a b'], { smoothing: 7 as BleuSmoothing }) },
    { name: 'empty weights', run: () => bleu('a b', ['a b'], { weights: [] }) },
  ])('rejects $name', ({ run }) => {
    const r = run();
    expect(r.ok ? null : r.error.code).toBe('INVALID_ARGUMENT');
  });
});

describe('chrf vs nltk sentence_chrf', () => {
  it.each(
    golden.chrf.map((c) => ({ ...c, name: `${short(c.candidate)} | ${short(c.reference)}` })),
  )('$name', ({ candidate, reference, beta2, beta3, beta2KeepSpaces, beta1Orders2to3 }) => {
    expectClose(value(chrf(candidate, reference)), beta2);
    expectClose(value(chrf(candidate, reference, { beta: 3 })), beta3);
    expectClose(value(chrf(candidate, reference, { ignoreWhitespace: false })), beta2KeepSpaces);
    expectClose(
      value(chrf(candidate, reference, { beta: 1, minOrder: 2, maxOrder: 3 })),
      beta1Orders2to3,
    );
  });
  it('joins token arrays with spaces, as nltk', () => {
    expect(value(chrf(['the', 'cat'], ['the', 'cats'], { ignoreWhitespace: false }))).toBe(
      value(chrf('the cat', 'the cats', { ignoreWhitespace: false })),
    );
  });
  it.each([
    { name: 'negative beta', options: { beta: -1 } },
    { name: 'order 0', options: { minOrder: 0 } },
    { name: 'max below min', options: { minOrder: 3, maxOrder: 2 } },
  ])('rejects $name', ({ options }) => {
    const r = chrf('a', 'a', options);
    expect(r.ok ? null : r.error.code).toBe('INVALID_ARGUMENT');
  });
});

describe('cosineSimilarity vs numpy', () => {
  it.each(golden.cosine)('$name', ({ a, b, value: expected }) => {
    const got = value(cosineSimilarity(Float64Array.from(a), b));
    // The golden rounds independently of ours (BLAS dot vs a sequential sum): allow 1e-12 absolute
    // for values near 0 (orthogonal vectors), 1e-12 relative otherwise.
    expect(Math.abs(got - expected)).toBeLessThanOrEqual(1e-12 * Math.max(Math.abs(expected), 1));
  });
  it.each([
    { name: 'zero vector', a: [0, 0], b: [1, 2], code: 'NOT_COMPUTABLE' },
    { name: 'length mismatch', a: [1, 2], b: [1], code: 'LENGTH_MISMATCH' },
    { name: 'empty', a: [], b: [], code: 'EMPTY_SAMPLE' },
    { name: 'NaN', a: [1, Number.NaN], b: [1, 2], code: 'INVALID_ARGUMENT' },
  ])('$name → $code', ({ a, b, code }) => {
    const r = cosineSimilarity(a, b);
    expect(r.ok ? null : r.error.code).toBe(code);
  });
  it('stays accurate for subnormal inputs', () => {
    expectClose(value(cosineSimilarity([5e-324, 0], [5e-324, 5e-324])), Math.SQRT1_2);
  });
});
