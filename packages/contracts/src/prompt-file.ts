// Reading prompt files (`prompts/*.yaml`, kept in git): one prompt per file, every problem reported
// at its line and column with the field path, so `vigil prompts push` points at the exact spot.
import { LineCounter, parseDocument } from 'yaml';
import { formatPath } from './issues.js';
import { documentToJs, locate } from './monitor-file.js';
import { type CreatePrompt, createPromptSchema } from './prompt.js';

/** PromptFileIssue is one problem in a prompt file; line and column are 1-based, null if unknown. */
export interface PromptFileIssue {
  readonly fileName: string;
  readonly line: number | null;
  readonly column: number | null;
  /** Field path such as `messages[1].content`; '' for the document itself. */
  readonly path: string;
  readonly message: string;
}

/** PromptFileResult is the file's prompt, or every problem found in it. */
export type PromptFileResult =
  | { readonly ok: true; readonly prompt: CreatePrompt }
  | { readonly ok: false; readonly issues: PromptFileIssue[] };

const VERSION_RE = /^vigil\/v(\d+)(?:[a-z]+\d*)?$/;

/**
 * formatPromptFileIssue renders an issue as `file:line:col: field: message`.
 * Example: 'prompts/bot.yaml:4:5: config.temperature: Too big: expected number to be <=2'.
 */
export function formatPromptFileIssue(i: PromptFileIssue): string {
  const where = i.line === null ? i.fileName : `${i.fileName}:${i.line}:${i.column}`;
  return i.path === '' ? `${where}: ${i.message}` : `${where}: ${i.path}: ${i.message}`;
}

/**
 * parsePromptFile reads one prompt (name, messages or template, variables, config, optional
 * labels) from YAML or JSON. An optional `apiVersion` must be `vigil/v1`; `kind: Prompt` is
 * accepted. Unknown keys, wrong types and undeclared variables are issues at their position.
 * Example: parsePromptFile('name: bot\ntemplate: Hi {{who}}\n') → ok, variables ['who'].
 */
export function parsePromptFile(
  text: string,
  options: { fileName?: string } = {},
): PromptFileResult {
  const fileName = options.fileName ?? '<input>';
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const issues: PromptFileIssue[] = [];
  const push = (offset: number | null, path: string, message: string) => {
    const p = offset === null ? null : lineCounter.linePos(offset);
    issues.push({ fileName, line: p?.line ?? null, column: p?.col ?? null, path, message });
  };
  if (doc.errors.length > 0) {
    for (const e of doc.errors) push(e.pos[0], '', `YAML: ${e.message.split('\n')[0]}`);
    return { ok: false, issues };
  }
  const js = documentToJs(doc);
  if (!js.ok) {
    push(doc.contents?.range?.[0] ?? null, '', js.message);
    return { ok: false, issues };
  }
  const value: unknown = js.value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    push(
      doc.contents?.range?.[0] ?? null,
      '',
      'a prompt file must be a mapping (name, messages or template, ...)',
    );
    return { ok: false, issues };
  }
  const { apiVersion, kind, ...rest } = value as Record<string, unknown>;
  if (apiVersion !== undefined) {
    const m = typeof apiVersion === 'string' ? VERSION_RE.exec(apiVersion) : null;
    if (m === null || Number(m[1]) !== 1) {
      push(
        locate(doc, ['apiVersion'], null),
        'apiVersion',
        `unsupported apiVersion "${String(apiVersion)}": expected vigil/v1`,
      );
    }
  }
  if (kind !== undefined && kind !== 'Prompt') {
    push(locate(doc, ['kind'], null), 'kind', `kind must be "Prompt", got "${String(kind)}"`);
  }
  const r = createPromptSchema.safeParse(rest);
  if (!r.success) {
    for (const issue of r.error.issues) {
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) {
          push(
            locate(doc, issue.path, key),
            formatPath([...issue.path, key]),
            `unknown key "${key}"`,
          );
        }
      } else push(locate(doc, issue.path, null), formatPath(issue.path), issue.message);
    }
  }
  if (issues.length > 0) {
    issues.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
    return { ok: false, issues };
  }
  return r.success ? { ok: true, prompt: r.data } : { ok: false, issues };
}
