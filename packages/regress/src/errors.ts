// The regression gate's one error type. `code` decides the exit status of `vigil regress run`:
// every code is an error (exit 2), never a failed case.

/** RegressErrorCode lists the failures that stop a run before it can judge anything. */
export type RegressErrorCode =
  | 'INVALID_SET'
  | 'INVALID_TARGET'
  | 'INVALID_BASELINE'
  | 'TARGET_DOWN'
  | 'JUDGE_DOWN'
  | 'CANCELLED';

/** RegressError is thrown by the runner and the parsers; the message is one line for the user. */
export class RegressError extends Error {
  readonly code: RegressErrorCode;

  constructor(code: RegressErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, options);
    this.name = 'RegressError';
    this.code = code;
  }
}
