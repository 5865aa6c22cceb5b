// The commander definition of `vigil audit`: the project's audit log over a time window, as a
// table, JSON, JSON Lines or CSV (the server renders the exports; the CLI writes them verbatim).
import { Command } from 'commander';
import { apiRequest } from '../baseline/api.js';
import type { CliIo } from '../cli-io.js';
import { usageError } from '../errors.js';
import { formatTime } from '../io/time.js';
import { parseSince, renderTable, type ServerOptions, serverTarget } from '../registry/args.js';

const FORMATS = ['table', 'json', 'jsonl', 'csv'] as const;
type AuditFormat = (typeof FORMATS)[number];

interface AuditOptions extends ServerOptions {
  since: string;
  until?: string;
  targetKind?: string;
  target?: string;
  actor?: string;
  format: string;
  limit?: string;
}

interface WireEntry {
  time: number;
  actor: string;
  action: string;
  target_kind: string;
  target: string;
  details: Record<string, unknown>;
}

/** auditCommand builds `vigil audit`. */
export function auditCommand(io: CliIo, result: { code: number }, now = Date.now): Command {
  return new Command('audit')
    .description('show or export the audit log: who changed what, when')
    .option('--since <when>', 'start: a duration back (30m, 12h, 7d), epoch ms or ISO date', '7d')
    .option('--until <when>', 'end (exclusive): a duration back, epoch ms or ISO date; default now')
    .option('--target-kind <kind>', 'only changes to this kind: model, alias, incident, ...')
    .option('--target <name>', 'only changes to this target, e.g. churn@production')
    .option('--actor <who>', 'only changes by this actor, e.g. key:<id>')
    .option('--format <format>', `output: ${FORMATS.join(', ')}`, 'table')
    .option('--limit <n>', 'at most this many entries (default 1000)')
    .option('--endpoint <url>', 'Vigil server (env VIGIL_ENDPOINT, default http://127.0.0.1:8080)')
    .option('--api-key <key>', 'project API key (env VIGIL_API_KEY)')
    .action(async (o: AuditOptions) => {
      if (!FORMATS.includes(o.format as AuditFormat)) {
        throw usageError(`--format must be one of ${FORMATS.join(', ')}, got '${o.format}'`);
      }
      const format = o.format as AuditFormat;
      if (o.limit !== undefined && !/^[1-9][0-9]{0,5}$/.test(o.limit)) {
        throw usageError(`--limit must be a positive integer, got '${o.limit}'`);
      }
      const t = now();
      const from = parseSince(o.since, '--since', t);
      const to = o.until === undefined ? t + 1 : parseSince(o.until, '--until', t);
      if (!(from < to)) throw usageError('--since must be before --until');
      const q = new URLSearchParams({ from: String(from), to: String(to) });
      if (o.targetKind !== undefined) q.set('target_kind', o.targetKind);
      if (o.target !== undefined) q.set('target', o.target);
      if (o.actor !== undefined) q.set('actor', o.actor);
      if (o.limit !== undefined) q.set('limit', o.limit);
      q.set('format', format === 'table' ? 'json' : format);
      const r = await apiRequest(serverTarget(io, o), 'GET', `/v1/audit?${q}`);
      if (format === 'csv' || format === 'jsonl') {
        // The client parses what looks like JSON: a one-entry JSON Lines answer comes back parsed.
        const text =
          typeof r.body === 'string'
            ? r.body
            : r.body === null
              ? ''
              : `${JSON.stringify(r.body)}\n`;
        io.stdout.write(text);
      } else if (format === 'json') {
        io.stdout.write(`${JSON.stringify(r.body, null, 2)}\n`);
      } else {
        const entries = (r.body as { entries: WireEntry[] }).entries;
        io.stdout.write(
          renderTable(
            ['TIME', 'ACTOR', 'ACTION', 'TARGET', 'DETAILS'],
            entries.map((e) => [
              formatTime(e.time),
              e.actor,
              e.action,
              `${e.target_kind}:${e.target}`,
              JSON.stringify(e.details).slice(0, 120),
            ]),
          ),
        );
      }
      result.code = 0;
    });
}
