// Errors of the SDK. Only the constructor throws (VigilConfigError, for options the caller passed);
// everything after that is reported to a replaceable onError handler as a VigilSdkError.

/** VigilSdkErrorCode says what went wrong with one or more events. */
export type VigilSdkErrorCode =
  /** The event failed the SDK's own checks and was never buffered. */
  | 'INVALID_EVENT'
  /** The server refused the event (per-item result of a 207 or 400); `issues` say why. */
  | 'REJECTED'
  /** The buffer was full: the oldest events were dropped to make room; `count` says how many. */
  | 'BUFFER_FULL'
  /** A batch could not be delivered: retries exhausted, or a status that retrying cannot fix. */
  | 'SEND_FAILED'
  /** An event was logged after close(): it is not sent. */
  | 'CLIENT_CLOSED'
  /** resolveModel could not get an answer (unknown reference, server unreachable or failing). */
  | 'RESOLVE_FAILED'
  /** getPrompt could not get an answer from the server (a cached or fallback prompt was used, or none). */
  | 'PROMPT_FETCH_FAILED'
  /** variantFor could not get an experiment's config (a cached one was used, or none). */
  | 'EXPERIMENT_FETCH_FAILED';

/** VigilSdkIssue is one reason for a rejection: the field (e.g. `events[0].features.age`) and why. */
export interface VigilSdkIssue {
  readonly field: string;
  readonly reason: string;
}

/** VigilSdkErrorInit holds the details of a VigilSdkError. */
export interface VigilSdkErrorInit {
  readonly code: VigilSdkErrorCode;
  readonly message: string;
  /** Ids of the events concerned, when known. */
  readonly eventIds?: readonly string[];
  /** How many events are concerned (eventIds may be omitted for large drops). */
  readonly count?: number;
  readonly issues?: readonly VigilSdkIssue[];
  /** HTTP status of the last answer, when there was one. */
  readonly status?: number;
  readonly cause?: unknown;
}

/** VigilSdkError is what onError receives: a code, a message and the events concerned. */
export class VigilSdkError extends Error {
  readonly code: VigilSdkErrorCode;
  readonly eventIds: readonly string[];
  readonly count: number;
  readonly issues: readonly VigilSdkIssue[];
  readonly status: number | undefined;

  constructor(init: VigilSdkErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'VigilSdkError';
    this.code = init.code;
    this.eventIds = init.eventIds ?? [];
    this.count = init.count ?? this.eventIds.length;
    this.issues = init.issues ?? [];
    this.status = init.status;
  }
}

/** VigilConfigError is thrown by the VigilClient constructor for an invalid explicit option. */
export class VigilConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'VigilConfigError';
  }
}

/** ErrorHandler receives every failure of the record and flush paths. */
export type ErrorHandler = (error: VigilSdkError) => void;

const QUIET_MS = 10_000;

/**
 * createDefaultErrorHandler returns the handler used when none is given: it writes one line per
 * error to stderr, at most one per code every 10 s (with the number suppressed), so a flood of
 * bad events cannot flood the host's logs.
 */
export function createDefaultErrorHandler(
  options: { write?: (line: string) => void; now?: () => number } = {},
): ErrorHandler {
  const write = options.write ?? ((line: string) => console.warn(line));
  const now = options.now ?? Date.now;
  const last = new Map<VigilSdkErrorCode, { at: number; suppressed: number }>();
  return (e) => {
    const t = now();
    const seen = last.get(e.code);
    if (seen !== undefined && t - seen.at < QUIET_MS) {
      seen.suppressed++;
      return;
    }
    const more = seen?.suppressed ? ` (${seen.suppressed} similar errors suppressed)` : '';
    last.set(e.code, { at: t, suppressed: 0 });
    write(`[vigil] ${e.code}: ${e.message}${more}`);
  };
}

/**
 * safeReport calls the handler and swallows anything it throws (after a last-resort line on
 * stderr), so a faulty handler can never break the caller of a record or flush method.
 */
export function safeReport(handler: ErrorHandler, error: VigilSdkError): void {
  try {
    handler(error);
  } catch (e) {
    try {
      console.error('[vigil] the onError handler threw:', e, 'while reporting:', error.message);
    } catch {
      // Even stderr can fail (closed pipe); there is nowhere left to report to.
    }
  }
}
