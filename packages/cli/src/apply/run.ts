// `vigil apply`: read every file, validate every document locally (nothing is sent unless all are
// valid), check the monitors' models exist, then apply through the HTTP API: channels first (the
// monitors name them), then monitors, then silences. Reports one line per resource.
import type { MonitorFileIssue, Resource } from '@vigil/server';
import { type ApiTarget, apiRequest } from '../baseline/api.js';
import { CliError } from '../errors.js';
import { readTexts } from '../io/read-texts.js';

/** ApplyChange is what applying a resource did (or, in a dry run, would do). */
export type ApplyChange = 'created' | 'configured' | 'unchanged';

/** ApplyLine is one applied resource, e.g. `monitor/fraud-psi configured`. */
export interface ApplyLine {
  readonly kind: 'monitor' | 'channel' | 'silence';
  readonly name: string;
  readonly change: ApplyChange;
}

/** SourcedResource is a validated document with the file it came from. */
export interface SourcedResource {
  readonly file: string;
  readonly resource: Resource;
}

/** ApplyInvalid carries every problem of the files, formatted `file:line:col: field: message`. */
export class ApplyInvalid extends CliError {
  readonly problems: readonly string[];

  constructor(problems: readonly string[], files: number) {
    super(
      'input',
      `${problems.length} problem${problems.length === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}; nothing applied`,
    );
    this.problems = problems;
  }
}

/**
 * loadResources reads and validates every file; any problem (unreadable file, YAML error, schema
 * violation, a Monitor or Channel name defined twice across files) throws ApplyInvalid listing all.
 */
export async function loadResources(files: readonly string[]): Promise<SourcedResource[]> {
  const { formatMonitorFileIssue, parseResourceFile } = await import('@vigil/server');
  const out: SourcedResource[] = [];
  const seen = new Map<string, string>();
  const { texts, problems } = await readTexts(files);
  for (const { file, text } of texts) {
    const parsed = parseResourceFile(text, { fileName: file });
    if (!parsed.ok) {
      problems.push(...parsed.issues.map((i: MonitorFileIssue) => formatMonitorFileIssue(i)));
      continue;
    }
    for (const resource of parsed.resources) {
      if (resource.kind !== 'Silence') {
        const id = `${resource.kind.toLowerCase()}/${resource.definition.metadata.name}`;
        const where = `${file}:${resource.line ?? 1}`;
        const first = seen.get(id);
        if (first !== undefined) {
          problems.push(`${where}: metadata.name: ${id} is also defined at ${first}`);
          continue;
        }
        seen.set(id, where);
      }
      out.push({ file, resource });
    }
  }
  if (problems.length > 0) throw new ApplyInvalid(problems, files.length);
  return out;
}

const asYamlStream = (docs: readonly SourcedResource[]) =>
  // JSON is YAML: one document per resource, as written (durations as text).
  docs.map((d) => JSON.stringify(d.resource.input)).join('\n---\n');

interface ApplyAnswer {
  created: string[];
  updated?: string[];
  configured?: string[];
  unchanged: string[];
}

function linesOf(
  kind: 'monitor' | 'channel',
  names: readonly string[],
  a: ApplyAnswer,
): ApplyLine[] {
  const changed = new Set([...(a.updated ?? []), ...(a.configured ?? [])]);
  const created = new Set(a.created);
  return names.map((name) => ({
    kind,
    name,
    change: created.has(name) ? 'created' : changed.has(name) ? 'configured' : 'unchanged',
  }));
}

/** sameMatchers compares two matcher lists as sets of `name op value`. */
function matcherKey(
  ms: ReadonlyArray<{ name: string; value: string; isRegex: boolean; isEqual: boolean }>,
) {
  return ms
    .map(
      (m) => `${m.name}${m.isEqual ? '' : '!'}${m.isRegex ? '~' : '='}${JSON.stringify(m.value)}`,
    )
    .sort()
    .join(',');
}

/**
 * applyResources applies validated resources through the API and returns one line per resource.
 * Monitors whose model is unknown to the project stop everything before the first write. A
 * Silence is `unchanged` when a pending or active silence with the same matchers, comment (and
 * author, when given) exists, so re-applying a file does not stack silences.
 */
export async function applyResources(
  target: ApiTarget,
  resources: readonly SourcedResource[],
  options: { readonly dryRun: boolean },
): Promise<ApplyLine[]> {
  const of = <K extends Resource['kind']>(k: K) => resources.filter((r) => r.resource.kind === k);
  const monitors = of('Monitor');
  const channels = of('Channel');
  const silences = of('Silence');
  const dry = options.dryRun ? '?dry_run=true' : '';
  const yaml = 'application/yaml';

  if (monitors.length > 0) {
    const models = await apiRequest(target, 'GET', '/v1/models');
    const known = new Set(
      ((models.body as { models?: Array<{ spec: { name: string } }> }).models ?? []).map(
        (m) => m.spec.name,
      ),
    );
    const missing = monitors.flatMap((m) => {
      if (m.resource.kind !== 'Monitor') return [];
      const model = m.resource.definition.spec.model;
      return known.has(model)
        ? []
        : [
            `${m.file}:${m.resource.line ?? 1}: spec.model: no model "${model}" in this project (create it first)`,
          ];
    });
    if (missing.length > 0)
      throw new ApplyInvalid(missing, new Set(monitors.map((m) => m.file)).size);
  }

  const lines: ApplyLine[] = [];
  if (channels.length > 0) {
    const r = await apiRequest(target, 'PUT', `/v1/channels${dry}`, {
      text: asYamlStream(channels),
      contentType: yaml,
    });
    const names = channels.map((c) =>
      c.resource.kind === 'Channel' ? c.resource.definition.metadata.name : '',
    );
    lines.push(...linesOf('channel', names, r.body as ApplyAnswer));
  }
  if (monitors.length > 0) {
    const r = await apiRequest(target, 'PUT', `/v1/monitors${dry}`, {
      text: asYamlStream(monitors),
      contentType: yaml,
    });
    const names = monitors.map((m) =>
      m.resource.kind === 'Monitor' ? m.resource.definition.metadata.name : '',
    );
    lines.push(...linesOf('monitor', names, r.body as ApplyAnswer));
  }
  if (silences.length > 0) {
    type Existing = {
      id: string;
      matchers: Parameters<typeof matcherKey>[0];
      comment: string;
      created_by: string;
      state: string;
    };
    const existing = (
      (await apiRequest(target, 'GET', '/v1/silences')).body as { silences: Existing[] }
    ).silences.filter((s) => s.state !== 'expired');
    for (const s of silences) {
      if (s.resource.kind !== 'Silence') continue;
      const spec = s.resource.definition.spec;
      const same = existing.find(
        (e) =>
          matcherKey(e.matchers) === matcherKey(spec.matchers) &&
          e.comment === spec.comment &&
          (spec.createdBy === undefined || e.created_by === spec.createdBy),
      );
      if (same !== undefined) {
        lines.push({ kind: 'silence', name: same.id, change: 'unchanged' });
        continue;
      }
      if (options.dryRun) {
        lines.push({ kind: 'silence', name: '(new)', change: 'created' });
        continue;
      }
      const r = await apiRequest(target, 'POST', '/v1/silences', {
        json: (s.resource.input as { spec: unknown }).spec,
      });
      lines.push({ kind: 'silence', name: (r.body as { id: string }).id, change: 'created' });
    }
  }
  return lines;
}
