// The target port: something that answers a golden case (a chat endpoint, any HTTP endpoint, a
// shell command). Holdout runs of classic models have their own path (classic.ts).
import type { GoldenCase } from '../golden/types.js';

/** TargetKind names the kinds of target a target file can declare. */
export type TargetKind = 'openai' | 'http' | 'shell' | 'classic';

/** TargetCall is one answer of a target. */
export interface TargetCall {
  readonly output: string;
  readonly latencyMs: number;
  /** costUsd when the target reports it or its tokens can be priced; null otherwise. */
  readonly costUsd: number | null;
}

/** Target answers golden cases; every call is made afresh (nothing is cached across repeats). */
export interface Target {
  readonly name: string;
  readonly kind: Exclude<TargetKind, 'classic'>;
  /** version identifies what is under test: a model version, a prompt version, or both. */
  readonly version: string;
  /** call answers one case; it throws TargetCallError when the target fails. */
  call(c: GoldenCase, signal: AbortSignal): Promise<TargetCall>;
}

/** TargetCallError is a failed call; `retryable` failures (network, 5xx, 429, timeout) are retried. */
export class TargetCallError extends Error {
  readonly retryable: boolean;

  constructor(message: string, retryable: boolean, options: { cause?: unknown } = {}) {
    super(message, options);
    this.name = 'TargetCallError';
    this.retryable = retryable;
  }
}

/** fetchFailure turns a fetch rejection into a TargetCallError (aborts by the caller stay aborts). */
export function fetchFailure(url: string, e: unknown, signal: AbortSignal): Error {
  if (signal.aborted) return signal.reason instanceof Error ? signal.reason : new Error('aborted');
  const cause = (e as { cause?: { code?: string; message?: string } }).cause;
  const detail = cause?.code ?? cause?.message ?? (e as Error).message;
  return new TargetCallError(`${url}: ${detail}`, true, { cause: e });
}

/** httpFailure turns a non-2xx status into a TargetCallError; 408, 429 and 5xx are retryable. */
export function httpFailure(url: string, status: number, body: string): TargetCallError {
  const retryable = status === 408 || status === 429 || status >= 500;
  return new TargetCallError(
    `${url} answered HTTP ${status}: ${body.slice(0, 200).replace(/\s+/g, ' ')}`,
    retryable,
  );
}
