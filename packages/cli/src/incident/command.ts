// The commander definition of `vigil incident`: list, show, ack, resolve, reopen, rollback and
// postmortem, over the server's incident API with a project key.
import { readFileSync, writeFileSync } from 'node:fs';
import { Command } from 'commander';
import { type ApiTarget, apiRequest } from '../baseline/api.js';
import type { CliIo } from '../cli-io.js';
import { inputError, usageError } from '../errors.js';

/** IncidentTargetOptions are the connection flags every incident subcommand takes. */
export interface IncidentTargetOptions {
  endpoint?: string;
  apiKey?: string;
  json?: boolean;
}

interface WireIncident {
  id: string;
  model: string;
  title: string;
  status: string;
  severity: string;
  assessed_severity: string;
  severity_reason: string;
  assignee: string | null;
  created_at: number;
  first_alert_at: number;
  acknowledged_at: number | null;
  resolved_at: number | null;
  onset_at: number | null;
  response_due_at: number | null;
  triage: { category: string; evidence: string[] } | null;
  timeline?: { time: number; actor: string; message: string }[];
  actions?: {
    id: string;
    kind: string;
    target: string;
    from: string;
    to: string;
    actor: string;
    undone_at: number | null;
  }[];
}

function targetOf(io: CliIo, o: IncidentTargetOptions): ApiTarget {
  const endpoint = o.endpoint ?? io.env.VIGIL_ENDPOINT ?? 'http://127.0.0.1:8080';
  const token = o.apiKey ?? io.env.VIGIL_API_KEY;
  if (token === undefined || token === '')
    throw usageError('--api-key or VIGIL_API_KEY is required');
  return { endpoint, token };
}

const iso = (ms: number | null): string => (ms === null ? '-' : new Date(ms).toISOString());
const idPath = (id: string): string => `/v1/incidents/${encodeURIComponent(id)}`;

function line(i: WireIncident): string {
  return [i.id, i.severity, i.status.padEnd(12), i.model, iso(i.created_at), i.title].join('  ');
}

function describeIncident(i: WireIncident): string {
  const out = [
    `${i.title}`,
    `  id          ${i.id}`,
    `  model       ${i.model}`,
    `  severity    ${i.severity} (${i.severity_reason})${i.severity === i.assessed_severity ? '' : `, assessed ${i.assessed_severity}`}`,
    `  status      ${i.status}${i.response_due_at === null ? '' : `, respond by ${iso(i.response_due_at)}`}`,
    `  assignee    ${i.assignee ?? '-'}`,
    `  onset       ${iso(i.onset_at)}`,
    `  first alert ${iso(i.first_alert_at)}`,
    `  acknowledged ${iso(i.acknowledged_at)}`,
    `  resolved    ${iso(i.resolved_at)}`,
  ];
  if (i.triage !== null) {
    out.push(`  triage      ${i.triage.category}`);
    for (const e of i.triage.evidence) out.push(`    - ${e}`);
  }
  if (i.actions !== undefined && i.actions.length > 0) {
    out.push('  actions');
    for (const a of i.actions) {
      out.push(
        `    ${a.id} ${a.kind} ${a.target} ${a.from} -> ${a.to} by ${a.actor}${a.undone_at === null ? '' : ' (undone)'}`,
      );
    }
  }
  if (i.timeline !== undefined) {
    out.push('  timeline');
    for (const e of i.timeline) out.push(`    ${iso(e.time)}  ${e.actor}: ${e.message}`);
  }
  return `${out.join('\n')}\n`;
}

function positiveInt(v: string): number {
  if (!/^\d+$/.test(v) || Number(v) < 1)
    throw usageError(`--to-version must be a positive integer, got "${v}"`);
  return Number(v);
}

/** incidentCommand builds `vigil incident` and its subcommands. */
export function incidentCommand(io: CliIo, result: { code: number }): Command {
  const root = new Command('incident').description(
    'list, acknowledge, contain and resolve incidents',
  );
  const connect = (c: Command): Command =>
    c
      .option(
        '--endpoint <url>',
        'Vigil server (env VIGIL_ENDPOINT, default http://127.0.0.1:8080)',
      )
      .option('--api-key <key>', 'project API key (env VIGIL_API_KEY)')
      .option('--json', 'print the server answer as JSON');
  const emit = (o: IncidentTargetOptions, body: unknown, text: () => string) => {
    io.stdout.write(o.json ? `${JSON.stringify(body, null, 2)}\n` : text());
    result.code = 0;
  };

  const list = connect(new Command('list'))
    .description('list incidents, newest first')
    .option('--status <status>', 'triggered, acknowledged or resolved')
    .option('--severity <severity>', 'P0, P1, P2 or P3')
    .option('--model <name>', 'only this model')
    .option('--open', 'only open incidents (triggered or acknowledged)')
    .action(
      async (
        o: IncidentTargetOptions & {
          status?: string;
          severity?: string;
          model?: string;
          open?: boolean;
        },
      ) => {
        const q = new URLSearchParams();
        if (o.status !== undefined) q.set('status', o.status);
        if (o.severity !== undefined) q.set('severity', o.severity);
        if (o.model !== undefined) q.set('model', o.model);
        if (o.open) q.set('open', 'true');
        const qs = q.toString();
        const r = await apiRequest(
          targetOf(io, o),
          'GET',
          `/v1/incidents${qs === '' ? '' : `?${qs}`}`,
        );
        const rows = (r.body as { incidents: WireIncident[] }).incidents;
        emit(o, r.body, () =>
          rows.length === 0 ? 'no incidents\n' : `${rows.map(line).join('\n')}\n`,
        );
      },
    );

  const show = connect(new Command('show'))
    .description('an incident with its triage, actions and timeline')
    .argument('<id>', 'incident id')
    .action(async (id: string, o: IncidentTargetOptions) => {
      const r = await apiRequest(targetOf(io, o), 'GET', idPath(id));
      emit(o, r.body, () => describeIncident(r.body as WireIncident));
    });

  const move = (name: string, action: string, description: string) =>
    connect(new Command(name))
      .description(description)
      .argument('<id>', 'incident id')
      .option('--by <name>', 'the person acting (recorded with the key)')
      .option('--note <text>', 'a note for the timeline')
      .action(async (id: string, o: IncidentTargetOptions & { by?: string; note?: string }) => {
        const body = {
          ...(o.by === undefined ? {} : { by: o.by }),
          ...(o.note === undefined ? {} : { note: o.note }),
        };
        const r = await apiRequest(targetOf(io, o), 'POST', `${idPath(id)}/${action}`, {
          json: body,
        });
        const i = r.body as WireIncident;
        emit(o, r.body, () => `vigil: incident ${i.id} is ${i.status}\n`);
      });

  const rollback = connect(new Command('rollback'))
    .description(
      "roll the model's production alias back to the last known-good version (or --to-version)",
    )
    .argument('<id>', 'incident id')
    .option('--to-version <n>', 'the version to roll back to', positiveInt)
    .option('--reason <text>', 'why (recorded with the action)')
    .option('--by <name>', 'the person acting (recorded with the key)')
    .action(
      async (
        id: string,
        o: IncidentTargetOptions & { toVersion?: number; reason?: string; by?: string },
      ) => {
        const body = {
          ...(o.toVersion === undefined ? {} : { to_version: o.toVersion }),
          ...(o.reason === undefined ? {} : { reason: o.reason }),
          ...(o.by === undefined ? {} : { by: o.by }),
        };
        const r = await apiRequest(targetOf(io, o), 'POST', `${idPath(id)}/rollback`, {
          json: body,
        });
        const a = r.body as { id: string; target: string; from: string; to: string };
        emit(
          o,
          r.body,
          () =>
            `vigil: rolled ${a.target} back from version ${a.from} to ${a.to} (action ${a.id}; undo with the API)\n`,
        );
      },
    );

  const postmortem = connect(new Command('postmortem'))
    .description(
      'print the postmortem as Markdown, write it to --out, or replace it with --set FILE',
    )
    .argument('<id>', 'incident id')
    .option('--out <file>', 'write the Markdown to this file')
    .option('--set <file>', 'upload this Markdown file as the edited postmortem')
    .option('--by <name>', 'the person editing (with --set)')
    .action(
      async (
        id: string,
        o: IncidentTargetOptions & { out?: string; set?: string; by?: string },
      ) => {
        const target = targetOf(io, o);
        if (o.set !== undefined) {
          let markdown: string;
          try {
            markdown = readFileSync(o.set, 'utf8');
          } catch (e) {
            throw inputError(o.set, (e as Error).message, e);
          }
          await apiRequest(target, 'PUT', `${idPath(id)}/postmortem`, {
            json: { markdown, ...(o.by === undefined ? {} : { by: o.by }) },
          });
          io.stdout.write(`vigil: postmortem of ${id} updated from ${o.set}\n`);
          result.code = 0;
          return;
        }
        const r = await apiRequest(target, 'GET', `${idPath(id)}/postmortem`);
        const pm = r.body as { markdown: string };
        if (o.out !== undefined) {
          try {
            writeFileSync(o.out, pm.markdown);
          } catch (e) {
            throw inputError(o.out, (e as Error).message, e);
          }
          io.stdout.write(`vigil: postmortem of ${id} written to ${o.out}\n`);
          result.code = 0;
          return;
        }
        emit(o, r.body, () => pm.markdown);
      },
    );

  for (const sub of [
    list,
    show,
    move('ack', 'acknowledge', 'acknowledge a triggered incident'),
    move('resolve', 'resolve', 'resolve an incident'),
    move('reopen', 'reopen', 'reopen a resolved incident'),
    rollback,
    postmortem,
  ]) {
    // Nested commands need the same overrides main() gives top-level ones: errors come back to main.
    root.addCommand(
      sub
        .exitOverride()
        .configureOutput({
          writeOut: (s) => io.stdout.write(s),
          writeErr: (s) => io.stderr.write(s),
          outputError: () => {},
        })
        .showSuggestionAfterError(true),
    );
  }
  return root;
}
