// Running a golden set against a target: every case `repeats` times (each call fresh), assertions
// evaluated per output, the median deciding each case. A target that keeps failing stops the run
// with TARGET_DOWN: its cases are not counted as failures.
import { randomUUID } from 'node:crypto';
import { compileAssertion, evaluateAssertions } from '../assert/registry.js';
import type { CompiledAssertion, Judge } from '../assert/types.js';
import { RegressError } from '../errors.js';
import type { AssertionSpec, GoldenSet } from '../golden/types.js';
import type { Target } from '../targets/types.js';
import { callWithRetry } from './call.js';
import { median, runPool } from './pool.js';
import {
  type CaseResult,
  MAX_STORED_OUTPUT,
  RUN_FORMAT,
  type RepeatResult,
  type RunResult,
  summarize,
} from './types.js';

/** RunOptions configure {@link runGoldenSet}. */
export interface RunOptions {
  /** repeats per case (≥ 1). */
  readonly repeats: number;
  readonly concurrency: number;
  readonly timeoutMs: number;
  readonly retries: number;
  readonly backoffMs?: number;
  readonly judge?: Judge;
  readonly signal?: AbortSignal;
  /** onProgress is called after each call with the number of calls done and the total. */
  readonly onProgress?: (done: number, total: number) => void;
  readonly now?: () => Date;
}

/**
 * decideCase folds a case's repeats into its verdict. Each repeat's deciding score is its weighted
 * score when the case has a threshold, else 1/0 for pass/fail; the case passes when the median of
 * those reaches the threshold (1 without one: a strict majority of repeats must pass). `score` is
 * the median weighted score; `flaky` marks repeats that disagree.
 */
export function decideCase(
  repeats: readonly RepeatResult[],
  threshold: number | undefined,
): { pass: boolean; score: number; passes: number; flaky: boolean } {
  const passes = repeats.filter((r) => r.pass).length;
  const deciding = repeats.map((r) => (threshold === undefined ? (r.pass ? 1 : 0) : r.score));
  const pass = median(deciding) >= (threshold ?? 1);
  return {
    pass,
    score: median(repeats.map((r) => r.score)),
    passes,
    flaky: passes > 0 && passes < repeats.length,
  };
}

/** runGoldenSet runs every case of `set` against `target` and returns the run (without a gate). */
export async function runGoldenSet(
  set: GoldenSet,
  target: Target,
  options: RunOptions,
): Promise<RunResult> {
  const now = options.now ?? (() => new Date());
  const started = now();
  const t0 = performance.now();
  const needsJudge = set.cases.some((c) => c.assert.some((a) => a.type === 'llm-rubric'));
  if (needsJudge && options.judge === undefined) {
    throw new RegressError(
      'INVALID_TARGET',
      `${set.file}: the set uses llm-rubric: give the target file a \`judge\``,
    );
  }
  // Compile once per assertion spec (defaults are shared between cases).
  const cache = new Map<AssertionSpec, CompiledAssertion>();
  const compiled = set.cases.map((c) =>
    c.assert.map((a) => {
      let x = cache.get(a);
      if (x === undefined) {
        x = compileAssertion(a);
        cache.set(a, x);
      }
      return x;
    }),
  );
  const repeats = options.repeats;
  const results: RepeatResult[][] = set.cases.map(() => new Array(repeats));
  const total = set.cases.length * repeats;
  const stop = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
  let done = 0;
  // Repeat-major order: the repeats of one case are spread over the run, not sent back to back.
  await runPool(
    total,
    options.concurrency,
    async (i) => {
      const r = Math.floor(i / set.cases.length);
      const k = i % set.cases.length;
      const c = set.cases[k];
      let call: Awaited<ReturnType<typeof callWithRetry>>;
      try {
        call = await callWithRetry(target, c, options, signal);
      } catch (e) {
        if (options.signal?.aborted) throw new RegressError('CANCELLED', 'the run was cancelled');
        if (e instanceof RegressError) throw e;
        throw new RegressError(
          'TARGET_DOWN',
          `target ${target.name} failed on case ${c.id}: ${(e as Error).message}`,
          { cause: e },
        );
      }
      const verdict = await evaluateAssertions(compiled[k], c.threshold, {
        output: call.output,
        expected: c.expected,
        input: c.input,
        latencyMs: call.latencyMs,
        costUsd: call.costUsd,
        ...(options.judge === undefined ? {} : { judge: options.judge }),
      });
      results[k][r] = {
        output:
          call.output.length > MAX_STORED_OUTPUT
            ? `${call.output.slice(0, MAX_STORED_OUTPUT)}…`
            : call.output,
        latencyMs: call.latencyMs,
        costUsd: call.costUsd,
        pass: verdict.pass,
        score: verdict.score,
        assertions: verdict.assertions,
      };
      done++;
      options.onProgress?.(done, total);
    },
    () => stop.abort(new Error('the run stopped')),
  );
  const cases: CaseResult[] = set.cases.map((c, k) => ({
    id: c.id,
    category: c.category,
    tags: c.tags,
    counted: c.category !== 'known-failure',
    ...decideCase(results[k], c.threshold),
    repeats: results[k],
  }));
  return {
    format: RUN_FORMAT,
    formatVersion: 1,
    id: randomUUID(),
    startedAt: started.toISOString(),
    durationMs: performance.now() - t0,
    set: { name: set.name, version: set.version, hash: set.hash, file: set.file },
    target: { name: target.name, kind: target.kind, version: target.version },
    repeats,
    summary: summarize(cases),
    cases,
  };
}
