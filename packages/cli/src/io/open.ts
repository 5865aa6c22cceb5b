import type { FileHandle } from 'node:fs/promises';
import { open } from 'node:fs/promises';
import { inputError } from '../errors.js';

/** describeFsError turns a Node file-system error into a short human reason. */
export function describeFsError(error: unknown): string {
  const code = (error as { code?: string } | null)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory, not a file';
    case 'EMFILE':
      return 'too many open files';
    default:
      return `cannot read (${code ?? (error instanceof Error ? error.message : String(error))})`;
  }
}

/** openInput opens a file for reading; failures become one-line input errors naming the file. */
export async function openInput(path: string): Promise<{ handle: FileHandle; size: number }> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    throw inputError(path, describeFsError(error), error);
  }
  try {
    const stat = await handle.stat();
    if (stat.isDirectory()) throw inputError(path, 'is a directory, not a file');
    return { handle, size: stat.size };
  } catch (error) {
    await handle.close();
    if (error instanceof Error && error.name === 'CliError') throw error;
    throw inputError(path, describeFsError(error), error);
  }
}
