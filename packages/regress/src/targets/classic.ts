// Classic models on a holdout file: the candidate's predictions against the labels and against the
// production version's predictions. Each row becomes a case (pass = the candidate is right), so the
// same reports, storage and baseline diff apply; the gate adds the accuracy-drop rule.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { accuracy, precisionRecallFscore } from '@vigil/core';
import { RegressError } from '../errors.js';
import {
  type CaseResult,
  type ClassicComparison,
  type ClassicMetrics,
  RUN_FORMAT,
  type RunResult,
  summarize,
} from '../run/types.js';

/**
 * PredictionSource says where a model's holdout predictions come from: a column of the holdout, a
 * column of another file aligned by row, or a command (the model itself) that reads the holdout's
 * feature rows as JSON Lines on stdin and prints one prediction per line.
 */
export type PredictionSource =
  | { readonly column: string; readonly file?: string }
  | { readonly command: readonly string[]; readonly cwd?: string };

/** ClassicConfig is a holdout comparison from a `kind: classic` target file. */
export interface ClassicConfig {
  readonly name: string;
  readonly version: string;
  readonly holdout: string;
  readonly label: string;
  /** id column naming each row; default the row number. */
  readonly id?: string;
  readonly candidate: PredictionSource;
  readonly production: PredictionSource;
  /** maxAccuracyDrop: largest allowed production − candidate accuracy; default 0.03. */
  readonly maxAccuracyDrop: number;
  readonly minAccuracy?: number;
}

/** parseCsv parses RFC 4180 CSV (quoted fields, doubled quotes, CRLF) into rows of strings. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      field = '';
      if (row.length > 1 || row[0] !== '') rows.push(row);
      row = [];
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** readRecords reads a CSV (header row) or JSON Lines file into records of strings. */
export async function readRecords(path: string): Promise<Record<string, string>[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new RegressError(
      'INVALID_TARGET',
      `${path}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
    );
  }
  if (/\.(jsonl|ndjson)$/i.test(path)) {
    return text
      .split('\n')
      .map((line, i) => ({ line, i }))
      .filter(({ line }) => line.trim() !== '')
      .map(({ line, i }) => {
        try {
          const o = JSON.parse(line) as Record<string, unknown>;
          return Object.fromEntries(
            Object.entries(o).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
          );
        } catch (e) {
          throw new RegressError(
            'INVALID_TARGET',
            `${path}:${i + 1}: JSON: ${(e as Error).message}`,
          );
        }
      });
  }
  const [header, ...rows] = parseCsv(text);
  if (header === undefined) throw new RegressError('INVALID_TARGET', `${path}: the file is empty`);
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

function column(records: Record<string, string>[], name: string, file: string): string[] {
  if (records.length > 0 && !(name in records[0])) {
    throw new RegressError(
      'INVALID_TARGET',
      `${file}: no column "${name}" (columns: ${Object.keys(records[0]).join(', ')})`,
    );
  }
  return records.map((r) => r[name]);
}

async function predictions(
  src: PredictionSource,
  holdout: Record<string, string>[],
  config: ClassicConfig,
): Promise<string[]> {
  if ('command' in src) return predictByCommand(src.command, src.cwd, holdout, config);
  if (src.file === undefined) return column(holdout, src.column, config.holdout);
  const values = column(await readRecords(src.file), src.column, src.file);
  if (values.length !== holdout.length) {
    throw new RegressError(
      'INVALID_TARGET',
      `${src.file}: ${values.length} predictions for ${holdout.length} holdout rows`,
    );
  }
  return values;
}

/** predictByCommand runs a model command over the holdout's feature rows (the label removed). */
function predictByCommand(
  command: readonly string[],
  cwd: string | undefined,
  holdout: Record<string, string>[],
  config: ClassicConfig,
): Promise<string[]> {
  const [program, ...args] = command;
  const input = holdout
    .map((r) => {
      const { [config.label]: _label, ...features } = r;
      return JSON.stringify(features);
    })
    .join('\n');
  return new Promise((resolve, reject) => {
    // A model that hangs must not hang the gate: 10 minutes for the whole holdout.
    const child = spawn(program, args, { cwd, stdio: ['pipe', 'pipe', 'pipe'], timeout: 600_000 });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e) =>
      reject(
        new RegressError(
          'TARGET_DOWN',
          `${program}: ${(e as NodeJS.ErrnoException).code ?? e.message}`,
          { cause: e },
        ),
      ),
    );
    child.on('close', (code) => {
      if (code !== 0) {
        const last = Buffer.concat(err).toString('utf8').trim().split('\n').pop() ?? '';
        reject(
          new RegressError(
            'TARGET_DOWN',
            `${program} exited with ${code}${last ? `: ${last}` : ''}`,
          ),
        );
        return;
      }
      const lines = Buffer.concat(out)
        .toString('utf8')
        .replace(/\r?\n$/, '')
        .split(/\r?\n/)
        .map((l) => l.trim());
      if (lines.length !== holdout.length) {
        reject(
          new RegressError(
            'TARGET_DOWN',
            `${program} printed ${lines.length} predictions for ${holdout.length} holdout rows`,
          ),
        );
        return;
      }
      resolve(lines);
    });
    child.stdin.on('error', () => {});
    child.stdin.end(`${input}\n`);
  });
}

function metrics(labels: string[], predicted: string[]): ClassicMetrics {
  const acc = accuracy(labels, predicted);
  const prf = precisionRecallFscore(labels, predicted, { average: 'macro' });
  if (!acc.ok) throw new RegressError('INVALID_TARGET', `holdout metrics: ${acc.error.message}`);
  if (!prf.ok) throw new RegressError('INVALID_TARGET', `holdout metrics: ${prf.error.message}`);
  const v = prf.value;
  return {
    accuracy: acc.value,
    f1Macro: v.fscore,
    precisionMacro: v.precision,
    recallMacro: v.recall,
  };
}

/**
 * runHoldout compares the candidate's predictions with the labels and with production's. Every
 * row is a counted case whose pass is "candidate right"; `productionPass` keeps production's
 * verdict so the gate's paired test compares the two models on the same rows.
 */
export async function runHoldout(
  config: ClassicConfig,
  now: () => Date = () => new Date(),
): Promise<RunResult> {
  const started = now();
  const holdout = await readRecords(config.holdout);
  if (holdout.length === 0) throw new RegressError('INVALID_TARGET', `${config.holdout}: no rows`);
  const labels = column(holdout, config.label, config.holdout);
  const ids =
    config.id === undefined
      ? holdout.map((_r, i) => `row-${i + 1}`)
      : column(holdout, config.id, config.holdout);
  const cand = await predictions(config.candidate, holdout, config);
  const prod = await predictions(config.production, holdout, config);
  const cases: CaseResult[] = labels.map((label, i) => {
    const pass = cand[i] === label;
    return {
      id: ids[i],
      category: 'happy',
      tags: [],
      pass,
      score: pass ? 1 : 0,
      counted: true,
      passes: pass ? 1 : 0,
      flaky: false,
      repeats: [
        {
          output: cand[i],
          latencyMs: 0,
          costUsd: null,
          pass,
          score: pass ? 1 : 0,
          assertions: [
            {
              type: 'label',
              pass,
              score: pass ? 1 : 0,
              weight: 1,
              reason: pass ? `label ${label}` : `label ${cand[i]} ≠ ${label}`,
            },
          ],
        },
      ],
      productionPass: prod[i] === label,
    };
  });
  const candidate = metrics(labels, cand);
  const production = metrics(labels, prod);
  const classic: ClassicComparison = {
    rows: labels.length,
    candidate,
    production,
    accuracyDrop: production.accuracy - candidate.accuracy,
    maxAccuracyDrop: config.maxAccuracyDrop,
    ...(config.minAccuracy === undefined ? {} : { minAccuracy: config.minAccuracy }),
  };
  return {
    format: RUN_FORMAT,
    formatVersion: 1,
    id: randomUUID(),
    startedAt: started.toISOString(),
    durationMs: now().getTime() - started.getTime(),
    set: {
      name: config.holdout.split('/').pop() ?? config.holdout,
      version: 'holdout',
      hash: '',
      file: config.holdout,
    },
    target: { name: config.name, kind: 'classic', version: config.version },
    repeats: 1,
    summary: summarize(cases),
    cases,
    classic,
  };
}
