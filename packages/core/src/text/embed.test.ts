import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { embeddingSimilarity, hashedEmbedding, normalizeForEmbedding } from './index.js';

// Reference vectors and cosines from scripts/gen-text-golden.py (an independent numpy version).
interface Golden {
  cases: {
    a: string;
    b: string;
    options: { dimensions: number; minN: number; maxN: number };
    embeddingA: Record<string, number>;
    cosine: number;
  }[];
}
const golden = JSON.parse(
  readFileSync(new URL('./testdata/embed.golden.json', import.meta.url), 'utf8'),
) as Golden;

const value = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

describe('hashedEmbedding', () => {
  it.each(golden.cases)('matches the reference vector of "$a"', ({ a, options, embeddingA }) => {
    const v = value(hashedEmbedding(a, options));
    expect(v).toHaveLength(options.dimensions);
    for (let i = 0; i < v.length; i++) {
      const expected = embeddingA[String(i)] ?? 0;
      expect(Math.abs(v[i] - expected)).toBeLessThanOrEqual(1e-12);
    }
  });

  it('is unit length for any non-empty text and zero for whitespace', () => {
    const v = value(hashedEmbedding('Refund please'));
    expect(Math.abs(v.reduce((s, x) => s + x * x, 0) - 1)).toBeLessThan(1e-12);
    expect(value(hashedEmbedding('  \n ')).every((x) => x === 0)).toBe(true);
  });

  it('normalises case and whitespace', () => {
    expect(normalizeForEmbedding('  Hi\tYou ')).toEqual(
      [...' hi you '].map((c) => c.charCodeAt(0)),
    );
  });

  it.each([
    { name: 'zero dimensions', options: { dimensions: 0 } },
    { name: 'fractional order', options: { minN: 1.5 } },
    { name: 'minN above maxN', options: { minN: 4, maxN: 3 } },
  ])('refuses $name', ({ options }) => {
    const r = hashedEmbedding('x', options);
    expect(r.ok ? 'ok' : r.error.code).toBe('INVALID_ARGUMENT');
  });
});

describe('embeddingSimilarity', () => {
  it.each(golden.cases)('matches numpy cosine for "$a" / "$b"', ({ a, b, options, cosine }) => {
    expect(Math.abs(value(embeddingSimilarity(a, b, options)) - cosine)).toBeLessThanOrEqual(1e-12);
  });

  it('is 1 for the same text and undefined against an empty one', () => {
    expect(value(embeddingSimilarity('the cat sat', 'The  cat sat'))).toBeCloseTo(1, 12);
    const r = embeddingSimilarity('', 'x y z');
    expect(r.ok ? 'ok' : r.error.code).toBe('NOT_COMPUTABLE');
  });
});
