import { describe, expect, it } from 'vitest';
import { renderJunit } from '../report/junit.js';
import { type CaseResult, RUN_FORMAT, type RunResult, summarize } from '../run/types.js';
import { evaluateGate } from './gate.js';

const c = (id: string, pass: boolean, category: CaseResult['category'] = 'happy'): CaseResult => ({
  id,
  category,
  tags: [],
  pass,
  score: pass ? 1 : 0,
  counted: category !== 'known-failure',
  passes: pass ? 1 : 0,
  flaky: false,
  repeats: [
    {
      output: `out ${id}`,
      latencyMs: 5,
      costUsd: null,
      pass,
      score: pass ? 1 : 0,
      assertions: [
        {
          type: 'equals',
          pass,
          score: pass ? 1 : 0,
          weight: 1,
          reason: pass ? 'equal' : 'differs <&>',
        },
      ],
    },
  ],
});

const runOf = (cases: CaseResult[], hash = 'sha256:a', version = 'v2'): RunResult => ({
  format: RUN_FORMAT,
  formatVersion: 1,
  id: `run-${version}`,
  startedAt: '2026-01-01T00:00:00.000Z',
  durationMs: 1000,
  set: { name: 's', version: '1', hash, file: 's.yaml' },
  target: { name: 't', kind: 'openai', version },
  repeats: 1,
  summary: summarize(cases),
  cases,
});

describe('evaluateGate', () => {
  const base = runOf(
    [c('a', true), c('b', true), c('c', false), c('gone', true), c('kf', false, 'known-failure')],
    'sha256:a',
    'v1',
  );

  it('diffs counted cases by id and ignores known failures', () => {
    const run = runOf(
      [c('a', true), c('b', false), c('c', true), c('new', true), c('kf', true, 'known-failure')],
      'sha256:b',
    );
    const g = evaluateGate(run, { minPassRate: 0.5, baseline: base });
    expect(g.diff).toEqual({
      baselineRunId: 'run-v1',
      baselineVersion: 'v1',
      setChanged: true,
      compared: 3,
      newlyFailing: ['b'],
      newlyPassing: ['c'],
      onlyInRun: ['new'],
      onlyInBaseline: ['gone'],
    });
    expect(g.pass).toBe(false);
    expect(g.reasons).toEqual(['1 case regressed against baseline v1: b']);
    expect(g.test).toMatchObject({
      comparison: 'baseline',
      method: 'mcnemar-exact',
      b: 1,
      c: 1,
      pValue: 1,
      passRateChange: 0,
    });
    expect(run.summary.knownFailuresPassing).toEqual(['kf']);
  });

  it('passes at exactly the threshold and fails just below it', () => {
    const cases = Array.from({ length: 20 }, (_, i) => c(`c${i}`, i !== 0));
    expect(evaluateGate(runOf(cases)).pass).toBe(true);
    const worse = cases.map((x, i) => (i === 1 ? c(x.id, false) : x));
    expect(evaluateGate(runOf(worse)).reasons).toEqual([
      'pass rate 90.0 % (18/20) is below 95.0 %',
    ]);
  });

  it('judges a holdout by the accuracy drop and the minimum accuracy', () => {
    const cases = Array.from({ length: 10 }, (_, i) => ({
      ...c(`r${i}`, i < 8),
      productionPass: i < 9,
    }));
    const metrics = (accuracy: number) => ({
      accuracy,
      f1Macro: accuracy,
      precisionMacro: accuracy,
      recallMacro: accuracy,
    });
    const run = {
      ...runOf(cases),
      classic: {
        rows: 10,
        candidate: metrics(0.8),
        production: metrics(0.9),
        accuracyDrop: 0.1,
        maxAccuracyDrop: 0.1,
      },
    };
    expect(evaluateGate(run).pass).toBe(true);
    const strict = {
      ...run,
      classic: { ...run.classic, maxAccuracyDrop: 0.03, minAccuracy: 0.85 },
    };
    const g = evaluateGate(strict);
    expect(g.reasons).toEqual([
      "accuracy 80.0 % is 10.0 % below production's 90.0 % (allowed drop 3.0 %)",
      'accuracy 80.0 % is below the minimum 85.0 %',
    ]);
    expect(g.test).toMatchObject({ comparison: 'production', b: 1, c: 0, pValue: 1 });
  });
});

describe('renderJunit', () => {
  it('has one testcase per case plus the gate, known failures skipped, text escaped', () => {
    const run = runOf([c('a', true), c('b<&>', false), c('kf', false, 'known-failure')]);
    const xml = renderJunit({ ...run, gate: evaluateGate(run) });
    expect(xml).toContain('<testsuite name="s@1" tests="4" failures="2" errors="0" skipped="1"');
    expect(xml).toContain(
      '<testcase classname="s.happy" name="b&lt;&amp;&gt;" time="0.005"><failure message="0/1 repeats passed; score 0.000" type="assertion">equals: differs &lt;&amp;&gt;',
    );
    expect(xml).toContain(
      '<testcase classname="s.known-failure" name="kf" time="0.005"><skipped message="known-failure"/></testcase>',
    );
    expect(xml).toContain(
      'name="gate" time="0"><failure message="pass rate 50.0 % (1/2) is below 95.0 %" type="gate"/>',
    );
    expect(xml.match(/<testcase /g)).toHaveLength(4);
  });
});
