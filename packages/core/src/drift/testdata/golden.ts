// Test helper: loads drift.golden.json (written by packages/core/scripts/gen-drift-golden.py) and
// checks one case through the public driftTest.
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { driftTest } from '../drift-test.js';
import type { ColumnData, DriftMethodName, DriftResult } from '../types.js';

interface GenSpec {
  gen: 'mod';
  n: number;
  mult: number;
  add: number;
  mod: number;
  scale: number;
  offset: number;
  append: number[];
}

/** GoldenCase is one reference case: method, inputs and the expected numbers (null = not checked). */
export interface GoldenCase {
  name: string;
  method: DriftMethodName;
  kind: 'numerical' | 'categorical';
  reference: number[] | string[] | GenSpec;
  current: number[] | string[] | GenSpec;
  statistic: number | null;
  statistic_infinite: boolean;
  p_value: number | null;
  score: number | null;
  bins?: number;
  p_value_absolute?: number;
}

interface GoldenFile {
  tolerance: { relative: number; statistic_absolute: number; p_value_absolute: number };
  cases: GoldenCase[];
}

const golden = JSON.parse(
  readFileSync(new URL('./drift.golden.json', import.meta.url), 'utf8'),
) as GoldenFile;

/** goldenCases returns the golden cases of one method. */
export function goldenCases(method: DriftMethodName): GoldenCase[] {
  return golden.cases.filter((c) => c.method === method);
}

/** allGoldenCases returns every golden case. */
export function allGoldenCases(): GoldenCase[] {
  return golden.cases;
}

function values(input: GoldenCase['reference']): number[] | string[] {
  if (Array.isArray(input)) return input;
  const out: number[] = [];
  // Integer part exact below 2^53, then one multiply and one add: the generator's arithmetic.
  for (let i = 0; i < input.n; i++)
    out.push(((input.mult * i + input.add) % input.mod) * input.scale + input.offset);
  return out.concat(input.append);
}

/** goldenColumn builds the ColumnData of one side of a case. */
export function goldenColumn(kind: GoldenCase['kind'], input: GoldenCase['reference']): ColumnData {
  const v = values(input);
  if (kind === 'numerical') return { kind, values: Float64Array.from(v as number[]) };
  return { kind, values: v as string[] };
}

function near(actual: number | null, expected: number, absolute: number, label: string): void {
  expect(actual, label).not.toBeNull();
  const a = actual as number;
  const tol = golden.tolerance.relative * Math.abs(expected) + absolute;
  expect(Math.abs(a - expected) <= tol, `${label}: got ${a}, want ${expected}`).toBe(true);
}

/** runGolden runs one golden case through driftTest and checks statistic, p-value and score. */
export function runGolden(c: GoldenCase): DriftResult {
  const result = driftTest(goldenColumn(c.kind, c.reference), goldenColumn(c.kind, c.current), {
    method: c.method,
    ...(c.bins !== undefined ? { bins: c.bins } : {}),
  });
  if (!result.ok) throw new Error(`${c.name}: ${result.error.code} ${result.error.message}`);
  const r = result.value;
  const tol = golden.tolerance;
  if (c.statistic_infinite) {
    expect(Number.isFinite(r.statistic ?? 0), `${c.name} statistic`).toBe(false);
  } else if (c.statistic !== null) {
    near(r.statistic, c.statistic, tol.statistic_absolute, `${c.name} statistic`);
  }
  const pAbsolute = c.p_value_absolute ?? tol.p_value_absolute;
  if (c.p_value !== null) near(r.pValue, c.p_value, pAbsolute, `${c.name} p-value`);
  if (c.score !== null) {
    near(
      r.score,
      c.score,
      c.p_value !== null ? pAbsolute : tol.statistic_absolute,
      `${c.name} score`,
    );
  }
  return r;
}
