// Reading `vigil/v1` resource files for `vigil apply`: one or more YAML (or JSON) documents of the
// kinds Monitor, Channel and Silence, each validated by its kind's schema, every problem reported
// at its line and column. Nothing is returned unless the whole file is valid.
import { type ChannelDefinition, channelDefinitionSchema } from './channel.js';
import { type MonitorDefinition, monitorDefinitionSchema } from './monitor.js';
import {
  locate,
  type MonitorFileIssue,
  pushSchemaIssues,
  walkVigilDocuments,
} from './monitor-file.js';
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
  const resources: Resource[] = [];
  const names = new Map<string, number>();
  const issues = walkVigilDocuments(text, fileName, 'a document', (v) => {
    const input = v.value;
    const rawKind = input.kind;
    if (!RESOURCE_KINDS.includes(rawKind as ResourceKind)) {
      v.push(
        locate(v.doc, ['kind'], null),
        'kind',
        rawKind === undefined
          ? `missing kind: one of ${RESOURCE_KINDS.join(', ')}`
          : `unknown kind ${JSON.stringify(rawKind)}: one of ${RESOURCE_KINDS.join(', ')}`,
      );
      return;
    }
    const kind = rawKind as ResourceKind;
    const r = SCHEMAS[kind].safeParse(input);
    if (!r.success) {
      pushSchemaIssues(v.doc, r.error.issues, v.push);
      return;
    }
    const base = { document: v.index, line: v.line, input };
    if (kind === 'Silence') {
      resources.push({ ...base, kind, definition: r.data as SilenceDefinition });
      return;
    }
    const def = r.data as MonitorDefinition | ChannelDefinition;
    const id = `${kind}/${def.metadata.name}`;
    const first = names.get(id);
    if (first !== undefined) {
      v.push(
        locate(v.doc, ['metadata', 'name'], null),
        'metadata.name',
        `duplicate ${kind.toLowerCase()} name "${def.metadata.name}" (first in document ${first + 1})`,
      );
      return;
    }
    names.set(id, v.index);
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
  return issues.length > 0 ? { ok: false, issues } : { ok: true, resources };
}
