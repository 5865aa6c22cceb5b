// The server's one error type. Codes are stable API; the HTTP edge maps them to statuses.
import { StoreError } from '@vigil/store';

/** AppErrorCode lists every expected failure a request can meet. */
export type AppErrorCode =
  | 'BAD_REQUEST'
  | 'INVALID_JSON'
  | 'VALIDATION_FAILED'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'UNAVAILABLE'
  | 'INTERNAL';

/** AppIssue is one problem with the input: the field path and the reason. */
export interface AppIssue {
  readonly field: string;
  readonly reason: string;
}

/** AppError is an expected failure with a code, a client-safe message and optional issues. */
export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly issues: readonly AppIssue[];

  constructor(options: {
    code: AppErrorCode;
    message: string;
    issues?: readonly AppIssue[];
    cause?: unknown;
  }) {
    super(options.message, { cause: options.cause });
    this.name = 'AppError';
    this.code = options.code;
    this.issues = options.issues ?? [];
  }
}

const FROM_STORE: Record<StoreError['code'], AppErrorCode> = {
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  INVALID_ARGUMENT: 'BAD_REQUEST',
  UNAVAILABLE: 'UNAVAILABLE',
  MIGRATION_FAILED: 'INTERNAL',
};

/**
 * toAppError converts anything thrown into an AppError: store errors keep their meaning, anything
 * unknown becomes INTERNAL with a generic message (the original stays in `cause` for the log).
 */
export function toAppError(e: unknown): AppError {
  if (e instanceof AppError) return e;
  if (e instanceof StoreError) {
    const code = FROM_STORE[e.code];
    return new AppError({
      code,
      message: code === 'INTERNAL' ? 'internal error' : e.message,
      cause: e,
    });
  }
  return new AppError({ code: 'INTERNAL', message: 'internal error', cause: e });
}
