// The postmortem draft: Markdown generated from an incident (summary, impact, timeline, root cause
// to fill in, detection and response times, actions, prevention with a suggested new monitor).
// People edit the stored draft; this only writes the first version.
import type { DriftedFeature, Onset, SegmentImpact } from './diagnosis.js';
import { responseTimes } from './stats.js';
import type { Triage } from './triage.js';
import type { FailureMode, IncidentSeverity, IncidentStatus } from './types.js';

/** PostmortemInput is everything the draft is written from. */
export interface PostmortemInput {
  readonly incident: {
    readonly id: string;
    readonly title: string;
    readonly model: string;
    readonly failureMode: FailureMode;
    readonly severity: IncidentSeverity;
    readonly severityReason: string;
    readonly status: IncidentStatus;
    readonly assignee: string | null;
    readonly openedMs: number;
    readonly firstAlertMs: number;
    readonly acknowledgedMs: number | null;
    readonly resolvedMs: number | null;
  };
  readonly impact: {
    readonly wrongShare: number | null;
    readonly performanceDrop: number | null;
    readonly labelledRows: number;
  };
  readonly triage: Triage | null;
  readonly onset: Onset | null;
  readonly driftedFeatures: readonly DriftedFeature[];
  readonly segments: readonly SegmentImpact[];
  readonly alerts: readonly { readonly monitor: string; readonly attachedMs: number }[];
  readonly timeline: readonly {
    readonly timeMs: number;
    readonly actor: string;
    readonly message: string;
  }[];
  readonly actions: readonly {
    readonly timeMs: number;
    readonly actor: string;
    readonly kind: string;
    readonly target: string;
    readonly from: string;
    readonly to: string;
    readonly undoneMs: number | null;
  }[];
}

/** Postmortem is the draft and the times it states. */
export interface Postmortem {
  readonly markdown: string;
  readonly detectMs: number | null;
  readonly acknowledgeMs: number | null;
  readonly resolveMs: number | null;
  /** The monitor suggested as a prevention item (a `vigil/v1` Monitor document, YAML). */
  readonly suggestedMonitor: string;
}

/** formatDuration writes milliseconds as `1 h 5 min`, `42 min`, `30 s`; `n/a` for null. */
export function formatDuration(ms: number | null): string {
  if (ms === null) return 'n/a';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  return [d > 0 ? `${d} d` : '', h > 0 ? `${h} h` : '', m > 0 ? `${m} min` : '']
    .filter((x) => x !== '')
    .join(' ');
}

const iso = (ms: number): string => new Date(ms).toISOString();
const pct = (x: number | null): string =>
  x === null ? 'not measured' : `${(x * 100).toFixed(1)} %`;
const cell = (s: string): string => s.replaceAll('|', '\\|').replaceAll('\n', ' ');

/**
 * suggestMonitor proposes the monitor that would have caught this earlier: per-feature drift on
 * the most drifted features, hourly, for a data incident; a performance monitor for a model
 * incident; a p95 latency monitor for an infrastructure one.
 */
export function suggestMonitor(input: PostmortemInput): string {
  const model = input.incident.model;
  const category = input.triage?.category ?? 'unknown';
  const name = `${model}-${category === 'unknown' ? 'data' : category}-watch`.slice(0, 128);
  const head = `apiVersion: vigil/v1\nkind: Monitor\nmetadata:\n  name: ${name}\nspec:\n  model: ${model}\n`;
  if (category === 'model') {
    return `${head}  type: performance\n  metric: accuracy\n  maxRelativeDrop: 0.05\n  window: { kind: hourly }\n  cadence: 1h\n`;
  }
  if (category === 'infrastructure') {
    return `${head}  type: infrastructure\n  signal: latency_p95\n  condition: { above: 1000 }\n  window: { kind: hourly }\n  cadence: 5m\n`;
  }
  const top = input.driftedFeatures.slice(0, 3).map((f) => f.feature);
  const features = top.length === 0 ? 'all' : `[${top.join(', ')}]`;
  return `${head}  type: data_drift\n  features: ${features}\n  method: psi\n  threshold: 0.1\n  window: { kind: hourly }\n  cadence: 1h\n`;
}

/**
 * draftPostmortem writes the Markdown draft. Times: detect = first alert − estimated onset,
 * acknowledge and resolve from the first alert (see responseTimes); all instants in UTC ISO-8601.
 */
export function draftPostmortem(input: PostmortemInput): Postmortem {
  const i = input.incident;
  const times = responseTimes({
    severity: i.severity,
    onsetMs: input.onset?.onsetMs ?? null,
    firstAlertMs: i.firstAlertMs,
    acknowledgedMs: i.acknowledgedMs,
    resolvedMs: i.resolvedMs,
  });
  const monitor = suggestMonitor(input);
  const lines: string[] = [];
  lines.push(`# Postmortem: ${i.title}`, '');
  lines.push(`- Incident: \`${i.id}\``);
  lines.push(`- Model: \`${i.model}\``);
  lines.push(`- IncidentSeverity: ${i.severity} (${i.severityReason})`);
  lines.push(`- Status: ${i.status}`);
  lines.push(`- Owner: ${i.assignee ?? 'unassigned'}`, '');

  lines.push('## Summary', '');
  const category = input.triage?.category ?? 'unknown';
  lines.push(
    `A ${i.failureMode} incident on model \`${i.model}\`, opened ${iso(i.openedMs)}; triage points at **${category}**.` +
      (i.resolvedMs === null ? ' It is not resolved yet.' : ` Resolved ${iso(i.resolvedMs)}.`),
    '',
  );

  lines.push('## Impact', '');
  lines.push(
    `- Wrong predictions: ${pct(input.impact.wrongShare)} of labelled traffic (${input.impact.labelledRows} labelled rows)`,
  );
  lines.push(`- Performance below baseline: ${pct(input.impact.performanceDrop)}`);
  if (input.segments.length > 0) {
    lines.push('- Segments most affected:');
    for (const s of input.segments) {
      lines.push(
        `  - ${s.key}=${s.value}: ${pct(s.wrongShare)} wrong over ${s.rows} rows (+${(s.excess * 100).toFixed(1)} points)`,
      );
    }
  }
  lines.push('');

  lines.push('## Detection and response', '');
  lines.push('| measure | value |', '|---|---|');
  lines.push(
    `| estimated onset | ${input.onset === null ? 'unknown' : `${iso(input.onset.onsetMs)} (${input.onset.kind}, ${input.onset.method})`} |`,
  );
  lines.push(`| first alert | ${iso(i.firstAlertMs)} |`);
  lines.push(`| time to detect | ${formatDuration(times.detectMs)} |`);
  lines.push(`| time to acknowledge | ${formatDuration(times.acknowledgeMs)} |`);
  lines.push(`| time to resolve | ${formatDuration(times.resolveMs)} |`, '');

  lines.push('## Diagnosis', '');
  if (input.triage !== null) {
    lines.push(`Triage: **${input.triage.category}**`);
    for (const e of input.triage.evidence) lines.push(`- ${e}`);
    lines.push('');
  }
  if (input.driftedFeatures.length > 0) {
    lines.push(
      'Features that drifted, by effect size:',
      '',
      '| feature | method | value | threshold | effect |',
      '|---|---|---|---|---|',
    );
    for (const f of input.driftedFeatures) {
      lines.push(
        `| ${cell(f.feature)} | ${f.method} | ${Number(f.value.toPrecision(4))} | ${f.threshold} | ${f.effect.toFixed(2)} |`,
      );
    }
    lines.push('');
  }
  if (input.onset !== null && input.onset.kind !== 'unknown') {
    lines.push(
      `The degradation was **${input.onset.kind}**, starting ${iso(input.onset.onsetMs)}.`,
      '',
    );
  }

  lines.push('## Root cause', '', '_To be filled in._', '');

  lines.push('## Timeline', '', '| time (UTC) | actor | event |', '|---|---|---|');
  for (const e of [...input.timeline].sort((a, b) => a.timeMs - b.timeMs)) {
    lines.push(`| ${iso(e.timeMs)} | ${cell(e.actor)} | ${cell(e.message)} |`);
  }
  lines.push('');

  lines.push('## Actions', '');
  if (input.actions.length === 0) lines.push('No containment action was taken.');
  for (const a of input.actions) {
    const undone = a.undoneMs === null ? '' : ` (undone ${iso(a.undoneMs)})`;
    lines.push(
      `- ${iso(a.timeMs)} ${a.actor}: ${a.kind} of \`${a.target}\` from ${a.from} to ${a.to}${undone}`,
    );
  }
  lines.push('');

  lines.push('## Prevention', '');
  lines.push(
    '- [ ] Fix the root cause; a retrained model passes the regression gate and a canary before it takes traffic.',
  );
  lines.push(
    `- [ ] Add a monitor that would have caught this earlier:`,
    '',
    '```yaml',
    monitor.trimEnd(),
    '```',
    '',
  );
  return {
    markdown: `${lines.join('\n')}\n`,
    detectMs: times.detectMs,
    acknowledgeMs: times.acknowledgeMs,
    resolveMs: times.resolveMs,
    suggestedMonitor: monitor,
  };
}
