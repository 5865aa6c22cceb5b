// Stand-ins for the user's systems that receive notifications: an HTTP server whose paths answer
// as scripted (status codes, or a hang), a real SMTP server (smtp-server), and Debian's
// Alertmanager as a child process.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';

/** Received is one request as the receiver saw it. */
export interface Received {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  /** performance.now() when the body was complete. */
  readonly at: number;
}

/** Script answers the n-th request (0-based) of a path: a status code, or 'hang'. */
export type Script = (n: number) => number | 'hang';

/** HttpReceiver records every request and answers per path. */
export interface HttpReceiver {
  readonly url: string;
  readonly received: Received[];
  of(path: string): Received[];
  close(): Promise<void>;
}

/** startHttpReceiver listens on 127.0.0.1 with one script per path (unknown paths: 404). */
export async function startHttpReceiver(
  scripts: Readonly<Record<string, Script>>,
): Promise<HttpReceiver> {
  const received: Received[] = [];
  const counts = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '';
      received.push({
        path,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at: performance.now(),
      });
      const n = counts.get(path) ?? 0;
      counts.set(path, n + 1);
      const script = scripts[path];
      const answer = script === undefined ? 404 : script(n);
      if (answer === 'hang') return; // never answer: the sender's timeout must cut it
      res.writeHead(answer, { 'content-type': 'text/plain' }).end(answer >= 300 ? 'boom' : 'ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const addr = server.address();
  const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    of: (path) => received.filter((r) => r.path === path),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Mail is one message the SMTP server accepted. */
export interface Mail {
  readonly from: string;
  readonly to: string[];
  readonly data: string;
}

/** SmtpReceiver is a running SMTP server (no TLS, no auth) that keeps what it accepts. */
export interface SmtpReceiver {
  readonly port: number;
  readonly mails: Mail[];
  close(): Promise<void>;
}

/** startSmtpReceiver starts smtp-server on 127.0.0.1 (STARTTLS and AUTH off). */
export async function startSmtpReceiver(): Promise<SmtpReceiver> {
  const mails: Mail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const envelope = session.envelope;
        mails.push({
          from: envelope.mailFrom === false ? '' : envelope.mailFrom.address,
          to: envelope.rcptTo.map((r) => r.address),
          data: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const addr = server.server.address();
  const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
  return { port, mails, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** freePort asks the OS for a free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createNetServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}

/** ALERTMANAGER is Debian's binary (package prometheus-alertmanager). */
export const ALERTMANAGER = '/usr/bin/prometheus-alertmanager';

/** AlertmanagerProcess is a running Alertmanager with its base URL. */
export interface AlertmanagerProcess {
  readonly url: string;
  log(): string;
  close(): Promise<void>;
}

/** startAlertmanager runs Alertmanager on a free port (clustering off) and waits until ready. */
export async function startAlertmanager(): Promise<AlertmanagerProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-am-'));
  const config = join(dir, 'alertmanager.yml');
  writeFileSync(config, 'route:\n  receiver: none\nreceivers:\n  - name: none\n');
  const port = await freePort();
  let log = '';
  const child: ChildProcess = spawn(
    ALERTMANAGER,
    [
      `--config.file=${config}`,
      `--storage.path=${dir}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--cluster.listen-address=',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout?.on('data', (c: Buffer) => {
    log += c.toString();
  });
  child.stderr?.on('data', (c: Buffer) => {
    log += c.toString();
  });
  const url = `http://127.0.0.1:${port}`;
  const close = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) break;
    try {
      if ((await fetch(`${url}/-/ready`)).ok) return { url, log: () => log, close };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  await close();
  throw new Error(`Alertmanager did not become ready on ${url}:\n${log}`);
}
