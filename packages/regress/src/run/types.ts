// The result of a run: per case and repeat, the summary, and (after the gate) the verdict. This is
// the JSON that `--json` writes, the server stores, and `--baseline RUN.json` reads back.
import type { AssertionResult } from '../assert/types.js';
import type { Category } from '../golden/types.js';
import type { TargetKind } from '../targets/types.js';

/** RUN_FORMAT marks a run file. */
export const RUN_FORMAT = 'vigil-regress-run';

/** RepeatResult is one call of the target for one case, with its verdict. */
export interface RepeatResult {
  /** output of the target, cut at MAX_STORED_OUTPUT characters. */
  readonly output: string;
  readonly latencyMs: number;
  readonly costUsd: number | null;
  readonly pass: boolean;
  readonly score: number;
  readonly assertions: readonly AssertionResult[];
}

/** CaseResult is a case's verdict over its repeats: the median score decides. */
export interface CaseResult {
  readonly id: string;
  readonly category: Category;
  readonly tags: readonly string[];
  readonly pass: boolean;
  /** score: the median over repeats of the deciding score. */
  readonly score: number;
  /** counted is false for known-failure cases: reported, but outside the pass rate and the diff. */
  readonly counted: boolean;
  /** passes: how many repeats passed. */
  readonly passes: number;
  /** flaky: the repeats disagree (some passed, some failed). */
  readonly flaky: boolean;
  readonly repeats: readonly RepeatResult[];
  /** productionPass: for holdout runs, whether the production model got this row right. */
  readonly productionPass?: boolean;
}

/** RunSummary is the headline of a run. */
export interface RunSummary {
  readonly total: number;
  /** counted: cases in the pass rate (all but known-failure). */
  readonly counted: number;
  readonly passed: number;
  readonly failed: number;
  /** passRate = passed / counted (1 when nothing is counted). */
  readonly passRate: number;
  readonly flaky: number;
  /** knownFailuresPassing: known-failure cases that now pass (recategorise them). */
  readonly knownFailuresPassing: readonly string[];
  readonly meanLatencyMs: number | null;
  readonly totalCostUsd: number | null;
}

/** ClassicMetrics are a classifier's metrics on the holdout (from @vigil/core). */
export interface ClassicMetrics {
  readonly accuracy: number;
  readonly f1Macro: number;
  readonly precisionMacro: number;
  readonly recallMacro: number;
}

/** ClassicComparison compares a candidate's holdout predictions with production's. */
export interface ClassicComparison {
  readonly rows: number;
  readonly candidate: ClassicMetrics;
  readonly production: ClassicMetrics;
  /** accuracyDrop = production accuracy − candidate accuracy (absolute, positive = worse). */
  readonly accuracyDrop: number;
  readonly maxAccuracyDrop: number;
  readonly minAccuracy?: number;
}

/** RunResult is a whole run. */
export interface RunResult {
  readonly format: typeof RUN_FORMAT;
  readonly formatVersion: number;
  readonly id: string;
  /** startedAt in ISO 8601. */
  readonly startedAt: string;
  readonly durationMs: number;
  readonly set: {
    readonly name: string;
    readonly version: string;
    readonly hash: string;
    readonly file: string;
  };
  readonly target: { readonly name: string; readonly kind: TargetKind; readonly version: string };
  readonly repeats: number;
  readonly summary: RunSummary;
  readonly cases: readonly CaseResult[];
  readonly classic?: ClassicComparison;
}

/** MAX_STORED_OUTPUT caps each stored output so that runs stay small enough to post and keep. */
export const MAX_STORED_OUTPUT = 4000;

/** summarize computes a run's summary from its cases. */
export function summarize(cases: readonly CaseResult[]): RunSummary {
  const counted = cases.filter((c) => c.counted);
  const passed = counted.filter((c) => c.pass).length;
  let latency = 0;
  let calls = 0;
  let cost = 0;
  let priced = false;
  for (const c of cases) {
    for (const r of c.repeats) {
      latency += r.latencyMs;
      calls++;
      if (r.costUsd !== null) {
        cost += r.costUsd;
        priced = true;
      }
    }
  }
  return {
    total: cases.length,
    counted: counted.length,
    passed,
    failed: counted.length - passed,
    passRate: counted.length === 0 ? 1 : passed / counted.length,
    flaky: cases.filter((c) => c.flaky).length,
    knownFailuresPassing: cases.filter((c) => !c.counted && c.pass).map((c) => c.id),
    meanLatencyMs: calls === 0 ? null : latency / calls,
    totalCostUsd: priced ? cost : null,
  };
}
