// A shell command as a target: the case goes in on stdin or as an argument, the output is stdout.
// The command runs without a shell (argv), so inputs are never interpreted by one.
import { spawn } from 'node:child_process';
import { caseScope, renderTemplate } from './template.js';
import { type Target, type TargetCall, TargetCallError } from './types.js';

/** ShellTargetOptions configures {@link createShellTarget}. */
export interface ShellTargetOptions {
  readonly name: string;
  readonly version: string;
  /** command: argv; arguments may hold templates such as `{{input}}`. */
  readonly command: readonly string[];
  /** inputVia: `stdin` (default) writes the input text (or `stdin` template) to the process. */
  readonly inputVia?: 'stdin' | 'argument';
  /** stdin: template of what is written to stdin; default `{{input}}`. */
  readonly stdin?: string;
  readonly cwd?: string;
  readonly env?: Readonly<Record<string, string>>;
}

/** createShellTarget returns a Target that runs a command once per call. */
export function createShellTarget(options: ShellTargetOptions): Target {
  const [program, ...args] = options.command;
  return {
    name: options.name,
    kind: 'shell',
    version: options.version,
    call(c, signal): Promise<TargetCall> {
      const scope = caseScope(c);
      const argv = args.map((a) => renderTemplate(a, scope));
      const started = performance.now();
      return new Promise<TargetCall>((resolve, reject) => {
        const child = spawn(program, argv, {
          cwd: options.cwd,
          env: options.env ? { ...process.env, ...options.env } : process.env,
          signal,
          stdio: ['pipe', 'pipe', 'pipe'],
        });
        const out: Buffer[] = [];
        const err: Buffer[] = [];
        child.stdout.on('data', (b: Buffer) => out.push(b));
        child.stderr.on('data', (b: Buffer) => err.push(b));
        child.on('error', (e) => {
          if (signal.aborted) reject(signal.reason instanceof Error ? signal.reason : e);
          else
            reject(
              new TargetCallError(
                `${program}: ${(e as NodeJS.ErrnoException).code ?? e.message}`,
                false,
                { cause: e },
              ),
            );
        });
        child.on('close', (code) => {
          // Aborted (the run stopped or the call timed out): settle, even if the child had already
          // exited when the abort came (spawn then emits no error). A second settle is a no-op.
          if (signal.aborted) {
            reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
            return;
          }
          if (code !== 0) {
            const stderr = Buffer.concat(err).toString('utf8').trim().split('\n').pop() ?? '';
            reject(
              new TargetCallError(
                `${program} exited with ${code}${stderr ? `: ${stderr}` : ''}`,
                false,
              ),
            );
            return;
          }
          resolve({
            output: Buffer.concat(out)
              .toString('utf8')
              .replace(/\r?\n$/, ''),
            latencyMs: performance.now() - started,
            costUsd: null,
          });
        });
        // A command that does not read stdin closes it early: EPIPE is not a failure.
        child.stdin.on('error', () => {});
        if ((options.inputVia ?? 'stdin') === 'stdin')
          child.stdin.end(renderTemplate(options.stdin ?? '{{input}}', scope));
        else child.stdin.end();
      });
    },
  };
}
