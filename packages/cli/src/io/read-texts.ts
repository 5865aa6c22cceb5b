// Reading the text files a command validates as a whole (`vigil apply`, `vigil prompts push`):
// every file is read, and one that cannot be is a problem line, not an exception, so all
// problems of all files are reported together.
import { readFile } from 'node:fs/promises';

/** cannotRead is the problem line for a file that could not be read: `FILE: cannot read: CODE`. */
export function cannotRead(file: string, e: unknown): string {
  return `${file}: cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`;
}

/**
 * readTexts reads each file as UTF-8, in order; the files that cannot be read are left out of
 * `texts` and reported in `problems`. Example: readTexts(['a.yaml', 'gone.yaml']) →
 * { texts: [{ file: 'a.yaml', text }], problems: ['gone.yaml: cannot read: ENOENT'] }.
 */
export async function readTexts(
  files: readonly string[],
): Promise<{ texts: { file: string; text: string }[]; problems: string[] }> {
  const texts: { file: string; text: string }[] = [];
  const problems: string[] = [];
  for (const file of files) {
    try {
      texts.push({ file, text: await readFile(file, 'utf8') });
    } catch (e) {
      problems.push(cannotRead(file, e));
    }
  }
  return { texts, problems };
}
