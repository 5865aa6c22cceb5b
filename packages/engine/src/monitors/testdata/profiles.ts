// Test fixtures: profiles built the way the server builds them (baseline from reference values,
// window profiles shaped like the baseline). Test-only: excluded from the build.
import {
  type CategoricalProfile,
  createCategoricalProfile,
  createNumericProfile,
  createProfileLike,
  createRng,
  type NumericProfile,
  numericProfileFromReference,
  updateCategorical,
  updateNumeric,
} from '@vigil/core';

export function normals(n: number, seed: number, mean = 0, std = 1): number[] {
  const rng = createRng(seed);
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(mean + std * rng.normal());
  return out;
}

export function baselineOf(values: readonly (number | null)[]): NumericProfile {
  const r = numericProfileFromReference(values);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

export function windowLike(
  base: NumericProfile,
  values: readonly (number | null)[],
): NumericProfile {
  const p = createProfileLike(base);
  updateNumeric(p, values);
  return p;
}

export function sketchOnly(values: readonly (number | null)[]): NumericProfile {
  const r = createNumericProfile();
  if (!r.ok) throw new Error(r.error.message);
  updateNumeric(r.value, values);
  return r.value;
}

export function categories(values: readonly (string | null)[]): CategoricalProfile {
  const r = createCategoricalProfile();
  if (!r.ok) throw new Error(r.error.message);
  updateCategorical(r.value, values);
  return r.value;
}

export function repeat<T>(items: readonly T[], n: number): T[] {
  const out: T[] = [];
  for (let i = 0; i < n; i++) out.push(items[i % items.length]);
  return out;
}
