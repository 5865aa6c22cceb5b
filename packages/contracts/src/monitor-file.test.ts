import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ALERT, DEFAULT_DRIFT_THRESHOLDS, DEFAULT_MONITOR } from './monitor.js';
import { formatMonitorFileIssue, parseMonitorFile } from './monitor-file.js';
import { parseDurationMs } from './time.js';

const DIR = new URL('./testdata/', import.meta.url);
const read = (f: string) => readFileSync(new URL(f, DIR), 'utf8');
const files = readdirSync(DIR);

// Every bad file (syntax.bad.txt is not .yaml so that Biome does not try to format it), with the exact formatted issues (file:line:col: path: message substring).
const BAD: Record<string, string[]> = {
  'unknown-keys.bad.yaml': [
    'unknown-keys.bad.yaml:8:3: spec.treshold: unknown key "treshold"',
    'unknown-keys.bad.yaml:11:5: spec.alert.renotify: unknown key "renotify"',
  ],
  'major-version.bad.yaml': [
    'major-version.bad.yaml:1:13: apiVersion: unsupported apiVersion "vigil/v2": this Vigil reads vigil/v1',
  ],
  'wrong-values.bad.yaml': [
    'wrong-values.bad.yaml:8:11: spec.method: Invalid option: expected one of "psi"',
    'wrong-values.bad.yaml:9:18: spec.minSampleSize: Too small',
    "wrong-values.bad.yaml:10:19: spec.window.kind: Invalid discriminator value. Expected 'batch'",
    'wrong-values.bad.yaml:11:12: spec.cadence: invalid duration "5 minutes"',
    'wrong-values.bad.yaml:13:15: spec.alert.severity: Invalid option',
  ],
  'wrong-type.bad.yaml': [
    "wrong-type.bad.yaml:5:9: spec.type: Invalid discriminator value. Expected 'data_drift'",
  ],
  'syntax.bad.txt': [
    'syntax.bad.txt:5:3: YAML: Map keys must be unique',
    'syntax.bad.txt:7:1: YAML: Flow map in block collection',
  ],
  'llm-quality.bad.yaml': [
    'llm-quality.bad.yaml:8:13: spec.baseline: llm_quality monitors compare with `reference`',
    "llm-quality.bad.yaml:9:19: spec.window.kind: Invalid discriminator value. Expected 'hourly' | 'daily' | 'events'",
    'llm-quality.bad.yaml:10:33: spec.reference.previousWindows: Too small',
    'llm-quality.bad.yaml:11:28: spec.filter.promptVersion: promptVersion needs prompt',
    'llm-quality.bad.yaml:11:31: spec.filter.temperature: unknown key "temperature"',
    'llm-quality.bad.yaml:20:14: spec.statistic: output_drift has no statistic to choose',
    'llm-quality.bad.yaml:21:14: spec.blocklist: blocklist applies to metric safety_violation_rate only',
    'llm-quality.bad.yaml:22:14: spec.knowledge: knowledge applies to metric wrong_price_rate only',
    'llm-quality.bad.yaml:27:56: spec.metric: Invalid option: expected one of "output_drift"',
    'llm-quality.bad.yaml:27:92: spec.reference.to: "from" must be before "to"',
  ],
  'multi-doc.bad.yaml': [
    'multi-doc.bad.yaml:8:19: metadata.name: duplicate monitor name "same" (first in document 1)',
    'multi-doc.bad.yaml:12:7: kind: kind must be Monitor',
  ],
};

describe('parseMonitorFile golden files', () => {
  it('has a table entry for every bad file and at least one good file', () => {
    expect(files.filter((f) => f.includes('.bad.')).sort()).toEqual(Object.keys(BAD).sort());
    expect(files.filter((f) => f.includes('.good.')).length).toBeGreaterThanOrEqual(3);
  });

  it.each(files.filter((f) => f.includes('.good.')))('%s parses', (f) => {
    const r = parseMonitorFile(read(f), { fileName: f });
    expect(r.ok ? [] : r.issues.map(formatMonitorFileIssue)).toEqual([]);
  });

  it.each(Object.entries(BAD).map(([file, expected]) => ({ file, expected })))(
    '$file reports each issue at its line',
    ({ file, expected }) => {
      const r = parseMonitorFile(read(file), { fileName: file });
      expect(r.ok).toBe(false);
      const got = r.ok ? [] : r.issues.map(formatMonitorFileIssue);
      expect(got).toHaveLength(expected.length);
      for (const [i, e] of expected.entries()) expect(got[i]).toContain(e);
    },
  );
});

describe('monitor defaults', () => {
  it('fills every omitted field from the DEFAULT_* objects', () => {
    const r = parseMonitorFile(read('minimal.good.json'));
    if (!r.ok) throw new Error('minimal.good.json must parse');
    const spec = r.monitors[0].spec;
    expect(spec.type).toBe('data_drift');
    expect(spec.window).toEqual(DEFAULT_MONITOR.window);
    expect(spec.cadence).toBe(parseDurationMs(DEFAULT_MONITOR.cadence));
    expect(spec.minSampleSize).toBe(DEFAULT_MONITOR.minSampleSize);
    expect(spec.alert.renotifyEvery).toBe(parseDurationMs(DEFAULT_ALERT.renotifyEvery));
    expect(spec.alert.for).toBe(0);
    expect(r.monitors[0].metadata.labels).toEqual({});
  });

  it('uses PSI > 0.2 and KS p < 0.01 as the drift defaults', () => {
    expect(DEFAULT_DRIFT_THRESHOLDS.psi).toBe(0.2);
    expect(DEFAULT_DRIFT_THRESHOLDS.ks).toBe(0.01);
    expect(DEFAULT_MONITOR.driftMethod).toBe('psi');
  });

  it.each([
    { name: 'empty file', text: '', message: 'no monitor in file' },
    { name: 'comments only', text: '# nothing\n', message: 'no monitor in file' },
    { name: 'a list', text: '- a\n- b\n', message: 'must be a mapping' },
    {
      name: 'missing spec',
      text: 'apiVersion: vigil/v1\nkind: Monitor\nmetadata: {name: x}\n',
      message: 'spec: Invalid input',
    },
  ])('$name', ({ text, message }) => {
    const r = parseMonitorFile(text, { fileName: 'x.yaml' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map(formatMonitorFileIssue).join('\n')).toContain(message);
  });
});
