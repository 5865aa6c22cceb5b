// The gate: a run passes when its pass rate reaches the threshold and no case regresses against
// the baseline (the last accepted run of the same target). Holdout runs of classic models pass when
// the candidate's accuracy is within `maxAccuracyDrop` of production's.
import { bootstrapCI, mcnemarTest } from '@vigil/core';
import type { CaseResult, RunResult } from '../run/types.js';

/** DEFAULT_MIN_PASS_RATE is the pass rate below which a run blocks a deploy (DESIGN: 95 %). */
export const DEFAULT_MIN_PASS_RATE = 0.95;

/** BaselineDiff is the per-case difference between a run and its baseline. */
export interface BaselineDiff {
  readonly baselineRunId: string;
  readonly baselineVersion: string;
  /** setChanged: the baseline ran another version of the set (cases matched by id). */
  readonly setChanged: boolean;
  /** compared: counted cases present in both runs. */
  readonly compared: number;
  readonly newlyFailing: readonly string[];
  readonly newlyPassing: readonly string[];
  readonly onlyInRun: readonly string[];
  readonly onlyInBaseline: readonly string[];
}

/** PairedTest is the significance of a pass-rate change on the same cases. */
export interface PairedTest {
  /** what is compared: the run against its baseline, or a candidate against production. */
  readonly comparison: 'baseline' | 'production';
  readonly method: 'mcnemar-exact' | 'mcnemar-chi-squared';
  /** b: passed before, fails now; c: failed before, passes now. */
  readonly b: number;
  readonly c: number;
  readonly pValue: number;
  /** passRateChange: now − before on the compared cases. */
  readonly passRateChange: number;
  /** interval: paired bootstrap 95 % percentile interval of the change (10 000 resamples, seed 0). */
  readonly interval: readonly [number, number] | null;
}

/** GateResult is the verdict of the gate. */
export interface GateResult {
  readonly pass: boolean;
  /** reasons the gate failed, one line each (empty when it passed). */
  readonly reasons: readonly string[];
  readonly passRate: number;
  readonly minPassRate: number;
  readonly diff: BaselineDiff | null;
  readonly test: PairedTest | null;
}

/** GateOptions configure {@link evaluateGate}. */
export interface GateOptions {
  readonly minPassRate?: number;
  readonly baseline?: RunResult | null;
}

function pairedTest(
  now: boolean[],
  before: boolean[],
  comparison: PairedTest['comparison'],
): PairedTest | null {
  if (now.length === 0) return null;
  let b = 0;
  let c = 0;
  for (let i = 0; i < now.length; i++) {
    if (before[i] && !now[i]) b++;
    if (!before[i] && now[i]) c++;
  }
  const test = mcnemarTest({ b, c }, { method: 'auto' });
  if (!test.ok) return null;
  const a = Float64Array.from(now, (x) => (x ? 1 : 0));
  const z = Float64Array.from(before, (x) => (x ? 1 : 0));
  const boot =
    now.length >= 2
      ? bootstrapCI({ a, b: z, paired: true }, 'pass rate difference', {
          method: 'percentile',
          seed: 0,
        })
      : null;
  return {
    comparison,
    method: test.value.method === 'exact' ? 'mcnemar-exact' : 'mcnemar-chi-squared',
    b,
    c,
    pValue: test.value.pValue,
    passRateChange: (c - b) / now.length,
    interval: boot?.ok
      ? [boot.value.confidenceInterval.lower, boot.value.confidenceInterval.upper]
      : null,
  };
}

/** diffRuns compares a run's counted cases with a baseline's, by case id. */
export function diffRuns(
  run: RunResult,
  baseline: RunResult,
): { diff: BaselineDiff; now: boolean[]; before: boolean[] } {
  const base = new Map<string, CaseResult>(
    baseline.cases.filter((c) => c.counted).map((c) => [c.id, c]),
  );
  const ids = new Set<string>();
  const newlyFailing: string[] = [];
  const newlyPassing: string[] = [];
  const onlyInRun: string[] = [];
  const now: boolean[] = [];
  const before: boolean[] = [];
  for (const c of run.cases) {
    if (!c.counted) continue;
    ids.add(c.id);
    const b = base.get(c.id);
    if (b === undefined) {
      onlyInRun.push(c.id);
      continue;
    }
    now.push(c.pass);
    before.push(b.pass);
    if (b.pass && !c.pass) newlyFailing.push(c.id);
    if (!b.pass && c.pass) newlyPassing.push(c.id);
  }
  const onlyInBaseline = [...base.keys()].filter((id) => !ids.has(id));
  return {
    diff: {
      baselineRunId: baseline.id,
      baselineVersion: baseline.target.version,
      setChanged: baseline.set.hash !== run.set.hash,
      compared: now.length,
      newlyFailing,
      newlyPassing,
      onlyInRun,
      onlyInBaseline,
    },
    now,
    before,
  };
}

const pct = (x: number): string => `${(100 * x).toFixed(1)} %`;

/**
 * evaluateGate judges a run. LLM and HTTP/shell runs: fail when the pass rate is below
 * `minPassRate` (default 0.95) or any counted case that passed in the baseline fails now; the
 * paired McNemar test (exact below 25 discordant cases) and a paired bootstrap interval quantify
 * the change. Holdout runs: fail when production accuracy − candidate accuracy exceeds
 * `maxAccuracyDrop` (or the candidate is below `minAccuracy`); the paired test compares the two
 * models row by row, and a baseline run is diffed for information only (models differ by design).
 */
export function evaluateGate(run: RunResult, options: GateOptions = {}): GateResult {
  const minPassRate = options.minPassRate ?? DEFAULT_MIN_PASS_RATE;
  const reasons: string[] = [];
  const passRate = run.summary.passRate;
  const baseline = options.baseline ?? null;
  const compared = baseline ? diffRuns(run, baseline) : null;
  if (run.classic !== undefined) {
    const k = run.classic;
    if (k.accuracyDrop > k.maxAccuracyDrop + 1e-12) {
      reasons.push(
        `accuracy ${pct(k.candidate.accuracy)} is ${pct(k.accuracyDrop)} below production's ${pct(k.production.accuracy)} (allowed drop ${pct(k.maxAccuracyDrop)})`,
      );
    }
    if (k.minAccuracy !== undefined && k.candidate.accuracy < k.minAccuracy) {
      reasons.push(
        `accuracy ${pct(k.candidate.accuracy)} is below the minimum ${pct(k.minAccuracy)}`,
      );
    }
    const counted = run.cases.filter((c) => c.productionPass !== undefined);
    const test = pairedTest(
      counted.map((c) => c.pass),
      counted.map((c) => c.productionPass === true),
      'production',
    );
    return {
      pass: reasons.length === 0,
      reasons,
      passRate,
      minPassRate: k.minAccuracy ?? 0,
      diff: compared?.diff ?? null,
      test,
    };
  }
  if (passRate < minPassRate) {
    reasons.push(
      `pass rate ${pct(passRate)} (${run.summary.passed}/${run.summary.counted}) is below ${pct(minPassRate)}`,
    );
  }
  if (compared && compared.diff.newlyFailing.length > 0) {
    const ids = compared.diff.newlyFailing;
    reasons.push(
      `${ids.length} case${ids.length === 1 ? '' : 's'} regressed against baseline ${compared.diff.baselineVersion}: ${ids.slice(0, 20).join(', ')}${ids.length > 20 ? ', …' : ''}`,
    );
  }
  return {
    pass: reasons.length === 0,
    reasons,
    passRate,
    minPassRate,
    diff: compared?.diff ?? null,
    test: compared ? pairedTest(compared.now, compared.before, 'baseline') : null,
  };
}
