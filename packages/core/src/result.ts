/**
 * CoreErrorCode lists every expected data condition the core reports as a value instead of throwing.
 * Codes are stable API: callers (CLI, monitors) branch on them.
 */
export type CoreErrorCode =
  | 'EMPTY_REFERENCE'
  | 'EMPTY_CURRENT'
  | 'EMPTY_SAMPLE'
  | 'ALL_MISSING'
  | 'CONSTANT'
  | 'SINGLE_CATEGORY'
  | 'WRONG_KIND'
  | 'UNKNOWN_METHOD'
  | 'INVALID_ARGUMENT'
  | 'LENGTH_MISMATCH'
  | 'TOO_FEW_VALUES'
  | 'INCOMPATIBLE_PROFILES'
  | 'NOT_COMPUTABLE';

/** CoreError is the error half of a Result: a stable code and a one-line human message. */
export interface CoreError {
  readonly code: CoreErrorCode;
  readonly message: string;
}

/** Result is the return type of every core function that can meet bad data. */
export type Result<T, E = CoreError> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: E };

/** ok wraps a value in a successful Result. */
export function ok<T>(value: T): Result<T, never> {
  return { ok: true, value };
}

/** err builds a failed Result from a code and a message. */
export function err(code: CoreErrorCode, message: string): Result<never, CoreError> {
  return { ok: false, error: { code, message } };
}
