// One stable 64-bit hash for fingerprints and schedule offsets. Stable IDs are API (STYLE.md §7):
// the same input must give the same hash on every machine and every release.

const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK_64 = 0xffffffffffffffffn;
const encoder = new TextEncoder();

/**
 * fnv1a64 hashes the UTF-8 bytes of `text` with 64-bit FNV-1a (the hash Prometheus uses for label
 * fingerprints). Example: fnv1a64('') → 0xcbf29ce484222325n; fnv1a64('a') → 0xaf63dc4c8601ec8cn.
 */
export function fnv1a64(text: string): bigint {
  let h = FNV_OFFSET;
  for (const byte of encoder.encode(text)) {
    h ^= BigInt(byte);
    h = (h * FNV_PRIME) & MASK_64;
  }
  return h;
}

/** hex64 renders a 64-bit hash as 16 lowercase hex digits. Example: hex64(255n) → '00000000000000ff'. */
export function hex64(h: bigint): string {
  return h.toString(16).padStart(16, '0');
}
