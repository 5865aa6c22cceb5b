// `vigil golden add --from-incident N`: turn an incident into a golden case, so that every failure
// becomes a test. The case is appended to the set (YAML comments and layout kept), the set's
// version is bumped, and the new file is validated before it replaces the old one.
import { readFile, writeFile } from 'node:fs/promises';
import { appendGoldenCase, type Category, parseGoldenSet, RegressError } from '@vigil/regress';
import { CliError, inputError } from '../errors.js';

/** IncidentSummary is what a golden case keeps of an incident. */
export interface IncidentSummary {
  readonly id: string;
  readonly model: string;
  readonly title: string;
  readonly severity: string;
  readonly failureMode: string;
}

/** fetchIncident reads `GET /v1/incidents/:id` from the server. */
export async function fetchIncident(
  server: string,
  key: string,
  id: string,
): Promise<IncidentSummary> {
  const url = `${server.replace(/\/+$/, '')}/v1/incidents/${encodeURIComponent(id)}`;
  let res: Response;
  try {
    res = await fetch(url, {
      headers: { authorization: `Bearer ${key}` },
      signal: AbortSignal.timeout(30_000),
    });
  } catch (e) {
    throw new CliError(
      'input',
      `Vigil server ${url} unreachable (${(e as { cause?: { code?: string } }).cause?.code ?? (e as Error).message})`,
    );
  }
  if (res.status === 404)
    throw new CliError('input', `incident ${id} does not exist in this project`);
  if (!res.ok)
    throw new CliError('input', `incident ${id}: the server answered HTTP ${res.status}`);
  const i = (await res.json()) as {
    id: string;
    model: string;
    title: string;
    severity: string;
    failure_mode: string;
  };
  return {
    id: String(i.id),
    model: i.model,
    title: i.title,
    severity: i.severity,
    failureMode: i.failure_mode,
  };
}

/** NewIncidentCase is the case to add. */
export interface NewIncidentCase {
  readonly input: string;
  readonly expected?: string;
  readonly category: Category;
}

/**
 * caseFromIncident builds the case: id `incident-<id>`, tags for the incident, the model, its
 * severity and failure mode, and the given input and expected output. Without an expected output
 * the set's default assertions apply (a case needs at least one: parsing says so).
 */
export function caseFromIncident(
  incident: IncidentSummary,
  c: NewIncidentCase,
): Record<string, unknown> {
  return {
    id: `incident-${incident.id}`,
    description: `From incident ${incident.id} (${incident.severity}): ${incident.title}`,
    category: c.category,
    tags: [
      'incident',
      `model:${incident.model}`,
      `severity:${incident.severity}`,
      `failure:${incident.failureMode}`,
    ],
    input: c.input,
    ...(c.expected === undefined ? {} : { expected: c.expected }),
  };
}

/** addIncidentCase appends the incident's case to the set file and returns the new version. */
export async function addIncidentCase(
  file: string,
  incident: IncidentSummary,
  c: NewIncidentCase,
): Promise<string> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw inputError(
      file,
      `cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
    );
  }
  let next: string;
  try {
    next = appendGoldenCase(text, file, caseFromIncident(incident, c));
  } catch (e) {
    if (e instanceof RegressError) throw new CliError('input', e.message, { cause: e });
    throw e;
  }
  await writeFile(file, next);
  const parsed = parseGoldenSet(next, file);
  return parsed.ok ? parsed.set.version : '?';
}
