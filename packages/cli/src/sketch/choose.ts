// --engine auto: estimate the exact engine's column memory from the headers and the row counts
// (metadata or a 1 MB sample), and switch to the sketch engine past --memory-budget, saying so on
// stderr. Auto only switches when the sketch engine can stream the inputs and honour every option.

import type { CliIo } from '../cli-io.js';
import type { DriftConfig } from '../drift/config.js';
import { selectColumns } from '../drift/plan.js';
import { names } from '../drift/run.js';
import { estimateRows } from '../io/estimate.js';
import { detectFormat } from '../io/format.js';
import { readHeader } from '../io/read.js';
import { checkSketchConfig, exactMemoryEstimate, formatBytes, sketchBlocker } from './engine.js';
import { canStream } from './run.js';

/** chooseEngine resolves --engine to the engine that runs: exact or sketch. */
export async function chooseEngine(config: DriftConfig, io: CliIo): Promise<'exact' | 'sketch'> {
  if (config.engine === 'exact') return 'exact';
  if (config.engine === 'sketch') {
    checkSketchConfig(config);
    return 'sketch';
  }
  const refFormat = detectFormat(config.reference, config.inputFormat);
  const curPath = config.current ?? config.reference;
  const curFormat = detectFormat(curPath, config.inputFormat);
  if (!canStream(config, refFormat, curFormat)) return 'exact';
  const request = (path: string, format: typeof refFormat) => ({
    path,
    format,
    ...(config.delimiter !== undefined ? { delimiter: config.delimiter } : {}),
  });
  const refHeader = await readHeader(request(config.reference, refFormat));
  const curHeader = await readHeader(request(curPath, curFormat));
  if (refHeader === null || curHeader === null) return 'exact';
  // Bad column names are reported by the engine that runs; here they only mean "no estimate".
  let columns: number;
  try {
    columns = selectColumns(config, names(config, refHeader, curHeader)).length;
  } catch {
    return 'exact';
  }
  const rows =
    (await estimateRows(config.reference, refFormat)) + (await estimateRows(curPath, curFormat));
  const need = exactMemoryEstimate(rows, columns);
  if (need <= config.memoryBudget) return 'exact';
  const blocker = sketchBlocker(config);
  if (blocker !== undefined) {
    io.stderr.write(
      `vigil: the exact engine needs about ${formatBytes(need)} (over --memory-budget ${formatBytes(config.memoryBudget)}), but staying exact: ${blocker}\n`,
    );
    return 'exact';
  }
  io.stderr.write(
    `vigil: about ${rows.toLocaleString('en-US')} rows x ${columns} columns need ~${formatBytes(need)} in the exact engine, over --memory-budget ${formatBytes(config.memoryBudget)}: using --engine sketch\n`,
  );
  return 'sketch';
}
