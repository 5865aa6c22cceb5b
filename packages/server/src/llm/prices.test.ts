// Pricing: first matching entry wins (globs and regexes on the whole name), the table version in
// force at the call time, the built-in fallback, and cost by token type (cached, reasoning).
import type { PriceEntry, StoredPriceTable } from '@vigil/store';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PRICE_ENTRIES } from './default-prices.js';
import { computeCost, findPrice, lookupPrice, patternError, tableAt } from './prices.js';

const entry = (match: string, over: Partial<PriceEntry> = {}): PriceEntry => ({
  match,
  matchKind: 'glob',
  inputPer1M: 1,
  outputPer1M: 2,
  cachedInputPer1M: null,
  reasoningPer1M: null,
  ...over,
});

const table = (version: number, from: number, entries: PriceEntry[]): StoredPriceTable => ({
  projectId: 'p',
  version,
  effectiveFromMs: from,
  entries,
  createdMs: 0,
});

describe('findPrice', () => {
  it('takes the first entry matching the whole model name', () => {
    const entries = [
      entry('gpt-4o-mini*', { inputPer1M: 0.15 }),
      entry('gpt-4o*', { inputPer1M: 2.5 }),
    ];
    expect(findPrice(entries, 'gpt-4o-mini-2024-07-18')?.inputPer1M).toBe(0.15);
    expect(findPrice(entries, 'gpt-4o-2024-11-20')?.inputPer1M).toBe(2.5);
    expect(findPrice(entries, 'my-gpt-4o')).toBeNull();
    expect(findPrice([entry('a.b')], 'aXb')).toBeNull();
    expect(findPrice([entry('m-?')], 'm-7')).not.toBeNull();
  });

  it('anchors regexes and never throws on a bad one', () => {
    const re = entry('llama-\\d+b', { matchKind: 'regex' });
    expect(findPrice([re], 'llama-70b')).not.toBeNull();
    expect(findPrice([re], 'llama-70b-instruct')).toBeNull();
    expect(findPrice([entry('(', { matchKind: 'regex' })], '(')).toBeNull();
    expect(patternError('(', 'regex')).toMatch(/^invalid regular expression/);
    expect(patternError('(', 'glob')).toBeNull();
  });

  it('orders the built-in table from specific to general', () => {
    const price = (m: string) => findPrice(DEFAULT_PRICE_ENTRIES, m)?.inputPer1M;
    expect(price('gpt-4o-mini')).toBe(0.15);
    expect(price('gpt-4o')).toBe(2.5);
    expect(price('gpt-4o-2024-05-13')).toBe(5);
    expect(price('gpt-4.1-nano')).toBe(0.1);
    expect(price('gpt-4')).toBe(30);
    expect(price('o3-mini')).toBe(1.1);
    expect(price('o3')).toBe(2);
    expect(price('claude-sonnet-4-20250514')).toBe(3);
    expect(price('no-such-model')).toBeUndefined();
  });
});

describe('lookupPrice and tableAt', () => {
  const tables = [
    table(1, 1000, [entry('gpt-4o', { inputPer1M: 2 })]),
    table(2, 5000, [entry('gpt-4o', { inputPer1M: 1 })]),
    table(3, 5000, [entry('gpt-4o', { inputPer1M: 0.5 })]),
  ];
  it('uses the latest version in force, ties to the higher version', () => {
    expect(tableAt(tables, 999)).toBeNull();
    expect(tableAt(tables, 1000)?.version).toBe(1);
    expect(tableAt(tables, 4999)?.version).toBe(1);
    expect(tableAt(tables, 5000)?.version).toBe(3);
  });
  it("falls back to the built-in table (version 0) for models the project's table lacks", () => {
    expect(lookupPrice(tables, 'gpt-4o', 2000)).toMatchObject({
      version: 1,
      entry: { inputPer1M: 2 },
    });
    expect(lookupPrice(tables, 'gpt-4o', 10)).toMatchObject({
      version: 0,
      entry: { inputPer1M: 2.5 },
    });
    expect(lookupPrice(tables, 'gpt-4o-mini', 6000)).toMatchObject({ version: 0 });
    expect(lookupPrice(tables, 'acme-1', 6000)).toBeNull();
  });
});

describe('computeCost', () => {
  const e = entry('m', {
    inputPer1M: 3,
    outputPer1M: 15,
    cachedInputPer1M: 0.3,
    reasoningPer1M: 20,
  });
  it('prices each token type at its own rate', () => {
    // 1000 input of which 400 cached, 500 output of which 100 reasoning.
    const cost = computeCost(e, { input: 1000, output: 500, cachedInput: 400, reasoning: 100 });
    expect(cost).toBeCloseTo((600 * 3 + 400 * 0.3 + 400 * 15 + 100 * 20) / 1e6, 15);
  });
  it('uses the input and output prices when no cached or reasoning price is set', () => {
    const plain = entry('m', { inputPer1M: 3, outputPer1M: 15 });
    expect(
      computeCost(plain, { input: 1000, output: 500, cachedInput: 400, reasoning: 100 }),
    ).toBeCloseTo((1000 * 3 + 500 * 15) / 1e6, 15);
  });
  it('is null without any token count, and counts a missing side as zero', () => {
    expect(
      computeCost(e, { input: null, output: null, cachedInput: 5, reasoning: null }),
    ).toBeNull();
    expect(computeCost(e, { input: 1e6, output: null, cachedInput: null, reasoning: null })).toBe(
      3,
    );
    expect(computeCost(e, { input: 0, output: 0, cachedInput: null, reasoning: null })).toBe(0);
  });
});
