// Number parsing for text formats. The fast path reads digits straight from the bytes; it is exact
// because it only handles mantissas below 2^53 with |exponent| <= 22, where m * 10^e (or m / 10^-e)
// is a single correctly rounded IEEE operation on two exact operands (Clinger's fast path). Anything
// else goes through the slow path, which uses Number() on the text, so results always equal
// JavaScript's own parsing.

const POW10 = new Float64Array(23);
POW10[0] = 1;
for (let i = 1; i < 23; i++) POW10[i] = POW10[i - 1] * 10;

const TWO_53 = 9007199254740992;

/**
 * parseNumberBytes parses bytes[start, end) as a plain decimal number ("-12.5e3") exactly, or
 * returns undefined when the text is not in the fast-path form (the caller then uses parseNumberText).
 * Example: bytes of "3.25" -> 3.25; "1e400" -> undefined (slow path gives Infinity).
 */
export function parseNumberBytes(
  bytes: Uint8Array,
  start: number,
  end: number,
): number | undefined {
  let i = start;
  if (i >= end) return undefined;
  let c = bytes[i];
  let negative = false;
  if (c === 45 /* - */) {
    negative = true;
    i++;
  } else if (c === 43 /* + */) {
    i++;
  }
  let mantissa = 0;
  let digits = 0;
  let exponent = 0;
  c = i < end ? bytes[i] : 0;
  while (c >= 48 && c <= 57) {
    mantissa = mantissa * 10 + (c - 48);
    digits++;
    c = ++i < end ? bytes[i] : 0;
  }
  if (c === 46 /* . */) {
    c = ++i < end ? bytes[i] : 0;
    while (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      exponent--;
      digits++;
      c = ++i < end ? bytes[i] : 0;
    }
  }
  if (digits === 0) return undefined;
  if (c === 101 || c === 69 /* e E */) {
    i++;
    let expNegative = false;
    if (i < end && (bytes[i] === 45 || bytes[i] === 43)) {
      expNegative = bytes[i] === 45;
      i++;
    }
    let e = 0;
    let expDigits = 0;
    c = i < end ? bytes[i] : 0;
    while (c >= 48 && c <= 57) {
      e = e * 10 + (c - 48);
      expDigits++;
      if (e > 1000) return undefined;
      c = ++i < end ? bytes[i] : 0;
    }
    if (expDigits === 0) return undefined;
    exponent += expNegative ? -e : e;
  }
  if (i !== end || mantissa >= TWO_53 || exponent < -22 || exponent > 22) return undefined;
  const value = exponent < 0 ? mantissa / POW10[-exponent] : mantissa * POW10[exponent];
  return negative ? -value : value;
}

const NUMBER_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const INFINITY_RE = /^([+-]?)(?:inf|infinity)$/i;

/**
 * parseNumberText parses a cell's text as a number: decimal notation or inf/infinity (any case),
 * surrounding spaces allowed. Returns undefined for anything else (hex, "1,5", words).
 * Example: " 42 " -> 42; "-inf" -> -Infinity; "0x10" -> undefined.
 */
export function parseNumberText(text: string): number | undefined {
  const t = text.trim();
  if (NUMBER_RE.test(t)) return Number(t);
  const m = INFINITY_RE.exec(t);
  if (m) return m[1] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  return undefined;
}
