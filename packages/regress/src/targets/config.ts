// Target files: YAML documents that say what a run talks to (`kind: openai | http | shell |
// classic`), how (concurrency, timeout, retries, repeats) and which judge grades llm-rubric.
// Secrets are never written in the file: `apiKeyEnv` names the environment variable holding them.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename, dirname, extname, resolve } from 'node:path';
import { isNode, LineCounter, parseDocument } from 'yaml';
import type { JudgeConfig } from '../assert/llm-rubric.js';
import { RegressError } from '../errors.js';
import type { ChatMessage } from '../golden/types.js';
import type { ClassicConfig, PredictionSource } from './classic.js';
import { createHttpTarget } from './http.js';
import { createOpenAiTarget, type PromptSpec } from './openai.js';
import { fetchRegistryPrompt } from './prompt-server.js';
import { createShellTarget } from './shell.js';
import type { Target, TargetKind } from './types.js';

/** RunSettings are the runner's knobs a target file may set. */
export interface RunSettings {
  readonly concurrency: number;
  readonly timeoutMs: number;
  readonly retries: number;
  /** repeats per case: default 3 for LLM (openai) targets, 1 for the others. */
  readonly repeats: number;
}

/** LoadedTarget is a target file made ready: a callable target or a holdout comparison. */
export type LoadedTarget =
  | {
      readonly kind: Exclude<TargetKind, 'classic'>;
      readonly name: string;
      readonly target: Target;
      readonly settings: RunSettings;
      readonly judge?: JudgeConfig;
    }
  | { readonly kind: 'classic'; readonly name: string; readonly classic: ClassicConfig };

/** LoadTargetOptions are the environment of {@link loadTarget}. */
export interface LoadTargetOptions {
  /** env resolves `apiKeyEnv`; default process.env. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly fetch?: typeof fetch;
}

const KEYS: Record<TargetKind, string[]> = {
  openai: ['baseUrl', 'model', 'apiKeyEnv', 'prompt', 'temperature', 'maxTokens', 'pricing'],
  http: ['url', 'method', 'headers', 'body', 'responsePath', 'costPath'],
  shell: ['command', 'inputVia', 'stdin', 'cwd', 'env'],
  classic: ['holdout', 'label', 'id', 'candidate', 'production', 'maxAccuracyDrop', 'minAccuracy'],
};
const COMMON = [
  'name',
  'kind',
  'version',
  'concurrency',
  'timeoutMs',
  'retries',
  'repeats',
  'judge',
];

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

class Reader {
  constructor(
    readonly file: string,
    readonly lineOf: (path: string[]) => number,
  ) {}
  fail(path: string[], message: string): never {
    const line = this.lineOf(path);
    throw new RegressError(
      'INVALID_TARGET',
      `${this.file}${line > 0 ? `:${line}` : ''}: ${path.join('.')}: ${message}`,
    );
  }
  str(o: Obj, path: string[], required: true): string;
  str(o: Obj, path: string[], required?: false): string | undefined;
  str(o: Obj, path: string[], required = false): string | undefined {
    const v = o[path[path.length - 1]];
    if (v === undefined && !required) return undefined;
    if (typeof v !== 'string' || v === '')
      this.fail(path, required && v === undefined ? 'is required' : 'must be a non-empty string');
    return v;
  }
  num(o: Obj, path: string[], min: number, integer = false): number | undefined {
    const v = o[path[path.length - 1]];
    if (v === undefined) return undefined;
    if (typeof v !== 'number' || !(v >= min) || (integer && !Number.isInteger(v))) {
      this.fail(path, `must be ${integer ? 'an integer' : 'a number'} ≥ ${min}`);
    }
    return v;
  }
}

function secret(
  r: Reader,
  o: Obj,
  path: string[],
  env: LoadTargetOptions['env'],
): string | undefined {
  const name = r.str(o, path);
  if (name === undefined) return undefined;
  const v = env?.[name];
  if (v === undefined || v === '') r.fail(path, `environment variable ${name} is not set`);
  return v;
}

function judgeConfig(
  r: Reader,
  o: unknown,
  env: LoadTargetOptions['env'],
): JudgeConfig | undefined {
  if (o === undefined) return undefined;
  if (!isObj(o)) r.fail(['judge'], 'must be a mapping { baseUrl, model, apiKeyEnv }');
  const apiKey = secret(r, o, ['judge', 'apiKeyEnv'], env);
  return {
    baseUrl: r.str(o, ['judge', 'baseUrl'], true),
    model: r.str(o, ['judge', 'model'], true),
    ...(apiKey === undefined ? {} : { apiKey }),
  };
}

const short = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 8);

function predictionSource(r: Reader, o: Obj, key: string, dir: string): PredictionSource {
  const v = o[key];
  if (typeof v === 'string' && v !== '') return { column: v };
  if (isObj(v) && v.command !== undefined) {
    const command = v.command;
    if (
      !(Array.isArray(command) && command.length > 0 && command.every((c) => typeof c === 'string'))
    ) {
      r.fail([key, 'command'], 'must be a non-empty list (argv)');
    }
    const cwd = r.str(v, [key, 'cwd']);
    return { command: command as string[], cwd: cwd === undefined ? dir : resolve(dir, cwd) };
  }
  if (isObj(v)) {
    const file = r.str(v, [key, 'file']);
    return {
      column: r.str(v, [key, 'column'], true),
      ...(file === undefined ? {} : { file: resolve(dir, file) }),
    };
  }
  return r.fail([key], 'must be a column name, { file, column } or { command }');
}

async function openaiTarget(r: Reader, o: Obj, name: string, opts: LoadTargetOptions) {
  const apiKey = secret(r, o, ['apiKeyEnv'], opts.env);
  let prompt: PromptSpec = {};
  let version = r.str(o, ['version']);
  let model = r.str(o, ['model']);
  let temperature = r.num(o, ['temperature'], 0);
  let maxTokens = r.num(o, ['maxTokens'], 1, true);
  const p = o.prompt;
  if (isObj(p) && p.name !== undefined) {
    // A prompt from the registry: { server, name, label, apiKeyEnv }.
    const resolved = await fetchRegistryPrompt({
      server: r.str(p, ['prompt', 'server'], true),
      name: r.str(p, ['prompt', 'name'], true),
      label: r.str(p, ['prompt', 'label']) ?? 'production',
      apiKey: secret(r, p, ['prompt', 'apiKeyEnv'], opts.env),
      fetch: opts.fetch,
    });
    prompt = resolved.prompt;
    version ??= resolved.version;
    model ??= resolved.model;
    temperature ??= resolved.temperature;
    maxTokens ??= resolved.maxTokens;
  } else if (isObj(p)) {
    const messages = p.messages;
    if (
      messages !== undefined &&
      !(
        Array.isArray(messages) &&
        messages.every(
          (m) =>
            isObj(m) &&
            typeof m.content === 'string' &&
            ['system', 'user', 'assistant'].includes(String(m.role)),
        )
      )
    ) {
      r.fail(['prompt', 'messages'], 'must be a list of { role: system|user|assistant, content }');
    }
    prompt = {
      ...(r.str(p, ['prompt', 'template']) === undefined ? {} : { template: p.template as string }),
      ...(r.str(p, ['prompt', 'system']) === undefined ? {} : { system: p.system as string }),
      ...(messages === undefined ? {} : { messages: messages as ChatMessage[] }),
    };
  } else if (typeof p === 'string') prompt = { template: p };
  else if (p !== undefined) r.fail(['prompt'], 'must be a template string or a mapping');
  if (model === undefined)
    r.fail(['model'], 'is required (or a registry prompt whose config names one)');
  const pricing = o.pricing;
  if (
    pricing !== undefined &&
    !(
      isObj(pricing) &&
      typeof pricing.inputPerMTok === 'number' &&
      typeof pricing.outputPerMTok === 'number'
    )
  ) {
    r.fail(['pricing'], 'must be { inputPerMTok, outputPerMTok } in US dollars per million tokens');
  }
  return createOpenAiTarget({
    name,
    baseUrl: r.str(o, ['baseUrl'], true),
    model,
    ...(apiKey === undefined ? {} : { apiKey }),
    prompt,
    version: version ?? `${model}+prompt:${short(JSON.stringify(prompt))}`,
    ...(temperature === undefined ? {} : { temperature }),
    ...(maxTokens === undefined ? {} : { maxTokens }),
    ...(pricing === undefined
      ? {}
      : { pricing: pricing as { inputPerMTok: number; outputPerMTok: number } }),
    ...(opts.fetch === undefined ? {} : { fetch: opts.fetch }),
  });
}

/**
 * parseTarget turns the text of a target file into a LoadedTarget (fetching a registry prompt when
 * the file names one). Every problem throws RegressError INVALID_TARGET naming file, line and field.
 */
export async function parseTarget(
  text: string,
  file: string,
  opts: LoadTargetOptions = {},
): Promise<LoadedTarget> {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    throw new RegressError(
      'INVALID_TARGET',
      `${file}:${counter.linePos(e.pos[0]).line}: YAML: ${e.message.split('\n')[0]}`,
    );
  }
  const r = new Reader(file, (path) => {
    for (let k = path.length; k > 0; k--) {
      const node = doc.getIn(path.slice(0, k), true);
      if (isNode(node) && node.range) return counter.linePos(node.range[0]).line;
    }
    return 0;
  });
  const o = doc.toJS() as unknown;
  if (!isObj(o)) return r.fail([], 'a target file is a mapping with a `kind`');
  const kind = o.kind as TargetKind;
  if (!(kind in KEYS)) r.fail(['kind'], 'must be one of openai, http, shell, classic');
  const allowed = new Set([...COMMON, ...KEYS[kind]]);
  for (const k of Object.keys(o))
    if (!allowed.has(k))
      r.fail([k], `unknown field for kind ${kind} (allowed: ${[...allowed].join(', ')})`);
  const name = r.str(o, ['name']) ?? basename(file, extname(file));
  const env = opts.env ?? process.env;
  const dir = dirname(resolve(file));
  if (kind === 'classic') {
    const maxAccuracyDrop = r.num(o, ['maxAccuracyDrop'], 0);
    const minAccuracy = r.num(o, ['minAccuracy'], 0);
    const id = r.str(o, ['id']);
    return {
      kind,
      name,
      classic: {
        name,
        version: r.str(o, ['version']) ?? 'candidate',
        holdout: resolve(dir, r.str(o, ['holdout'], true)),
        label: r.str(o, ['label'], true),
        ...(id === undefined ? {} : { id }),
        candidate: predictionSource(r, o, 'candidate', dir),
        production: predictionSource(r, o, 'production', dir),
        maxAccuracyDrop: maxAccuracyDrop ?? 0.03,
        ...(minAccuracy === undefined ? {} : { minAccuracy }),
      },
    };
  }
  const settings: RunSettings = {
    concurrency: r.num(o, ['concurrency'], 1, true) ?? 8,
    timeoutMs: r.num(o, ['timeoutMs'], 1) ?? 60_000,
    retries: r.num(o, ['retries'], 0, true) ?? 2,
    repeats: r.num(o, ['repeats'], 1, true) ?? (kind === 'openai' ? 3 : 1),
  };
  const judge = judgeConfig(r, o.judge, env);
  let target: Target;
  if (kind === 'openai') target = await openaiTarget(r, o, name, { ...opts, env });
  else if (kind === 'http') {
    const headers = o.headers;
    if (
      headers !== undefined &&
      !(isObj(headers) && Object.values(headers).every((h) => typeof h === 'string'))
    ) {
      r.fail(['headers'], 'must be a mapping of strings');
    }
    const url = r.str(o, ['url'], true);
    const responsePath = r.str(o, ['responsePath']);
    const costPath = r.str(o, ['costPath']);
    target = createHttpTarget({
      name,
      version: r.str(o, ['version']) ?? `http:${short(url + JSON.stringify(o.body ?? null))}`,
      url,
      method: r.str(o, ['method']) ?? 'POST',
      headers: (headers ?? {}) as Record<string, string>,
      ...(o.body === undefined ? {} : { body: o.body }),
      ...(responsePath === undefined ? {} : { responsePath }),
      ...(costPath === undefined ? {} : { costPath }),
      ...(opts.fetch === undefined ? {} : { fetch: opts.fetch }),
    });
  } else {
    const command = o.command;
    if (
      !(Array.isArray(command) && command.length > 0 && command.every((c) => typeof c === 'string'))
    ) {
      r.fail(['command'], 'must be a non-empty list (argv), e.g. [python3, bot.py, "{{input}}"]');
    }
    const inputVia = o.inputVia ?? 'stdin';
    if (inputVia !== 'stdin' && inputVia !== 'argument')
      r.fail(['inputVia'], 'must be stdin or argument');
    const cwd = r.str(o, ['cwd']);
    const stdin = r.str(o, ['stdin']);
    target = createShellTarget({
      name,
      version: r.str(o, ['version']) ?? `shell:${short(JSON.stringify(command))}`,
      command: command as string[],
      inputVia: inputVia as 'stdin' | 'argument',
      cwd: cwd === undefined ? dir : resolve(dir, cwd),
      ...(stdin === undefined ? {} : { stdin }),
      ...(isObj(o.env) ? { env: o.env as Record<string, string> } : {}),
    });
  }
  return { kind, name, target, settings, ...(judge === undefined ? {} : { judge }) };
}

/** loadTarget reads a target file and parses it with {@link parseTarget}. */
export async function loadTarget(
  path: string,
  opts: LoadTargetOptions = {},
): Promise<LoadedTarget> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new RegressError(
      'INVALID_TARGET',
      `${path}: cannot read the target file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
    );
  }
  return parseTarget(text, path, opts);
}
