// Parsing golden sets from YAML or JSON Lines. Every problem names the file, the line and the
// field (`set.yaml:14: cases[3].id: duplicate id "refund-1" (first at line 8)`), and all problems
// of a file are collected, not just the first.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { isNode, LineCounter, parseDocument } from 'yaml';
import { checkAssertionValue, compileAssertion } from '../assert/registry.js';
import { canonicalJson } from '../assert/text.js';
import { RegressError } from '../errors.js';
import {
  ASSERTION_TYPES,
  type AssertionSpec,
  type AssertionType,
  CATEGORIES,
  type CaseInput,
  type Category,
  type ChatMessage,
  type GoldenCase,
  type GoldenSet,
} from './types.js';

/** GoldenIssue is one problem of a golden-set file. */
export interface GoldenIssue {
  readonly file: string;
  /** line is 1-based; 0 when the problem is not tied to a line. */
  readonly line: number;
  /** field is the path of the offending field, e.g. `cases[3].assert[0].type`. */
  readonly field: string;
  readonly message: string;
}

/** GoldenParseResult is a parsed set, or every problem found. */
export type GoldenParseResult =
  | { readonly ok: true; readonly set: GoldenSet }
  | { readonly ok: false; readonly issues: readonly GoldenIssue[] };

/** formatGoldenIssue renders an issue as `file:line: field: message`. */
export function formatGoldenIssue(i: GoldenIssue): string {
  return `${i.file}${i.line > 0 ? `:${i.line}` : ''}: ${i.field === '' ? '' : `${i.field}: `}${i.message}`;
}

type Path = readonly (string | number)[];
type LineOf = (path: Path) => number;

const fieldName = (path: Path): string =>
  path.reduce<string>(
    (s, p) => (typeof p === 'number' ? `${s}[${p}]` : s === '' ? p : `${s}.${p}`),
    '',
  );

const SET_KEYS = new Set(['name', 'version', 'description', 'defaults', 'cases']);
const DEFAULT_KEYS = new Set(['assert', 'threshold']);
const CASE_KEYS = new Set([
  'id',
  'description',
  'input',
  'vars',
  'messages',
  'expected',
  'category',
  'tags',
  'assert',
  'threshold',
]);
const ASSERT_KEYS = new Set([
  'type',
  'value',
  'threshold',
  'weight',
  'n',
  'tolerance',
  'description',
]);
const KNOWN_TYPES = new Set<string>(ASSERTION_TYPES);

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

class Collector {
  readonly issues: GoldenIssue[] = [];
  constructor(
    readonly file: string,
    readonly lineOf: LineOf,
  ) {}
  add(path: Path, message: string, line?: number): void {
    this.issues.push({
      file: this.file,
      line: line ?? this.lineOf(path),
      field: fieldName(path),
      message,
    });
  }
  strictKeys(o: Record<string, unknown>, allowed: Set<string>, path: Path): void {
    for (const k of Object.keys(o)) {
      if (!allowed.has(k)) {
        this.add([...path, k], `unknown field (allowed: ${[...allowed].join(', ')})`);
      }
    }
  }
}

function parseAssertion(c: Collector, raw: unknown, path: Path, hasExpected: boolean) {
  if (!isObject(raw)) {
    c.add(path, 'an assertion must be a mapping with a `type`');
    return undefined;
  }
  c.strictKeys(raw, ASSERT_KEYS, path);
  const typeText = raw.type;
  if (typeof typeText !== 'string') {
    c.add([...path, 'type'], 'type is required (a string)');
    return undefined;
  }
  const negate = typeText.startsWith('not-');
  const base = negate ? typeText.slice(4) : typeText;
  if (!KNOWN_TYPES.has(base)) {
    c.add(
      [...path, 'type'],
      `unknown assertion type "${typeText}" (known: ${ASSERTION_TYPES.join(', ')}, each also as not-<type>)`,
    );
    return undefined;
  }
  const numberField = (
    k: 'threshold' | 'weight' | 'n' | 'tolerance',
    ok: (x: number) => boolean,
    rule: string,
  ) => {
    const v = raw[k];
    if (v === undefined) return undefined;
    if (typeof v !== 'number' || !ok(v)) {
      c.add([...path, k], `${k} must be ${rule}`);
      return undefined;
    }
    return v;
  };
  const threshold = numberField('threshold', (x) => Number.isFinite(x), 'a number');
  const weight = numberField('weight', (x) => Number.isFinite(x) && x >= 0, 'a number ≥ 0') ?? 1;
  const n = numberField('n', (x) => Number.isInteger(x) && x >= 1, 'an integer ≥ 1');
  const tolerance = numberField('tolerance', (x) => Number.isFinite(x) && x >= 0, 'a number ≥ 0');
  const spec: AssertionSpec = {
    type: base as AssertionType,
    negate,
    ...(raw.value === undefined ? {} : { value: raw.value }),
    ...(threshold === undefined ? {} : { threshold }),
    weight,
    ...(n === undefined ? {} : { n }),
    ...(tolerance === undefined ? {} : { tolerance }),
    line: c.lineOf(path),
  };
  const problem = checkAssertionValue(spec, hasExpected);
  if (problem !== undefined) {
    c.add([...path, raw.value === undefined ? 'type' : 'value'], problem);
    return undefined;
  }
  try {
    compileAssertion(spec);
  } catch (e) {
    c.add([...path, 'value'], `does not compile: ${(e as Error).message}`);
    return undefined;
  }
  return spec;
}

function parseAssertions(
  c: Collector,
  raw: unknown,
  path: Path,
  hasExpected: boolean,
): AssertionSpec[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    c.add(path, 'assert must be a list of assertions');
    return [];
  }
  const out: AssertionSpec[] = [];
  raw.forEach((a, i) => {
    const spec = parseAssertion(c, a, [...path, i], hasExpected);
    if (spec) out.push(spec);
  });
  return out;
}

function parseMessages(c: Collector, raw: unknown, path: Path): ChatMessage[] | undefined {
  if (
    !Array.isArray(raw) ||
    !raw.every(
      (m) =>
        isObject(m) &&
        typeof m.content === 'string' &&
        (m.role === 'system' || m.role === 'user' || m.role === 'assistant'),
    )
  ) {
    c.add(path, 'messages must be a list of { role: system|user|assistant, content: string }');
    return undefined;
  }
  return raw.map((m) => ({ role: m.role, content: m.content }));
}

function parseInput(c: Collector, raw: Record<string, unknown>, path: Path): CaseInput | undefined {
  let input: CaseInput = {};
  const i = raw.input;
  if (typeof i === 'string') input = { text: i };
  else if (isObject(i)) {
    c.strictKeys(i, new Set(['text', 'vars', 'messages']), [...path, 'input']);
    if (i.text !== undefined && typeof i.text !== 'string')
      c.add([...path, 'input', 'text'], 'text must be a string');
    if (i.vars !== undefined && !isObject(i.vars))
      c.add([...path, 'input', 'vars'], 'vars must be a mapping');
    input = {
      ...(typeof i.text === 'string' ? { text: i.text } : {}),
      ...(isObject(i.vars) ? { vars: i.vars } : {}),
      ...(i.messages === undefined
        ? {}
        : { messages: parseMessages(c, i.messages, [...path, 'input', 'messages']) }),
    };
  } else if (i !== undefined) c.add([...path, 'input'], 'input must be a string or a mapping');
  if (raw.vars !== undefined) {
    if (isObject(raw.vars)) input = { ...input, vars: { ...input.vars, ...raw.vars } };
    else c.add([...path, 'vars'], 'vars must be a mapping');
  }
  if (raw.messages !== undefined) {
    const messages = parseMessages(c, raw.messages, [...path, 'messages']);
    if (messages) input = { ...input, messages };
  }
  if (input.text === undefined && input.vars === undefined && input.messages === undefined) {
    c.add([...path, 'input'], 'a case needs an input (text, vars or messages)');
    return undefined;
  }
  return input;
}

interface Defaults {
  readonly assert: readonly AssertionSpec[];
  readonly threshold?: number;
}

function parseCase(
  c: Collector,
  raw: unknown,
  path: Path,
  defaults: Defaults,
  seen: Map<string, number>,
): GoldenCase | undefined {
  const line = c.lineOf(path);
  if (!isObject(raw)) {
    c.add(path, 'a case must be a mapping');
    return undefined;
  }
  c.strictKeys(raw, CASE_KEYS, path);
  const id = typeof raw.id === 'number' ? String(raw.id) : raw.id;
  if (typeof id !== 'string' || id === '') {
    c.add([...path, 'id'], 'id is required (a non-empty string)');
    return undefined;
  }
  const first = seen.get(id);
  if (first !== undefined) {
    c.add([...path, 'id'], `duplicate id "${id}" (first at line ${first})`);
    return undefined;
  }
  seen.set(id, c.lineOf([...path, 'id']));
  const input = parseInput(c, raw, path);
  let category: Category = 'happy';
  if (raw.category !== undefined) {
    if (
      typeof raw.category === 'string' &&
      (CATEGORIES as readonly string[]).includes(raw.category)
    ) {
      category = raw.category as Category;
    } else {
      c.add([...path, 'category'], `category must be one of ${CATEGORIES.join(', ')}`);
    }
  }
  let tags: string[] = [];
  if (raw.tags !== undefined) {
    if (Array.isArray(raw.tags) && raw.tags.every((t) => typeof t === 'string')) tags = raw.tags;
    else c.add([...path, 'tags'], 'tags must be a list of strings');
  }
  let threshold = defaults.threshold;
  if (raw.threshold !== undefined) {
    if (typeof raw.threshold === 'number' && raw.threshold >= 0 && raw.threshold <= 1)
      threshold = raw.threshold;
    else c.add([...path, 'threshold'], 'threshold must be a number in [0, 1]');
  }
  const hasExpected = raw.expected !== undefined;
  const own = parseAssertions(c, raw.assert, [...path, 'assert'], hasExpected);
  // A default assertion that needs an expected output does not apply to a case without one.
  const inherited = defaults.assert.filter(
    (a) => checkAssertionValue(a, hasExpected) === undefined,
  );
  const assert = [...inherited, ...own];
  if (assert.length === 0) {
    c.add([...path, 'assert'], 'a case needs at least one assertion (or set defaults.assert)');
  }
  if (input === undefined) return undefined;
  return {
    id,
    input,
    ...(hasExpected ? { expected: raw.expected } : {}),
    category,
    tags,
    assert,
    ...(threshold === undefined ? {} : { threshold }),
    line,
  };
}

function parseDefaults(c: Collector, raw: unknown): Defaults {
  if (raw === undefined) return { assert: [] };
  if (!isObject(raw)) {
    c.add(['defaults'], 'defaults must be a mapping');
    return { assert: [] };
  }
  c.strictKeys(raw, DEFAULT_KEYS, ['defaults']);
  let threshold: number | undefined;
  if (raw.threshold !== undefined) {
    if (typeof raw.threshold === 'number' && raw.threshold >= 0 && raw.threshold <= 1)
      threshold = raw.threshold;
    else c.add(['defaults', 'threshold'], 'threshold must be a number in [0, 1]');
  }
  // Defaults are checked as if every case had an expected output; cases without one skip them.
  return {
    assert: parseAssertions(c, raw.assert, ['defaults', 'assert'], true),
    ...(threshold === undefined ? {} : { threshold }),
  };
}

/** goldenSetHash is `sha256:<hex>` of the set's canonical content, independent of file format. */
export function goldenSetHash(name: string, version: string, cases: readonly GoldenCase[]): string {
  const content = canonicalJson({
    name,
    version,
    cases: cases.map(({ line: _line, assert, ...rest }) => ({
      ...rest,
      assert: assert.map(({ line: _l, ...a }) => a),
    })),
  });
  return `sha256:${createHash('sha256').update(content).digest('hex')}`;
}

function build(
  c: Collector,
  doc: Record<string, unknown>,
  casesRaw: unknown[],
  casePath: (i: number) => Path,
  file: string,
): GoldenParseResult {
  let name = basename(file, extname(file));
  if (doc.name !== undefined) {
    if (typeof doc.name === 'string' && doc.name !== '') name = doc.name;
    else c.add(['name'], 'name must be a non-empty string');
  }
  let version = '';
  if (typeof doc.version === 'string' || typeof doc.version === 'number')
    version = String(doc.version);
  if (version === '')
    c.add(['version'], 'version is required (a number or a string, bumped on every change)');
  if (doc.description !== undefined && typeof doc.description !== 'string')
    c.add(['description'], 'description must be a string');
  const defaults = parseDefaults(c, doc.defaults);
  const seen = new Map<string, number>();
  const cases: GoldenCase[] = [];
  casesRaw.forEach((raw, i) => {
    const parsed = parseCase(c, raw, casePath(i), defaults, seen);
    if (parsed) cases.push(parsed);
  });
  if (casesRaw.length === 0) c.add(['cases'], 'the set has no cases');
  if (c.issues.length > 0) return { ok: false, issues: c.issues.sort((a, b) => a.line - b.line) };
  return {
    ok: true,
    set: {
      name,
      version,
      ...(typeof doc.description === 'string' ? { description: doc.description } : {}),
      hash: goldenSetHash(name, version, cases),
      file,
      cases,
    },
  };
}

/** parseGoldenYaml parses a YAML golden set (`name`, `version`, `defaults`, `cases`). */
export function parseGoldenYaml(text: string, file: string): GoldenParseResult {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      issues: doc.errors.map((e) => ({
        file,
        line: counter.linePos(e.pos[0]).line,
        field: '',
        message: `YAML: ${e.message.split('\n')[0]}`,
      })),
    };
  }
  const lineOf: LineOf = (path) => {
    for (let k = path.length; k >= 0; k--) {
      const node = k === 0 ? doc.contents : doc.getIn(path.slice(0, k), true);
      if (isNode(node) && node.range) return counter.linePos(node.range[0]).line;
    }
    return 0;
  };
  const c = new Collector(file, lineOf);
  const root = doc.toJS({ maxAliasCount: 100 }) as unknown;
  if (!isObject(root)) {
    c.add([], 'a golden set is a mapping with name, version and cases');
    return { ok: false, issues: c.issues };
  }
  c.strictKeys(root, SET_KEYS, []);
  const cases = root.cases;
  if (cases !== undefined && !Array.isArray(cases)) {
    c.add(['cases'], 'cases must be a list');
    return { ok: false, issues: c.issues };
  }
  return build(c, root, cases ?? [], (i) => ['cases', i], file);
}

/**
 * parseGoldenJsonl parses a JSON Lines golden set: one case per line, optionally preceded by a
 * header line `{"name": …, "version": …, "defaults": …}` (a line without `id`). Blank lines are
 * skipped.
 */
export function parseGoldenJsonl(text: string, file: string): GoldenParseResult {
  const lines = text.split('\n');
  const caseLines: number[] = [];
  const cases: unknown[] = [];
  let header: Record<string, unknown> = {};
  let headerLine = 0;
  const early: GoldenIssue[] = [];
  lines.forEach((raw, i) => {
    if (raw.trim() === '') return;
    let v: unknown;
    try {
      v = JSON.parse(raw);
    } catch (e) {
      early.push({ file, line: i + 1, field: '', message: `JSON: ${(e as Error).message}` });
      return;
    }
    if (
      cases.length === 0 &&
      headerLine === 0 &&
      isObject(v) &&
      v.id === undefined &&
      v.version !== undefined
    ) {
      header = v;
      headerLine = i + 1;
      return;
    }
    cases.push(v);
    caseLines.push(i + 1);
  });
  if (early.length > 0) return { ok: false, issues: early };
  const lineOf: LineOf = (path) =>
    path[0] === 'cases' && typeof path[1] === 'number' ? caseLines[path[1]] : headerLine;
  const c = new Collector(file, lineOf);
  const { cases: _ignored, ...rest } = header;
  c.strictKeys(rest, SET_KEYS, []);
  return build(c, rest, cases, (i) => ['cases', i], file);
}

/** parseGoldenSet picks the format by extension: `.jsonl`/`.ndjson` are JSON Lines, the rest YAML. */
export function parseGoldenSet(text: string, file: string): GoldenParseResult {
  return /\.(jsonl|ndjson)$/i.test(file)
    ? parseGoldenJsonl(text, file)
    : parseGoldenYaml(text, file);
}

/** loadGoldenSet reads and parses a set; it throws RegressError INVALID_SET naming the first problem. */
export async function loadGoldenSet(path: string): Promise<GoldenSet> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new RegressError(
      'INVALID_SET',
      `${path}: cannot read the golden set (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
    );
  }
  const r = parseGoldenSet(text, path);
  if (!r.ok) {
    const more = r.issues.length > 1 ? ` (and ${r.issues.length - 1} more)` : '';
    throw new RegressError('INVALID_SET', `${formatGoldenIssue(r.issues[0])}${more}`);
  }
  return r.set;
}
