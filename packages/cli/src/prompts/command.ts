// The commander definition of `vigil prompts`: push prompt files kept in git, list prompts, move a
// label to a version, revert a label to its previous version.
import { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import { usageError } from '../errors.js';
import { parseVersion, renderTable, type ServerOptions, serverTarget } from '../registry/args.js';
import {
  listPrompts,
  loadPrompts,
  moveLabel,
  PromptsInvalid,
  promptFiles,
  pushPrompts,
  revertLabel,
} from './run.js';

const LABEL = /^[a-z0-9][a-z0-9._-]{0,63}$/;

function parseLabel(text: string): string {
  if (!LABEL.test(text)) {
    throw usageError(`LABEL must be lowercase letters, digits, ".", "_" or "-", got '${text}'`);
  }
  return text;
}

interface PushOptions extends ServerOptions {
  label?: string;
  message?: string;
  dryRun?: boolean;
}

/** promptsCommand builds `vigil prompts` with push, list, label and revert. */
export function promptsCommand(io: CliIo, result: { code: number }): Command {
  const server = (c: Command) =>
    c
      .option(
        '--endpoint <url>',
        'Vigil server (env VIGIL_ENDPOINT, default http://127.0.0.1:8080)',
      )
      .option('--api-key <key>', 'project API key (env VIGIL_API_KEY)');

  const push = server(
    new Command('push')
      .description(
        'push prompts/*.yaml as new versions; a prompt whose content did not change gets none',
      )
      .argument('[dir]', 'directory of prompt files, or one file', 'prompts')
      .option('--label <label>', 'move this label (e.g. staging) to the pushed versions')
      .option('-m, --message <text>', 'note kept with new versions, e.g. the git commit')
      .option('--dry-run', 'validate the files, send nothing'),
  ).action(async (dir: string, o: PushOptions) => {
    const label = o.label === undefined ? undefined : parseLabel(o.label);
    if (label === 'latest')
      throw usageError('--label latest: "latest" moves by itself to every new version');
    const target = serverTarget(io, o);
    let prompts: Awaited<ReturnType<typeof loadPrompts>>;
    try {
      prompts = await loadPrompts(await promptFiles(dir));
    } catch (e) {
      // Each problem on its own line (file:line:col: field: message), then main's summary line.
      if (e instanceof PromptsInvalid) for (const p of e.problems) io.stderr.write(`${p}\n`);
      throw e;
    }
    if (o.dryRun === true) {
      for (const p of prompts) io.stdout.write(`${p.prompt.name}: valid (${p.file})\n`);
      result.code = 0;
      return;
    }
    const lines = await pushPrompts(target, prompts, {
      ...(label === undefined ? {} : { label }),
      ...(o.message === undefined ? {} : { message: o.message }),
    });
    for (const l of lines) {
      const what = l.created ? 'created' : 'unchanged';
      io.stdout.write(`${l.name}: version ${l.version} ${what} [${l.labels.join(', ')}]\n`);
    }
    result.code = 0;
  });

  const list = server(
    new Command('list').description("list the project's prompts and their labels"),
  ).action(async (o: ServerOptions) => {
    const rows = await listPrompts(serverTarget(io, o));
    io.stdout.write(
      renderTable(
        ['NAME', 'LATEST', 'LABELS'],
        rows.map((p) => [
          p.name,
          String(p.latest_version),
          Object.entries(p.labels)
            .map(([l, v]) => `${l}=${v}`)
            .join(' '),
        ]),
      ),
    );
    result.code = 0;
  });

  const label = server(
    new Command('label')
      .description('point LABEL of prompt NAME at VERSION')
      .argument('<name>', 'prompt name')
      .argument('<version>', 'version number')
      .argument('<label>', 'label, e.g. production'),
  ).action(async (name: string, version: string, labelText: string, o: ServerOptions) => {
    const v = parseVersion(version);
    const l = parseLabel(labelText);
    const previous = await moveLabel(serverTarget(io, o), name, l, v);
    io.stdout.write(`${name}@${l}: ${previous === null ? '(new)' : previous} -> ${v}\n`);
    result.code = 0;
  });

  const revert = server(
    new Command('revert')
      .description('move LABEL of prompt NAME back to the version it pointed at before')
      .argument('<name>', 'prompt name')
      .argument('<label>', 'label, e.g. production'),
  ).action(async (name: string, labelText: string, o: ServerOptions) => {
    const r = await revertLabel(serverTarget(io, o), name, parseLabel(labelText));
    io.stdout.write(`${name}@${labelText}: ${r.from} -> ${r.to} (reverted)\n`);
    result.code = 0;
  });

  const prompts = new Command('prompts').description(
    'prompt versions and labels: push, list, label, revert',
  );
  for (const sub of [push, list, label, revert]) {
    // Nested commands need the same overrides main() gives top-level ones: errors come back to main.
    prompts.addCommand(
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
  return prompts;
}
