// The built-in price table (data only): public list prices of common models in USD per 1M tokens,
// used when a project has no price table of its own, or its table has no entry for a model. It is
// version 0 in `priceTableVersion`. Entries are tried in order and the first match wins, so the
// more specific patterns come first. Prices change: projects should post their own table.
import type { PriceEntry } from '@vigil/store';

/** DEFAULT_PRICES_AS_OF is the date the built-in prices were taken from the providers' pages. */
export const DEFAULT_PRICES_AS_OF = '2025-08-15';

type Row = readonly [match: string, input: number, cached: number | null, output: number];

// [glob, input, cached input, output] per 1M tokens.
const ROWS: readonly Row[] = [
  // OpenAI
  ['gpt-4o-mini*', 0.15, 0.075, 0.6],
  ['gpt-4o-2024-05-13', 5, null, 15],
  ['gpt-4o*', 2.5, 1.25, 10],
  ['chatgpt-4o-latest', 5, null, 15],
  ['gpt-4.1-nano*', 0.1, 0.025, 0.4],
  ['gpt-4.1-mini*', 0.4, 0.1, 1.6],
  ['gpt-4.1*', 2, 0.5, 8],
  ['gpt-4-turbo*', 10, null, 30],
  ['gpt-4-32k*', 60, null, 120],
  ['gpt-4', 30, null, 60],
  ['gpt-4-0*', 30, null, 60],
  ['gpt-3.5-turbo*', 0.5, null, 1.5],
  ['gpt-5-nano*', 0.05, 0.005, 0.4],
  ['gpt-5-mini*', 0.25, 0.025, 2],
  ['gpt-5-pro*', 15, null, 120],
  ['gpt-5*', 1.25, 0.125, 10],
  ['o1-mini*', 1.1, 0.55, 4.4],
  ['o1-pro*', 150, null, 600],
  ['o1*', 15, 7.5, 60],
  ['o3-mini*', 1.1, 0.55, 4.4],
  ['o3-pro*', 20, null, 80],
  ['o3*', 2, 0.5, 8],
  ['o4-mini*', 1.1, 0.275, 4.4],
  ['text-embedding-3-small', 0.02, null, 0],
  ['text-embedding-3-large', 0.13, null, 0],
  ['text-embedding-ada-002', 0.1, null, 0],
  // Anthropic
  ['claude-3-5-haiku*', 0.8, 0.08, 4],
  ['claude-3-haiku*', 0.25, 0.03, 1.25],
  ['claude-3-5-sonnet*', 3, 0.3, 15],
  ['claude-3-7-sonnet*', 3, 0.3, 15],
  ['claude-sonnet-4*', 3, 0.3, 15],
  ['claude-3-opus*', 15, 1.5, 75],
  ['claude-opus-4*', 15, 1.5, 75],
  // Google
  ['gemini-1.5-flash*', 0.075, null, 0.3],
  ['gemini-1.5-pro*', 1.25, null, 5],
  ['gemini-2.0-flash-lite*', 0.075, null, 0.3],
  ['gemini-2.0-flash*', 0.1, 0.025, 0.4],
  ['gemini-2.5-flash-lite*', 0.1, 0.025, 0.4],
  ['gemini-2.5-flash*', 0.3, 0.075, 2.5],
  ['gemini-2.5-pro*', 1.25, 0.31, 10],
  // Mistral
  ['mistral-large*', 2, null, 6],
  ['mistral-small*', 0.2, null, 0.6],
];

/** DEFAULT_PRICE_ENTRIES are the built-in prices as price-table entries (globs, first match wins). */
export const DEFAULT_PRICE_ENTRIES: readonly PriceEntry[] = ROWS.map(
  ([match, input, cached, output]) => ({
    match,
    matchKind: 'glob',
    inputPer1M: input,
    outputPer1M: output,
    cachedInputPer1M: cached,
    reasoningPer1M: null,
  }),
);
