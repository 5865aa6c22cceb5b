// Reading `vigil/v1` resource files for `vigil apply`: one or more YAML (or JSON) documents of the
// kinds Monitor, Channel and Silence, each validated by its kind's schema, every problem reported
// at its line and column. Nothing is returned unless the whole file is valid.
import { LineCounter, parseAllDocuments } from 'yaml';
import { type ChannelDefinition, channelDefinitionSchema } from './channel.js';
import { formatPath } from './issues.js';
import { MONITOR_API_VERSION, type MonitorDefinition, monitorDefinitionSchema } from './monitor.js';
import { documentToJs, locate, type MonitorFileIssue } from './monitor-file.js';
import { type SilenceDefinition, silenceDefinitionSchema } from './silence.js';

/** RESOURCE_KINDS lists the document kinds `vigil apply` reads. */
export const RESOURCE_KINDS = ['Monitor', 'Channel', 'Silence'] as const;

/** ResourceKind is one of RESOURCE_KINDS. */
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

interface ResourceBase {
  /** 0-based index of the document in its file. */
  readonly document: number;
  /** 1-based line where the document starts; null if unknown. */
  readonly line: number | null;
  /** The document as written (durations as text), to send to the API as JSON. */
  readonly input: Record<string, unknown>;
}

/** Resource is one valid document of a resource file. */
export type Resource =
  | (ResourceBase & { readonly kind: 'Monitor'; readonly definition: MonitorDefinition })
  | (ResourceBase & { readonly kind: 'Channel'; readonly definition: ChannelDefinition })
  | (ResourceBase & { readonly kind: 'Silence'; readonly definition: SilenceDefinition });

/** ResourceFileResult is every resource of a file, or every problem found in it. */
export type ResourceFileResult =
  | { readonly ok: true; readonly resources: Resource[] }
  | { readonly ok: false; readonly issues: MonitorFileIssue[] };

const VERSION_RE = /^vigil\/v(\d+)(?:[a-z]+\d*)?$/;

const SCHEMAS = {
  Monitor: monitorDefinitionSchema,
  Channel: channelDefinitionSchema,
  Silence: silenceDefinitionSchema,
} as const;

/**
 * parseResourceFile parses YAML holding Monitor, Channel and Silence documents (in any order) and
 * validates each by its `kind`. All problems are returned with file, line, column and field: YAML
 * errors, an unknown kind, another apiVersion major, schema violations, and a Monitor or Channel
 * name repeated in the file. Example: a Channel with `type: fax` →
 * issue { line: 5, path: 'spec.type', … }.
 */
export function parseResourceFile(
  text: string,
  options: { readonly fileName?: string } = {},
): ResourceFileResult {
  const fileName = options.fileName ?? '<input>';
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const issues: MonitorFileIssue[] = [];
  const resources: Resource[] = [];
  const names = new Map<string, number>();
  const at = (offset: number | null) => {
    if (offset === null) return { line: null, column: null };
    const p = lineCounter.linePos(offset);
    return { line: p.line, column: p.col };
  };
  const list = Array.isArray(docs) ? docs : [];
  list.forEach((doc, d) => {
    const push = (offset: number | null, path: string, message: string) =>
      issues.push({ fileName, ...at(offset), document: d, path, message });
    if (doc.errors.length > 0) {
      for (const e of doc.errors) push(e.pos[0], '', `YAML: ${e.message.split('\n')[0]}`);
      return;
    }
    if (doc.contents === null) return;
    const start = doc.contents.range?.[0] ?? null;
    const js = documentToJs(doc);
    if (!js.ok) {
      push(start, '', js.message);
      return;
    }
    const value = js.value;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      push(start, '', 'a document must be a mapping (apiVersion, kind, metadata, spec)');
      return;
    }
    const input = value as Record<string, unknown>;
    const version = input.apiVersion;
    const m = typeof version === 'string' ? VERSION_RE.exec(version) : null;
    if (m !== null && Number(m[1]) !== 1) {
      push(
        locate(doc, ['apiVersion'], null),
        'apiVersion',
        `unsupported apiVersion "${version}": this Vigil reads ${MONITOR_API_VERSION}`,
      );
      return;
    }
    const rawKind = input.kind;
    if (!RESOURCE_KINDS.includes(rawKind as ResourceKind)) {
      push(
        locate(doc, ['kind'], null),
        'kind',
        rawKind === undefined
          ? `missing kind: one of ${RESOURCE_KINDS.join(', ')}`
          : `unknown kind ${JSON.stringify(rawKind)}: one of ${RESOURCE_KINDS.join(', ')}`,
      );
      return;
    }
    const kind = rawKind as ResourceKind;
    const r = SCHEMAS[kind].safeParse(value);
    if (!r.success) {
      for (const issue of r.error.issues) {
        if (issue.code === 'unrecognized_keys') {
          for (const key of issue.keys) {
            const path = [...issue.path, key];
            push(locate(doc, issue.path, key), formatPath(path), `unknown key "${key}"`);
          }
        } else {
          push(locate(doc, issue.path, null), formatPath(issue.path), issue.message);
        }
      }
      return;
    }
    const line = at(start).line;
    const base = { document: d, line, input };
    if (kind === 'Silence') {
      resources.push({ ...base, kind, definition: r.data as SilenceDefinition });
      return;
    }
    const def = r.data as MonitorDefinition | ChannelDefinition;
    const id = `${kind}/${def.metadata.name}`;
    const first = names.get(id);
    if (first !== undefined) {
      push(
        locate(doc, ['metadata', 'name'], null),
        'metadata.name',
        `duplicate ${kind.toLowerCase()} name "${def.metadata.name}" (first in document ${first + 1})`,
      );
      return;
    }
    names.set(id, d);
    resources.push(
      kind === 'Monitor'
        ? { ...base, kind, definition: def as MonitorDefinition }
        : { ...base, kind: 'Channel', definition: def as ChannelDefinition },
    );
  });
  if (issues.length === 0 && resources.length === 0) {
    issues.push({
      fileName,
      line: null,
      column: null,
      document: 0,
      path: '',
      message: 'no document in file',
    });
  }
  issues.sort(
    (a, b) =>
      a.document - b.document || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0),
  );
  return issues.length > 0 ? { ok: false, issues } : { ok: true, resources };
}
