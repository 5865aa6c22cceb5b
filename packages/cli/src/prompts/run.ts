// `vigil prompts`: push the prompt files kept in git (`prompts/*.yaml`) as new versions (the server
// creates one only when the content changed), list prompts, move and revert labels.
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { CreatePrompt, PromptFileIssue } from '@vigil/server';
import { type ApiTarget, apiRequest } from '../baseline/api.js';
import { CliError } from '../errors.js';
import { cannotRead, readTexts } from '../io/read-texts.js';

/** PromptsInvalid carries every problem of the files, formatted `file:line:col: field: message`. */
export class PromptsInvalid extends CliError {
  readonly problems: readonly string[];

  constructor(problems: readonly string[], files: number) {
    super(
      'input',
      `${problems.length} problem${problems.length === 1 ? '' : 's'} in ${files} prompt file${files === 1 ? '' : 's'}; nothing pushed`,
    );
    this.problems = problems;
  }
}

/** SourcedPrompt is a validated prompt with the file it came from. */
export interface SourcedPrompt {
  readonly file: string;
  readonly prompt: CreatePrompt;
}

const PROMPT_FILE = /\.(ya?ml|json)$/i;

/** promptFiles lists the prompt files of a directory (sorted), or the file itself. */
export async function promptFiles(path: string): Promise<string[]> {
  let s: Awaited<ReturnType<typeof stat>>;
  try {
    s = await stat(path);
  } catch (e) {
    throw new CliError('input', cannotRead(path, e));
  }
  if (s.isFile()) return [path];
  const names = (await readdir(path)).filter((n) => PROMPT_FILE.test(n)).sort();
  if (names.length === 0)
    throw new CliError('input', `${path}: no prompt files (*.yaml, *.yml, *.json)`);
  return names.map((n) => join(path, n));
}

/**
 * loadPrompts reads and validates every file; any problem (unreadable file, YAML error, unknown
 * key, undeclared variable, a name used by two files) throws PromptsInvalid listing all of them.
 */
export async function loadPrompts(files: readonly string[]): Promise<SourcedPrompt[]> {
  const { formatPromptFileIssue, parsePromptFile } = await import('@vigil/server');
  const out: SourcedPrompt[] = [];
  const seen = new Map<string, string>();
  const { texts, problems } = await readTexts(files);
  for (const { file, text } of texts) {
    const parsed = parsePromptFile(text, { fileName: file });
    if (!parsed.ok) {
      problems.push(...parsed.issues.map((i: PromptFileIssue) => formatPromptFileIssue(i)));
      continue;
    }
    const first = seen.get(parsed.prompt.name);
    if (first !== undefined) {
      problems.push(`${file}: name: prompt "${parsed.prompt.name}" is also defined in ${first}`);
      continue;
    }
    seen.set(parsed.prompt.name, file);
    out.push({ file, prompt: parsed.prompt });
  }
  if (problems.length > 0) throw new PromptsInvalid(problems, files.length);
  return out;
}

/** PushLine is what pushing one prompt did. */
export interface PushLine {
  readonly name: string;
  readonly version: number;
  readonly created: boolean;
  readonly labels: readonly string[];
}

/** pushPrompts sends each prompt (with `label` moved to it when given) and reports the versions. */
export async function pushPrompts(
  target: ApiTarget,
  prompts: readonly SourcedPrompt[],
  options: { label?: string; message?: string },
): Promise<PushLine[]> {
  const out: PushLine[] = [];
  for (const { prompt } of prompts) {
    const labels = [
      ...new Set([
        ...(prompt.labels ?? []),
        ...(options.label === undefined ? [] : [options.label]),
      ]),
    ];
    const body = {
      ...prompt,
      ...(labels.length === 0 ? {} : { labels }),
      ...(options.message === undefined ? {} : { commit_message: options.message }),
    };
    const r = await apiRequest(target, 'POST', '/v1/prompts', { json: body });
    const j = r.body as { version: number; created: boolean; labels: string[] };
    out.push({ name: prompt.name, version: j.version, created: j.created, labels: j.labels });
  }
  return out;
}

/** listPrompts reads the project's prompts. */
export async function listPrompts(
  target: ApiTarget,
): Promise<Array<{ name: string; latest_version: number; labels: Record<string, number> }>> {
  const r = await apiRequest(target, 'GET', '/v1/prompts');
  return (
    r.body as {
      prompts: Array<{ name: string; latest_version: number; labels: Record<string, number> }>;
    }
  ).prompts;
}

/** moveLabel points NAME's LABEL at VERSION; returns the previous version (null if new). */
export async function moveLabel(
  target: ApiTarget,
  name: string,
  label: string,
  version: number,
): Promise<number | null> {
  const r = await apiRequest(
    target,
    'PUT',
    `/v1/prompts/${encodeURIComponent(name)}/labels/${encodeURIComponent(label)}`,
    {
      json: { version },
    },
  );
  return (r.body as { previous_version: number | null }).previous_version;
}

/** revertLabel moves NAME's LABEL back one step; returns { from, to }. */
export async function revertLabel(
  target: ApiTarget,
  name: string,
  label: string,
): Promise<{ from: number | null; to: number }> {
  const r = await apiRequest(
    target,
    'POST',
    `/v1/prompts/${encodeURIComponent(name)}/labels/${encodeURIComponent(label)}/revert`,
  );
  const j = r.body as { previous_version: number | null; version: number };
  return { from: j.previous_version, to: j.version };
}
