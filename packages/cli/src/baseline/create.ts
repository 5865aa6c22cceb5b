// `vigil baseline create`: profile a reference file and upload it as the model's baseline. A model
// the server does not know yet is created first, its feature schema inferred from the file.
import { basename } from 'node:path';
import type { DeriveSpec } from '../io/derive.js';
import type { TimeRange } from '../io/time.js';
import { type ApiTarget, apiRequest } from './api.js';
import {
  profileReference,
  profilesBody,
  type ReferenceProfiles,
  readReference,
} from './profiles.js';

/** CreateBaselineRequest is everything `vigil baseline create` needs. */
export interface CreateBaselineRequest {
  readonly model: string;
  readonly file: string;
  readonly name?: string;
  readonly timeColumn?: string;
  readonly range?: TimeRange;
  readonly derive?: readonly DeriveSpec[];
  readonly activate?: boolean;
}

/** CreatedBaseline reports what was uploaded. */
export interface CreatedBaseline {
  readonly id: string;
  readonly name: string;
  readonly rows: number;
  readonly columns: readonly { name: string; kind: 'numerical' | 'categorical' }[];
  readonly modelCreated: boolean;
  /** Size of the uploaded profiles, bytes (base64 included). */
  readonly bytes: number;
}

/** createBaselineFromFile reads, profiles and uploads; errors are CliErrors. */
export async function createBaselineFromFile(
  target: ApiTarget,
  request: CreateBaselineRequest,
): Promise<CreatedBaseline> {
  const table = await readReference({
    path: request.file,
    timeColumn: request.timeColumn,
    range: request.range,
    derive: request.derive,
  });
  const profiles = profileReference(table, { timeColumn: request.timeColumn });
  const model = encodeURIComponent(request.model);
  const found = await apiRequest(target, 'GET', `/v1/models/${model}`, { accept: [200, 404] });
  let modelCreated = false;
  if (found.status === 404) {
    await apiRequest(target, 'POST', '/v1/models', {
      json: {
        name: request.model,
        features: profiles.columns.map((c) => ({ name: c.name, kind: c.kind })),
      },
    });
    modelCreated = true;
  }
  const name =
    request.name ??
    `file-${basename(request.file).replace(/[^A-Za-z0-9._-]/g, '_')}-${Date.now().toString(36)}`;
  const uploaded = await uploadProfiles(target, request.model, profiles, {
    name,
    path: request.file,
    activate: request.activate,
  });
  return { ...uploaded, modelCreated };
}

/** uploadProfiles stores profiles as a baseline of an existing model. */
export async function uploadProfiles(
  target: ApiTarget,
  model: string,
  profiles: ReferenceProfiles,
  options: { name: string; path: string; activate?: boolean },
): Promise<Omit<CreatedBaseline, 'modelCreated'>> {
  const body = profilesBody(profiles, options);
  const res = await apiRequest(
    target,
    'POST',
    `/v1/models/${encodeURIComponent(model)}/baselines/profiles`,
    { json: body },
  );
  const created = res.body as { id: string; name: string };
  return {
    id: created.id,
    name: created.name,
    rows: profiles.rows,
    columns: profiles.columns.map((c) => ({ name: c.name, kind: c.kind })),
    bytes: JSON.stringify(body).length,
  };
}
