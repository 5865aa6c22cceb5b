// The commander definition of `vigil registry`: list and create model versions, promote a version
// to an alias (through the server's promotion guard), list aliases, show their history, resolve
// a reference. Every subcommand calls the API; a refusal or bad input is one line and exit 2.
import { Command } from 'commander';
import { apiRequest } from '../baseline/api.js';
import type { CliIo } from '../cli-io.js';
import { formatTime } from '../io/time.js';
import {
  collectMetric,
  collectTag,
  parseVersion,
  renderTable,
  type ServerOptions,
  serverTarget,
} from './args.js';

interface WireVersion {
  model: string;
  version: number;
  artifact_uri: string;
  baseline_id: string | null;
  metrics: Record<string, number>;
  tags: Record<string, string>;
  description: string;
  created_by: string;
  created_at: number;
}

interface WireAlias {
  alias: string;
  version: number;
  updated_by: string;
  updated_at: number;
}

interface WireMove {
  seq: number;
  alias: string;
  from_version: number | null;
  to_version: number | null;
  actor: string;
  time: number;
  reason: string;
}

type Common = ServerOptions & { json?: boolean };

const seg = (s: string) => encodeURIComponent(s);
const pairs = (o: Record<string, unknown>) =>
  Object.entries(o)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
const orDash = (v: number | null) => (v === null ? '-' : String(v));

function withServerOptions(c: Command): Command {
  return c
    .option('--endpoint <url>', 'Vigil server (env VIGIL_ENDPOINT, default http://127.0.0.1:8080)')
    .option('--api-key <key>', 'project API key (env VIGIL_API_KEY)')
    .option('--json', 'print the server answer as JSON');
}

/** registryCommand builds `vigil registry` and its subcommands. */
export function registryCommand(io: CliIo, result: { code: number }): Command {
  const out = (s: string) => io.stdout.write(s);
  const json = (v: unknown) => out(`${JSON.stringify(v, null, 2)}\n`);

  const versions = withServerOptions(
    new Command('versions').description("list a model's versions, newest first"),
  )
    .argument('<model>', 'model name')
    .action(async (model: string, o: Common) => {
      const r = await apiRequest(serverTarget(io, o), 'GET', `/v1/models/${seg(model)}/versions`);
      const body = r.body as { versions: WireVersion[] };
      if (o.json) json(body);
      else {
        out(
          renderTable(
            ['VERSION', 'CREATED', 'BY', 'ARTIFACT', 'METRICS'],
            body.versions.map((v) => [
              String(v.version),
              formatTime(v.created_at),
              v.created_by,
              v.artifact_uri,
              pairs(v.metrics),
            ]),
          ),
        );
      }
      result.code = 0;
    });

  const createVersion = withServerOptions(
    new Command('create-version').description('register a new immutable version of a model'),
  )
    .argument('<model>', 'model name')
    .requiredOption('--artifact <uri>', 'where the artifact is, e.g. s3://bucket/model/7')
    .option('--baseline <id>', 'id of the training-data baseline')
    .option('--metric <k=v>', 'an offline metric, e.g. auc=0.91 (repeatable)', collectMetric)
    .option('--tag <k=v>', 'a tag (repeatable)', collectTag)
    .option('--description <text>', 'what changed')
    .action(
      async (
        model: string,
        o: Common & {
          artifact: string;
          baseline?: string;
          metric?: Record<string, number>;
          tag?: Record<string, string>;
          description?: string;
        },
      ) => {
        const r = await apiRequest(
          serverTarget(io, o),
          'POST',
          `/v1/models/${seg(model)}/versions`,
          {
            json: {
              artifact_uri: o.artifact,
              ...(o.baseline === undefined ? {} : { baseline_id: o.baseline }),
              ...(o.metric === undefined ? {} : { metrics: o.metric }),
              ...(o.tag === undefined ? {} : { tags: o.tag }),
              ...(o.description === undefined ? {} : { description: o.description }),
            },
          },
        );
        const v = r.body as WireVersion;
        if (o.json) json(v);
        else out(`vigil: created ${v.model} version ${v.version} (${v.artifact_uri})\n`);
        result.code = 0;
      },
    );

  const promote = withServerOptions(
    new Command('promote').description(
      'point an alias (default production) at a version, after the promotion checks pass',
    ),
  )
    .argument('<model>', 'model name')
    .argument('<version>', 'version number')
    .option('--alias <name>', 'alias to move', 'production')
    .requiredOption('--reason <text>', 'why (kept in the alias history and the audit log)')
    .option('--force', 'move even if checks refuse (recorded; not allowed for production)')
    .action(
      async (
        model: string,
        versionText: string,
        o: Common & { alias: string; reason: string; force?: boolean },
      ) => {
        const version = parseVersion(versionText);
        const r = await apiRequest(
          serverTarget(io, o),
          'PUT',
          `/v1/models/${seg(model)}/aliases/${seg(o.alias)}`,
          { json: { version, reason: o.reason, ...(o.force ? { force: true } : {}) } },
        );
        const m = r.body as {
          from: number | null;
          to: number;
          overridden: { check: string; reason: string }[];
        };
        if (o.json) json(m);
        else {
          out(`vigil: ${model}@${o.alias}: ${orDash(m.from)} -> ${m.to}\n`);
          for (const x of m.overridden) out(`vigil: forced past ${x.check}: ${x.reason}\n`);
        }
        result.code = 0;
      },
    );

  const alias = withServerOptions(
    new Command('alias').description("list a model's aliases and the versions they point at"),
  )
    .argument('<model>', 'model name')
    .action(async (model: string, o: Common) => {
      const r = await apiRequest(serverTarget(io, o), 'GET', `/v1/models/${seg(model)}/aliases`);
      const body = r.body as { aliases: WireAlias[] };
      if (o.json) json(body);
      else {
        out(
          renderTable(
            ['ALIAS', 'VERSION', 'UPDATED', 'BY'],
            body.aliases.map((a) => [
              a.alias,
              String(a.version),
              formatTime(a.updated_at),
              a.updated_by,
            ]),
          ),
        );
      }
      result.code = 0;
    });

  const history = withServerOptions(
    new Command('history').description("every move of a model's aliases, oldest first"),
  )
    .argument('<model>', 'model name')
    .option('--alias <name>', 'only this alias')
    .action(async (model: string, o: Common & { alias?: string }) => {
      const q = o.alias === undefined ? '' : `?alias=${seg(o.alias)}`;
      const r = await apiRequest(
        serverTarget(io, o),
        'GET',
        `/v1/models/${seg(model)}/alias-history${q}`,
      );
      const body = r.body as { moves: WireMove[] };
      if (o.json) json(body);
      else {
        out(
          renderTable(
            ['TIME', 'ALIAS', 'FROM', 'TO', 'BY', 'REASON'],
            body.moves.map((m) => [
              formatTime(m.time),
              m.alias,
              orDash(m.from_version),
              orDash(m.to_version),
              m.actor,
              m.reason,
            ]),
          ),
        );
      }
      result.code = 0;
    });

  const resolve = withServerOptions(
    new Command('resolve').description(
      'resolve a reference: name (latest version), name@3, name@alias',
    ),
  )
    .argument('<ref>', 'e.g. churn@production')
    .action(async (ref: string, o: Common) => {
      const r = await apiRequest(
        serverTarget(io, o),
        'GET',
        `/v1/registry/resolve?ref=${seg(ref)}`,
      );
      const body = r.body as { ref: string; version: WireVersion };
      if (o.json) json(body);
      else out(`${body.ref}\t${body.version.version}\t${body.version.artifact_uri}\n`);
      result.code = 0;
    });

  const registry = new Command('registry').description(
    'model versions and aliases: list, create, promote, history, resolve',
  );
  for (const sub of [versions, createVersion, promote, alias, history, resolve]) {
    // Nested commands need the same overrides main() gives top-level ones: errors come back to main.
    registry.addCommand(
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
  return registry;
}
