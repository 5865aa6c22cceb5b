import { parseMonitorFile } from '@vigil/contracts';
import { describe, expect, it } from 'vitest';
import { draftPostmortem, formatDuration, type PostmortemInput } from './postmortem.js';

const T = Date.UTC(2024, 1, 1, 8);
const MIN = 60_000;

const input: PostmortemInput = {
  incident: {
    id: 'inc-1',
    title: 'data incident on flights',
    model: 'flights',
    failureMode: 'data',
    severity: 'P1',
    severityReason: 'performance 30.0 % below baseline',
    status: 'resolved',
    assignee: 'alice',
    openedMs: T + 62 * MIN,
    firstAlertMs: T + 60 * MIN,
    acknowledgedMs: T + 70 * MIN,
    resolvedMs: T + 180 * MIN,
  },
  impact: { wrongShare: 0.37, performanceDrop: 0.3, labelledRows: 400 },
  triage: {
    category: 'data',
    evidence: ['data_drift monitor drift: psi 0.5 (threshold 0.2) on distance'],
    checked: ['data'],
  },
  onset: {
    onsetMs: T,
    kind: 'sudden',
    endMs: T,
    before: 0.05,
    after: 0.5,
    confidence: 1,
    method: 'change-point',
  },
  driftedFeatures: [
    {
      feature: 'distance',
      monitor: 'drift',
      method: 'psi',
      value: 0.5,
      threshold: 0.2,
      effect: 2.5,
      timeMs: T,
    },
  ],
  segments: [{ key: 'origin', value: 'SFO', rows: 50, wrongShare: 0.8, excess: 0.43 }],
  alerts: [{ monitor: 'drift', attachedMs: T + 62 * MIN }],
  timeline: [
    { timeMs: T + 70 * MIN, actor: 'alice', message: 'acknowledged' },
    { timeMs: T + 62 * MIN, actor: 'system:incidents', message: 'opened | P1' },
  ],
  actions: [
    {
      timeMs: T + 63 * MIN,
      actor: 'system:incidents',
      kind: 'alias_rollback',
      target: 'flights@production',
      from: '2',
      to: '1',
      undoneMs: null,
    },
  ],
};

describe('draftPostmortem', () => {
  const p = draftPostmortem(input);
  it('states the times: detect from onset, acknowledge and resolve from the first alert', () => {
    expect(p.detectMs).toBe(60 * MIN);
    expect(p.acknowledgeMs).toBe(10 * MIN);
    expect(p.resolveMs).toBe(120 * MIN);
    expect(p.markdown).toContain('| time to detect | 1 h |');
    expect(p.markdown).toContain('| time to acknowledge | 10 min |');
    expect(p.markdown).toContain('| time to resolve | 2 h |');
    expect(p.markdown).toContain(
      '| estimated onset | 2024-02-01T08:00:00.000Z (sudden, change-point) |',
    );
  });
  it('has every section, the timeline in order and escaped cells', () => {
    for (const h of [
      '## Summary',
      '## Impact',
      '## Detection and response',
      '## Diagnosis',
      '## Root cause',
      '## Timeline',
      '## Actions',
      '## Prevention',
    ]) {
      expect(p.markdown).toContain(h);
    }
    expect(p.markdown).toContain('_To be filled in._');
    expect(p.markdown.indexOf('opened \\| P1')).toBeLessThan(
      p.markdown.indexOf('| alice | acknowledged |'),
    );
    expect(p.markdown).toContain('alias_rollback of `flights@production` from 2 to 1');
    expect(p.markdown).toContain('origin=SFO: 80.0 % wrong over 50 rows');
    expect(p.markdown).toContain('| distance | psi | 0.5 | 0.2 | 2.50 |');
  });
  it('suggests a monitor that parses as a vigil/v1 document', () => {
    const parsed = parseMonitorFile(p.suggestedMonitor);
    expect(parsed.ok).toBe(true);
    expect(p.suggestedMonitor).toContain('features: [distance]');
    for (const category of ['model', 'infrastructure', 'unknown'] as const) {
      const q = draftPostmortem({ ...input, triage: { category, evidence: [], checked: [] } });
      expect(parseMonitorFile(q.suggestedMonitor).ok, category).toBe(true);
    }
  });
  it('formats durations', () => {
    expect([
      formatDuration(null),
      formatDuration(30_000),
      formatDuration(90 * MIN),
      formatDuration(26 * 60 * MIN),
    ]).toEqual(['n/a', '30 s', '1 h 30 min', '1 d 2 h']);
  });
});
