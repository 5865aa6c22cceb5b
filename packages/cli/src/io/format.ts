import { extname } from 'node:path';
import { inputError, usageError } from '../errors.js';

/** InputFormat lists the file formats `vigil drift` reads. */
export type InputFormat = 'csv' | 'tsv' | 'json' | 'jsonl' | 'parquet';

/** INPUT_FORMATS is every accepted --input-format value. */
export const INPUT_FORMATS: readonly InputFormat[] = ['csv', 'tsv', 'json', 'jsonl', 'parquet'];

const BY_EXTENSION: Record<string, InputFormat> = {
  '.csv': 'csv',
  '.tsv': 'tsv',
  '.tab': 'tsv',
  '.json': 'json',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  '.parquet': 'parquet',
  '.pq': 'parquet',
};

/** parseInputFormat validates an --input-format value. */
export function parseInputFormat(value: string): InputFormat {
  const v = value.toLowerCase();
  if ((INPUT_FORMATS as readonly string[]).includes(v)) return v as InputFormat;
  throw usageError(
    `--input-format: unknown format '${value}' (expected ${INPUT_FORMATS.join(', ')})`,
  );
}

/** detectFormat picks the format from the file extension, or from --input-format when given. */
export function detectFormat(path: string, explicit: InputFormat | undefined): InputFormat {
  if (explicit !== undefined) return explicit;
  const ext = extname(path).toLowerCase();
  const format = BY_EXTENSION[ext];
  if (format === undefined) {
    throw inputError(
      path,
      `unknown format${ext ? ` '${ext}'` : ' (no extension)'}; use --input-format ${INPUT_FORMATS.join('|')}`,
    );
  }
  return format;
}
