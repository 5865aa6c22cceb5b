// Reading monitor files (YAML or JSON, one or more `---` documents) with every problem reported at
// its line and column, so `vigil apply -f` can point at the exact spot.
import {
  type Document,
  isMap,
  isNode,
  isPair,
  isScalar,
  LineCounter,
  type Node,
  parseAllDocuments,
} from 'yaml';
import { formatPath } from './issues.js';
import { MONITOR_API_VERSION, type MonitorDefinition, monitorDefinitionSchema } from './monitor.js';

/** MonitorFileIssue is one problem in a monitor file; line and column are 1-based, null if unknown. */
export interface MonitorFileIssue {
  readonly fileName: string;
  readonly line: number | null;
  readonly column: number | null;
  /** 0-based index of the YAML document in the file. */
  readonly document: number;
  /** Field path such as `spec.alert.for`; '' for the document itself. */
  readonly path: string;
  readonly message: string;
}

/** MonitorFileResult is every monitor of a file, or every problem found in it. */
export type MonitorFileResult =
  | { readonly ok: true; readonly monitors: MonitorDefinition[] }
  | { readonly ok: false; readonly issues: MonitorFileIssue[] };

/** ParseMonitorFileOptions names the file in messages. */
export interface ParseMonitorFileOptions {
  readonly fileName?: string;
}

const VERSION_RE = /^vigil\/v(\d+)(?:[a-z]+\d*)?$/;
const SUPPORTED_MAJOR = 1;

/**
 * formatMonitorFileIssue renders an issue as `file:line:col: path: message` (the compiler
 * convention editors link to). Example: 'm.yaml:7:13: spec.method: Invalid option: …'.
 */
export function formatMonitorFileIssue(i: MonitorFileIssue): string {
  const where = i.line === null ? i.fileName : `${i.fileName}:${i.line}:${i.column}`;
  return i.path === '' ? `${where}: ${i.message}` : `${where}: ${i.path}: ${i.message}`;
}

/**
 * parseMonitorFile parses YAML (JSON is a subset) holding one or more Monitor documents and
 * validates each against monitorDefinitionSchema. All problems are returned, not just the first:
 * YAML syntax errors and duplicate keys, an apiVersion of another major version, unknown keys,
 * wrong types and values, and monitor names repeated across documents.
 * Example: parseMonitorFile('apiVersion: vigil/v2\n…', { fileName: 'm.yaml' }) → issue at 1:13.
 */
export function parseMonitorFile(
  text: string,
  options: ParseMonitorFileOptions = {},
): MonitorFileResult {
  const fileName = options.fileName ?? '<input>';
  const monitors: MonitorDefinition[] = [];
  const names = new Map<string, number>();
  const issues = walkVigilDocuments(text, fileName, 'a monitor document', (v) => {
    const r = monitorDefinitionSchema.safeParse(v.value);
    if (!r.success) {
      pushSchemaIssues(v.doc, r.error.issues, v.push);
      return;
    }
    const name = r.data.metadata.name;
    const first = names.get(name);
    if (first !== undefined) {
      v.push(
        locate(v.doc, ['metadata', 'name'], null),
        'metadata.name',
        `duplicate monitor name "${name}" (first in document ${first + 1})`,
      );
      return;
    }
    names.set(name, v.index);
    monitors.push(r.data);
  });
  if (issues.length === 0 && monitors.length === 0) {
    issues.push({
      fileName,
      line: null,
      column: null,
      document: 0,
      path: '',
      message: 'no monitor in file',
    });
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, monitors };
}

/** VigilDocument is one parsed, mapping-shaped document of a `vigil/v1` file, handed to a visitor. */
export interface VigilDocument {
  readonly doc: Document.Parsed;
  /** 0-based index of the document in the file. */
  readonly index: number;
  readonly value: Record<string, unknown>;
  /** Source offset where the document's contents start. */
  readonly start: number | null;
  /** 1-based line where the document starts; null if unknown. */
  readonly line: number | null;
  /** push records a problem at a source offset and field path. */
  push(offset: number | null, path: string, message: string): void;
}

/**
 * walkVigilDocuments parses every `---` document of `text` and hands each well-formed one to
 * `visit`; YAML errors, unresolvable aliases, a document that is not a mapping (`${what} must be
 * a mapping …`) and an apiVersion of another major version are reported here. Returns every
 * issue, the visitor's included, in file order (Zod reports in schema order; readers expect
 * file order).
 */
export function walkVigilDocuments(
  text: string,
  fileName: string,
  what: string,
  visit: (d: VigilDocument) => void,
): MonitorFileIssue[] {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const issues: MonitorFileIssue[] = [];
  const at = (offset: number | null) => {
    if (offset === null) return { line: null, column: null };
    const p = lineCounter.linePos(offset);
    return { line: p.line, column: p.col };
  };
  const list = Array.isArray(docs) ? docs : [];
  list.forEach((doc, index) => {
    const push = (offset: number | null, path: string, message: string) =>
      issues.push({ fileName, ...at(offset), document: index, path, message });
    if (doc.errors.length > 0) {
      for (const e of doc.errors) push(e.pos[0], '', `YAML: ${firstLine(e.message)}`);
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
      push(start, '', `${what} must be a mapping (apiVersion, kind, metadata, spec)`);
      return;
    }
    const version = (value as Record<string, unknown>).apiVersion;
    const m = typeof version === 'string' ? VERSION_RE.exec(version) : null;
    if (m !== null && Number(m[1]) !== SUPPORTED_MAJOR) {
      push(
        locate(doc, ['apiVersion'], null),
        'apiVersion',
        `unsupported apiVersion "${version}": this Vigil reads ${MONITOR_API_VERSION}`,
      );
      return;
    }
    visit({
      doc,
      index,
      value: value as Record<string, unknown>,
      start,
      line: at(start).line,
      push,
    });
  });
  issues.sort(
    (a, b) =>
      a.document - b.document || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0),
  );
  return issues;
}

/**
 * pushSchemaIssues reports a schema's issues at their source positions: each unknown key at the
 * key itself, anything else at the value (or the nearest existing ancestor).
 */
export function pushSchemaIssues(
  doc: Document.Parsed,
  issues: readonly ZodIssueLike[],
  push: VigilDocument['push'],
): void {
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys ?? []) {
        const path = [...issue.path, key];
        push(locate(doc, issue.path, key), formatPath(path), `unknown key "${key}"`);
      }
    } else {
      push(locate(doc, issue.path, null), formatPath(issue.path), issue.message);
    }
  }
}

/** ZodIssueLike is the part of a schema issue pushSchemaIssues reads. */
export interface ZodIssueLike {
  readonly code: string;
  readonly path: ReadonlyArray<PropertyKey>;
  readonly message: string;
  readonly keys?: readonly string[];
}

/**
 * documentToJs turns a parsed YAML document into plain values. An unresolved alias or more than
 * 100 alias expansions (an alias bomb) comes back as a message instead of yaml's exception.
 */
export function documentToJs(
  doc: Document.Parsed,
):
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly message: string } {
  try {
    return { ok: true, value: doc.toJS({ maxAliasCount: 100 }) };
  } catch (e) {
    return { ok: false, message: `YAML: ${firstLine((e as Error).message)}` };
  }
}

function firstLine(s: string): string {
  const i = s.indexOf('\n');
  return i < 0 ? s : s.slice(0, i);
}

/**
 * locate finds the source offset for a path: the key node of `key` inside the map at `path` (for
 * unknown keys), else the value node at the path, else the nearest ancestor that exists (a
 * missing required key is reported at its parent mapping).
 */
export function locate(
  doc: Document.Parsed,
  path: ReadonlyArray<PropertyKey>,
  key: string | null,
): number | null {
  const keys = path.map((p) => (typeof p === 'number' ? p : String(p)));
  if (key !== null) {
    const parent = keys.length === 0 ? doc.contents : doc.getIn(keys, true);
    if (isMap(parent)) {
      for (const pair of parent.items) {
        if (isPair(pair) && isScalar(pair.key) && String(pair.key.value) === key) {
          return pair.key.range?.[0] ?? null;
        }
      }
    }
  }
  for (let n = keys.length; n >= 0; n--) {
    const node: unknown = n === 0 ? doc.contents : doc.getIn(keys.slice(0, n), true);
    if (isNode(node)) return (node as Node).range?.[0] ?? null;
  }
  return null;
}
