// Deterministic variant assignment for experiments and canaries. The SDK, the gateway and the
// server must give the same unit the same variant, so this file is the one implementation they all
// import. It has no dependency (no zod): the SDK loads it through `@vigil/contracts/experiment-assign`
// without pulling the schemas in at run time.

/** ExperimentWeight is one variant and its traffic weight (any non-negative finite number). */
export interface ExperimentWeight {
  readonly name: string;
  readonly weight: number;
}

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;
const encoder = new TextEncoder();

/**
 * murmur3x86_32 is Austin Appleby's MurmurHash3 x86 32-bit hash of `key`'s UTF-8 bytes, as an
 * unsigned 32-bit integer. Example: murmur3x86_32('hello') = 0x248bfa47 (613153351);
 * murmur3x86_32('') = 0; with seed 0x9747b28c, 'Hello, world!' = 0x24884cba.
 */
export function murmur3x86_32(key: string, seed = 0): number {
  const bytes = encoder.encode(key);
  const n = bytes.length;
  const blocks = n & ~3;
  let h = seed >>> 0;
  for (let i = 0; i < blocks; i += 4) {
    let k = bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24);
    k = Math.imul(k, C1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, C2);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  const tail = n & 3;
  if (tail > 0) {
    // The tail bytes are folded in from the last one down, as in the reference implementation.
    let k = 0;
    if (tail === 3) k ^= bytes[blocks + 2] << 16;
    if (tail >= 2) k ^= bytes[blocks + 1] << 8;
    k ^= bytes[blocks];
    k = Math.imul(k, C1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, C2);
    h ^= k;
  }
  h ^= n;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * assignmentPoint maps a unit to its point u in [0, 1) for one experiment:
 * u = murmur3x86_32(`${experimentKey}:${unitId}`, seed 0) / 2^32. The experiment key is part of the
 * hash so that a unit's variants in two experiments are independent.
 * Example: assignmentPoint('user-1', 'exp') = murmur3x86_32('exp:user-1') / 4294967296.
 */
export function assignmentPoint(unitId: string, experimentKey: string): number {
  return murmur3x86_32(`${experimentKey}:${unitId}`) / 4294967296;
}

/**
 * assignVariant returns the variant of `unitId` in `experimentKey`: the first variant whose
 * cumulative weight exceeds u · Σw, with u = assignmentPoint(unitId, experimentKey). Variants keep
 * the given order; weights need not sum to 1 (10 and 90 is 10 %); a zero weight is never chosen.
 * The same inputs give the same answer in every process and language that follows this rule.
 * Edge-case policy: no variant with a positive finite weight (or a negative or non-finite weight
 * anywhere) → null, never a throw, so the SDK can fall back to its default.
 * Example: weights [baseline 0.95, candidate 0.05]: a unit with u = 0.97 gets `candidate`.
 */
export function assignVariant(
  unitId: string,
  experimentKey: string,
  variants: readonly ExperimentWeight[],
): string | null {
  let total = 0;
  let last: string | null = null;
  for (const v of variants) {
    if (!(Number.isFinite(v.weight) && v.weight >= 0)) return null;
    total += v.weight;
    if (v.weight > 0) last = v.name;
  }
  if (!(total > 0 && Number.isFinite(total))) return null;
  const target = assignmentPoint(String(unitId), String(experimentKey)) * total;
  let acc = 0;
  for (const v of variants) {
    acc += v.weight;
    if (v.weight > 0 && target < acc) return v.name;
  }
  // Rounding can leave the cumulative sum a hair below total: the last positive weight takes it.
  return last;
}
