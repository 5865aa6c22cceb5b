import { isUtf8 } from 'node:buffer';
import type { FileHandle } from 'node:fs/promises';
import { inputError } from '../errors.js';
import { firstInvalidUtf8, lineAndColumn } from './utf8.js';

const LF = 10;
/** BLOCK_BYTES is the read size: large enough to amortise syscalls, small enough to stay in cache. */
const BLOCK_BYTES = 4 << 20;

/**
 * BlockReader reads a text file in blocks into one reusable buffer. The caller parses
 * buffer[0, filled), says how much it consumed, and calls fill() again; unconsumed bytes (a record
 * cut by the block end) move to the front. Every byte is checked to be UTF-8 before it is parsed.
 */
export class BlockReader {
  buffer = Buffer.allocUnsafe(BLOCK_BYTES);
  filled = 0;
  validated = 0;
  eof = false;
  consumedTotal = 0;

  constructor(
    readonly handle: FileHandle,
    readonly label: string,
  ) {}

  /** fill reads more bytes after compacting away the consumed prefix, then checks UTF-8. */
  async fill(consumed: number, line: () => number): Promise<void> {
    if (consumed > 0) {
      this.buffer.copy(this.buffer, 0, consumed, this.filled);
      this.filled -= consumed;
      this.validated -= consumed;
      this.consumedTotal += consumed;
    }
    if (this.filled === this.buffer.length) {
      // One record is longer than the block: grow so it fits.
      const bigger = Buffer.allocUnsafe(this.buffer.length * 2);
      this.buffer.copy(bigger, 0, 0, this.filled);
      this.buffer = bigger;
    }
    const { bytesRead } = await this.handle.read(
      this.buffer,
      this.filled,
      this.buffer.length - this.filled,
      null,
    );
    this.filled += bytesRead;
    if (bytesRead === 0) this.eof = true;
    // Validate up to the last line break: a multi-byte character never contains byte 0x0A, so the
    // checked region never ends inside a character.
    const upTo =
      this.eof || this.filled === 0
        ? this.filled
        : this.buffer.lastIndexOf(LF, this.filled - 1) + 1;
    if (upTo > this.validated) {
      if (!isUtf8(this.buffer.subarray(this.validated, upTo))) {
        const bad = firstInvalidUtf8(this.buffer, this.validated, upTo);
        const at = lineAndColumn(this.buffer, 0, bad < 0 ? this.validated : bad, line());
        throw inputError(
          `${this.label}:${at.line}`,
          `invalid UTF-8 (byte 0x${this.buffer[bad < 0 ? this.validated : bad].toString(16)} at column ${at.column}); save the file as UTF-8`,
        );
      }
      this.validated = upTo;
    }
  }
}
