import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { CliIo } from './cli-io.js';
import { Progress } from './progress.js';

function fakeTerminal(isTTY: boolean): { io: CliIo; output: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk, _encoding, done) {
      text += String(chunk);
      done();
    },
  }) as Writable & { isTTY: boolean; columns: number };
  stream.isTTY = isTTY;
  stream.columns = 100;
  const io: CliIo = {
    stdout: { write: () => true },
    stderr: stream,
    stdoutIsTTY: false,
    stderrIsTTY: isTTY,
    env: {},
    stderrStream: stream as unknown as NodeJS.WriteStream,
  };
  return { io, output: () => text };
}

describe('Progress', () => {
  it('draws a bar on a terminal once the delay has passed', async () => {
    const { io, output } = fakeTerminal(true);
    const p = new Progress(io, { enabled: true, delayMs: 0 });
    p.stage('comparing columns');
    p.update(0.5);
    // cli-progress redraws on its own timer (and on update after its throttle time).
    await new Promise((r) => setTimeout(r, 250));
    p.update(0.5);
    expect(output()).toMatch(/comparing columns \|.*\| 50%/);
    p.stop();
  });

  it.each([
    { name: 'before the delay', tty: true, enabled: true, delayMs: 60_000 },
    { name: 'off a terminal', tty: false, enabled: true, delayMs: 0 },
    { name: 'with --no-progress', tty: true, enabled: false, delayMs: 0 },
  ])('stays silent $name', ({ tty, enabled, delayMs }) => {
    const { io, output } = fakeTerminal(tty);
    const p = new Progress(io, { enabled, delayMs });
    p.stage('reading');
    p.update(0.7);
    p.stop();
    expect(output()).toBe('');
  });
});
