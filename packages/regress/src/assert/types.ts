// What an assertion sees (the target's answer and the case) and what it returns.
import type { AssertionSpec, CaseInput } from '../golden/types.js';

/** JudgeVerdict is an LLM judge's answer about one output. */
export interface JudgeVerdict {
  readonly pass: boolean;
  /** score in [0, 1]. */
  readonly score: number;
  readonly reason: string;
}

/** Judge grades an output against a rubric (llm-rubric); it throws when the judge is unreachable. */
export type Judge = (request: {
  readonly rubric: string;
  readonly output: string;
  readonly input: CaseInput;
  readonly expected: unknown;
}) => Promise<JudgeVerdict>;

/** AssertionContext is one output of the target for one case, with what came along with it. */
export interface AssertionContext {
  readonly output: string;
  readonly expected: unknown;
  readonly input: CaseInput;
  /** latencyMs of the target call that produced `output`. */
  readonly latencyMs: number;
  /** costUsd of that call, when the target reports or prices it; null otherwise. */
  readonly costUsd: number | null;
  /** judge for llm-rubric; absent when none is configured. */
  readonly judge?: Judge;
}

/** AssertionOutcome is an assertion's raw verdict, before `not-` is applied. */
export interface AssertionOutcome {
  readonly pass: boolean;
  /** score in [0, 1]: the metric value, or 1/0 for yes/no checks. */
  readonly score: number;
  /** reason says why, in a few words ("ROUGE-L 0.42 < 0.5"). */
  readonly reason: string;
}

/** AssertionResult is the verdict of one assertion on one output, `not-` applied. */
export interface AssertionResult {
  /** type as written, `not-` included. */
  readonly type: string;
  readonly pass: boolean;
  readonly score: number;
  readonly weight: number;
  readonly reason: string;
}

/** CompiledAssertion is an assertion ready to run (regexes, schemas and scripts compiled once). */
export interface CompiledAssertion {
  readonly spec: AssertionSpec;
  /** async is true when evaluate returns a promise (llm-rubric). */
  readonly async: boolean;
  evaluate(ctx: AssertionContext): AssertionOutcome | Promise<AssertionOutcome>;
}

/** outcome builds an AssertionOutcome from a pass flag (score 1/0) and a reason. */
export function outcome(pass: boolean, reason: string): AssertionOutcome {
  return { pass, score: pass ? 1 : 0, reason };
}
