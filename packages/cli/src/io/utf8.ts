// UTF-8 checks for text inputs. node:buffer's isUtf8 validates at native speed; only when it fails
// do we walk the bytes in JavaScript to find where, so the error can name the line and column.

/**
 * firstInvalidUtf8 returns the offset of the first byte in bytes[start, end) that breaks UTF-8
 * (RFC 3629: no overlongs, no surrogates, max U+10FFFF), or -1 when the range is valid. A sequence
 * cut off by `end` counts as invalid.
 */
export function firstInvalidUtf8(bytes: Uint8Array, start: number, end: number): number {
  let i = start;
  while (i < end) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else {
      return i;
    }
    if (i + need >= end) return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if ((c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/** lineAndColumn converts a byte offset to a 1-based line and column, counting from `line` at `start`. */
export function lineAndColumn(
  bytes: Uint8Array,
  start: number,
  offset: number,
  line: number,
): { line: number; column: number } {
  let lineStart = start;
  for (let i = start; i < offset; i++) {
    if (bytes[i] === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
