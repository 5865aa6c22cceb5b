// Temporary files for reader and CLI tests: each test file gets its own directory, removed after.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** TempDir writes named files into a fresh directory under the OS temp dir. */
export class TempDir {
  readonly path = mkdtempSync(join(tmpdir(), 'vigil-cli-'));

  /** write creates a file from text (UTF-8) or bytes and returns its path. */
  write(name: string, content: string | Uint8Array): string {
    const p = join(this.path, name);
    writeFileSync(p, content);
    return p;
  }

  /** file returns the path of a name inside the directory (not created). */
  file(name: string): string {
    return join(this.path, name);
  }

  remove(): void {
    rmSync(this.path, { recursive: true, force: true });
  }
}
