// Run files: the JSON of a gated run (`--json`), read back as a baseline (`--baseline RUN.json`).
import { readFile } from 'node:fs/promises';
import { RegressError } from '../errors.js';
import type { GateResult } from '../gate/gate.js';
import { RUN_FORMAT, type RunResult } from '../run/types.js';

/** GatedRun is a run with the gate's verdict: what `--json` writes and the server stores. */
export interface GatedRun extends RunResult {
  readonly gate: GateResult;
}

/** parseRunJson checks that a value is a run of this format; it throws INVALID_BASELINE otherwise. */
export function parseRunJson(value: unknown, where: string): RunResult {
  const v = value as Partial<RunResult> | null;
  if (v === null || typeof v !== 'object' || v.format !== RUN_FORMAT) {
    throw new RegressError(
      'INVALID_BASELINE',
      `${where}: not a Vigil run (format must be "${RUN_FORMAT}")`,
    );
  }
  if (!Array.isArray(v.cases) || typeof v.id !== 'string' || typeof v.target !== 'object') {
    throw new RegressError('INVALID_BASELINE', `${where}: the run has no id, target or cases`);
  }
  return v as RunResult;
}

/** readRunFile reads a run written by `--json`. */
export async function readRunFile(path: string): Promise<RunResult> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new RegressError(
      'INVALID_BASELINE',
      `${path}: cannot read the baseline run (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new RegressError('INVALID_BASELINE', `${path}: not JSON (${(e as Error).message})`);
  }
  return parseRunJson(json, path);
}
