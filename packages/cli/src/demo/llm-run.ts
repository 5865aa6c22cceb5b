// `vigil demo --llm`: a support bot's traffic through Vigil's OpenAI-compatible gateway to a local
// provider stand-in, on a simulated clock of whole hours. Four healthy hours set the reference;
// then the provider moves `gpt-4o` to a new model (generic answers, last year's prices) while a
// shorter prompt reaches production. The LLM quality monitors fire, the incident worker opens an
// incident, the demo contains it (prompt label reverted, model pinned) and the monitors recover.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TickEvaluation } from '@vigil/server';
import { type ApiTarget, apiRequest } from '../baseline/api.js';
import type { CliIo } from '../cli-io.js';
import { keepOrStop } from './keep.js';
import { type LlmDemoMonitor, llmDemoMonitors } from './llm-monitors.js';
import {
  DEMO_ALIAS,
  DEMO_PRICES,
  type DemoUpstream,
  demoQuestion,
  demoSystemPrompt,
  startDemoUpstream,
} from './llm-upstream.js';

/** LlmDemoOptions are the flags of `vigil demo --llm`. */
export interface LlmDemoOptions {
  /** SQLite file; default a temporary one, removed at the end. */
  readonly db?: string;
  readonly port: number;
  readonly host: string;
  /** Keep serving after the scenario until SIGINT/SIGTERM. */
  readonly keep: boolean;
  /** Chat calls per simulated hour (default 40). */
  readonly callsPerHour?: number;
}

const HOUR = 3_600_000;
/** The first simulated hour: a Monday morning, UTC. */
const H0 = Date.UTC(2026, 0, 5, 8);
const REFERENCE_HOURS = 3;
const UPDATE_HOUR = 4;
const HOURS = 6;
const MODEL = 'support-bot';
const SERVICE = 'support';
const PROMPT = 'support';
const KNOWLEDGE = 'prices';
// The gateway caches pins and labels this long (LOOKUP_TTL_MS); containment made through the
// incident API reaches it once the cache entry expired.
// The quality worker leaves answers younger than 10 s for its next run.
const QUALITY_LAG_MS = 10_001;

const hh = (t: number) => new Date(t).toISOString().slice(11, 16);
const fmt = (v: number | null) => (v === null ? '   -  ' : v.toFixed(3).padStart(6));

interface HourTraffic {
  readonly served: Map<string, number>;
  readonly promptVersion: number;
  readonly failed: number;
}

/** runLlmDemo runs the LLM scenario and resolves with its exit code once it has stopped. */
export async function runLlmDemo(io: CliIo, options: LlmDemoOptions): Promise<number> {
  const started = performance.now();
  const say = (line = '') => io.stdout.write(`${line}\n`);
  const secs = () => `${((performance.now() - started) / 1000).toFixed(1)}s`;
  const perHour = options.callsPerHour ?? 40;
  const { loadEnv, openStoreFromEnv, startServer } = await import('@vigil/server');
  const tempDir = options.db === undefined ? mkdtempSync(join(tmpdir(), 'vigil-demo-llm-')) : null;
  const dbPath = options.db ?? join(tempDir as string, 'vigil.db');
  const env = loadEnv({ VIGIL_DB: dbPath, VIGIL_SQLITE_SYNC: 'normal', VIGIL_LOG_LEVEL: 'silent' });
  const store = openStoreFromEnv(env);
  let clock = H0;
  const now = () => clock;
  let upstream: DemoUpstream | null = null;
  let server: Awaited<ReturnType<typeof startServer>> | null = null;
  try {
    await store.migrate();
    upstream = await startDemoUpstream();
    const adminToken = randomBytes(24).toString('base64url');
    server = await startServer({
      store,
      port: options.port,
      host: options.host,
      adminToken,
      now,
      gateway: {
        config: {
          upstreams: [{ name: 'stand-in', models: ['gpt-4o*'], baseUrl: upstream.baseUrl }],
        },
        now,
      },
      scheduler: { now, loop: false },
      llmQuality: { now, loop: false },
      incidents: { now, loop: false },
    });
    const { scheduler, llmQuality, incidents } = server;
    if (scheduler === null || llmQuality === null) {
      throw new Error('runLlmDemo: the server started without its scheduler or quality worker');
    }
    const projectId = `demo-llm-${Date.now().toString(36)}`;
    const made = await apiRequest(
      { endpoint: server.url, token: adminToken },
      'POST',
      '/v1/projects',
      { json: { id: projectId, name: 'Vigil demo: a support bot behind the gateway' } },
    );
    const apiKey = (made.body as { api_key: { key: string } }).api_key.key;
    const api: ApiTarget = { endpoint: server.url, token: apiKey };
    say(`vigil demo --llm: server ${server.url} (SQLite ${dbPath}), project ${projectId}`);
    say(
      `provider stand-in ${upstream.baseUrl} (OpenAI protocol): "${DEMO_ALIAS}" serves ${upstream.aliasModel}`,
    );

    await apiRequest(api, 'POST', '/v1/models', {
      json: { name: MODEL, task: 'other', description: 'Acme Cloud support bot (LLM)' },
    });
    await apiRequest(api, 'PUT', `/v1/llm/knowledge/${KNOWLEDGE}`, {
      json: { rows: DEMO_PRICES },
    });
    await apiRequest(api, 'PUT', '/v1/llm/quality/settings', {
      json: {
        review_rate: 0.05,
        reference_checks: [{ knowledge: KNOWLEDGE, service: SERVICE }],
        scan_from: H0,
      },
    });
    await pushPrompt(api, 1);
    const monitors = llmDemoMonitors(
      MODEL,
      SERVICE,
      { from: H0, to: H0 + REFERENCE_HOURS * HOUR },
      KNOWLEDGE,
    );
    await apiRequest(api, 'PUT', '/v1/monitors', {
      text: monitors.map((m) => m.document).join('\n---\n'),
      contentType: 'application/yaml',
    });
    say(
      `prompt "${PROMPT}" v1 at production (price list in the system prompt); knowledge table "${KNOWLEDGE}" (${DEMO_PRICES.length} plans)`,
    );
    say(
      `monitors (hourly, service "${SERVICE}"): output drift vs ${hh(H0)}-${hh(H0 + REFERENCE_HOURS * HOUR)} (cosine < 0.7), repetitiveness (ROUGE-L > 0.85), wrong prices, refusals`,
    );
    say(`${perHour} chat calls per simulated hour through POST ${server.url}/v1/chat/completions`);
    say();
    say(
      `hour   served model        prompt  ${monitors.map((m) => m.title.padStart(9)).join(' ')}  alerts`,
    );

    let incidentId: string | null = null;
    let lastGoodModel = '';
    const fired = new Set<string>();
    const recovered = new Set<string>();
    for (let hour = 0; hour < HOURS; hour++) {
      const start = H0 + hour * HOUR;
      if (hour === UPDATE_HOUR) {
        upstream.update();
        clock = start;
        await pushPrompt(api, 2);
        say(
          `${hh(start)}  provider update: "${DEMO_ALIAS}" now serves ${upstream.aliasModel}; prompt "${PROMPT}" v2 ("keep answers short") promoted to production`,
        );
      }
      const traffic = await sendHour(server.url, apiKey, start, perHour, (t) => {
        clock = t;
      });
      await server.gateway.flush();
      // Check the hour's quoted prices as soon as it is over (the worker waits 10 s for late
      // spans), then evaluate it late in the next hour, as a real-time server would.
      clock = start + HOUR + QUALITY_LAG_MS;
      await llmQuality.tick();
      clock = start + 2 * HOUR - 1;
      const report = await scheduler.tick();
      const byMonitor = new Map(report.evaluated.map((e) => [e.monitor, e]));
      say(row(start, traffic, monitors, byMonitor, fired, recovered));
      if (hour < UPDATE_HOUR) lastGoodModel = servedMost(traffic);
      const opened = incidents === null ? [] : (await incidents.tick()).opened;
      if (opened.length > 0 && incidentId === null) {
        incidentId = opened[0];
        const inc = (await apiRequest(api, 'GET', `/v1/incidents/${incidentId}`)).body as {
          severity: string;
          title: string;
          alerts: { monitor: string }[];
        };
        say(
          `       incident ${incidentId} opened: ${inc.severity}, "${inc.title}" (${inc.alerts.length} alert${inc.alerts.length === 1 ? '' : 's'})`,
        );
      }
      if (hour === UPDATE_HOUR) {
        clock = start + HOUR;
        const lines = await contain(api, incidentId, lastGoodModel, hh(clock));
        for (const l of lines) say(l);
      }
    }
    if (incidentId !== null && fired.size > 0 && [...fired].every((m) => recovered.has(m))) {
      await apiRequest(api, 'POST', `/v1/incidents/${incidentId}/resolve`, {
        json: { by: 'demo', note: 'monitors recovered after the prompt revert and the model pin' },
      });
      say(`       incident ${incidentId} resolved: every LLM monitor that fired has recovered`);
    }
    const alerts = (await apiRequest(api, 'GET', '/v1/alerts')).body as {
      alerts: { monitor: string; state: string }[];
    };
    const firing = alerts.alerts.filter((a) => a.state === 'firing').map((a) => a.monitor);
    say();
    say(
      `done in ${secs()}: ${upstream.calls} calls answered by the stand-in; fired: ${[...fired].join(', ') || 'none'}; ` +
        `recovered: ${[...recovered].join(', ') || 'none'}; firing now: ${firing.join(', ') || 'none'}`,
    );
    if (incidents === null) say('(no incident worker in this build: no incident was opened)');
    say();
    say('Where to look:');
    say(`  API key      ${apiKey}   (export VIGIL_API_KEY=...; throwaway demo project)`);
    const auth = 'curl -s -H "authorization: Bearer $VIGIL_API_KEY"';
    const range = `from=${new Date(H0).toISOString()}&to=${new Date(H0 + (HOURS + 1) * HOUR).toISOString()}`;
    say(`  alerts       ${auth} ${server.url}/v1/alerts`);
    say(
      `  drift series ${auth} "${server.url}/v1/monitors/${monitors[0].name}/evaluations?${range}"`,
    );
    if (incidentId !== null) {
      say(`  incident     ${auth} ${server.url}/v1/incidents/${incidentId}`);
      say(`  postmortem   ${auth} ${server.url}/v1/incidents/${incidentId}/postmortem/export`);
    }
    say(`  answers      ${auth} "${server.url}/v1/llm/generations?${range}&limit=5"`);
    say(`  wrong prices ${auth} "${server.url}/v1/llm/reference-checks?${range}&wrong_only=true"`);
    say(`  label moves  ${auth} ${server.url}/v1/prompts/${PROMPT}/labels/production/history`);
    say(`  model pins   ${auth} ${server.url}/v1/model-pins`);
    await keepOrStop(say, {
      keep: options.keep,
      url: server.url,
      rerun: 'vigil demo --llm --keep',
    });
    return 0;
  } finally {
    await server?.close();
    await upstream?.close();
    await store.close();
    if (tempDir !== null) rmSync(tempDir, { recursive: true, force: true });
  }
}

async function pushPrompt(api: ApiTarget, version: 1 | 2): Promise<void> {
  await apiRequest(api, 'POST', '/v1/prompts', {
    json: {
      name: PROMPT,
      messages: [
        { role: 'system', content: demoSystemPrompt(version) },
        { role: 'user', content: '{{question}}' },
      ],
      variables: ['question'],
      config: { model: DEMO_ALIAS, temperature: 0.2 },
      labels: ['production'],
      commit_message: version === 1 ? 'support bot with the price list' : 'keep answers short',
    },
  });
}

/**
 * sendHour sends one simulated hour of chat calls through the gateway as the bot would: the
 * prompt fetched by label `production` (its version sent in `x-vigil-prompt`), rendered with the
 * customer's question, under the service `support`; every fourth call is streamed.
 */
async function sendHour(
  url: string,
  apiKey: string,
  start: number,
  calls: number,
  setClock: (t: number) => void,
): Promise<HourTraffic> {
  const auth = { authorization: `Bearer ${apiKey}` };
  const res = await fetch(`${url}/v1/prompts/${PROMPT}?label=production`, { headers: auth });
  if (!res.ok) throw new Error(`fetching prompt ${PROMPT}@production: HTTP ${res.status}`);
  const prompt = (await res.json()) as {
    version: number;
    messages: { role: string; content: string }[];
  };
  const served = new Map<string, number>();
  let failed = 0;
  for (let i = 0; i < calls; i++) {
    setClock(start + Math.floor((i * HOUR) / calls));
    const question = demoQuestion(Math.round((start - H0) / HOUR) * calls + i);
    const messages = prompt.messages.map((m) => ({
      role: m.role,
      content: m.content.replaceAll('{{question}}', question),
    }));
    // Every fourth call streams (SSE), as chat front-ends do.
    const stream = i % 4 === 3;
    const r = await fetch(`${url}/v1/chat/completions`, {
      method: 'POST',
      headers: {
        ...auth,
        'content-type': 'application/json',
        'x-vigil-service': SERVICE,
        'x-vigil-prompt': `${PROMPT}@${prompt.version}`,
        'x-vigil-user': `customer-${i % 13}`,
      },
      body: JSON.stringify({ model: DEMO_ALIAS, messages, temperature: 0.2, stream }),
    });
    const model = r.ok ? (stream ? streamedModel(await r.text()) : await jsonModel(r)) : null;
    if (model === null) {
      failed++;
      continue;
    }
    served.set(model, (served.get(model) ?? 0) + 1);
  }
  return { served, promptVersion: prompt.version, failed };
}

async function jsonModel(r: Response): Promise<string | null> {
  const body = (await r.json()) as { model?: unknown };
  return typeof body.model === 'string' ? body.model : null;
}

// The served model of an SSE answer: the `model` of its chunks (an error event has none).
function streamedModel(text: string): string | null {
  let model: string | null = null;
  for (const line of text.split('\n')) {
    if (!line.startsWith('data: ') || line === 'data: [DONE]') continue;
    try {
      const chunk = JSON.parse(line.slice(6)) as { model?: unknown; error?: unknown };
      if (chunk.error !== undefined) return null;
      if (typeof chunk.model === 'string') model = chunk.model;
    } catch {
      return null;
    }
  }
  return model;
}

function servedMost(traffic: HourTraffic): string {
  return [...traffic.served.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '-';
}

function row(
  start: number,
  traffic: HourTraffic,
  monitors: readonly LlmDemoMonitor[],
  byMonitor: ReadonlyMap<string, TickEvaluation>,
  fired: Set<string>,
  recovered: Set<string>,
): string {
  const served = servedMost(traffic);
  const cells = monitors.map((m) => {
    const e = byMonitor.get(m.name);
    const mark = e?.status === 'BREACH' ? '!' : e?.status === 'OK' ? ' ' : '?';
    return `${fmt(e?.value ?? null)}${mark}`.padStart(9);
  });
  const changes: string[] = [];
  for (const m of monitors) {
    const e = byMonitor.get(m.name);
    if (e?.alert === 'FIRING' && !fired.has(m.name)) {
      fired.add(m.name);
      changes.push(`${m.name} -> FIRING`);
    } else if (e?.alert === 'RESOLVED' || (e?.alert === 'OK' && fired.has(m.name))) {
      if (fired.has(m.name) && !recovered.has(m.name)) {
        recovered.add(m.name);
        changes.push(`${m.name} -> RESOLVED`);
      }
    }
  }
  const failed = traffic.failed > 0 ? ` (${traffic.failed} failed)` : '';
  return `${hh(start)}  ${served.padEnd(18)}  v${traffic.promptVersion}     ${cells.join(' ')}  ${changes.join(', ') || '-'}${failed}`;
}

/**
 * contain reverts the prompt label and pins the model alias to `pinned`, the version that served
 * before the update: through the incident (recorded as its containment actions) when one is open, else
 * through the prompt and pin APIs directly.
 */
async function contain(
  api: ApiTarget,
  incidentId: string | null,
  pinned: string,
  at: string,
): Promise<string[]> {
  const pin = { service: SERVICE, model: DEMO_ALIAS, pinned };
  const lines: string[] = [];
  if (incidentId !== null) {
    await apiRequest(api, 'POST', `/v1/incidents/${incidentId}/acknowledge`, {
      json: { by: 'demo' },
    });
    const revert = (
      await apiRequest(api, 'POST', `/v1/incidents/${incidentId}/contain`, {
        json: { kind: 'prompt_revert', prompt: PROMPT, label: 'production', by: 'demo' },
      })
    ).body as { from: string; to: string };
    await apiRequest(api, 'POST', `/v1/incidents/${incidentId}/contain`, {
      json: { kind: 'model_pin', ...pin, by: 'demo' },
    });
    lines.push(
      `${at}  containment (incident ${incidentId}): prompt ${PROMPT}@production v${revert.from} -> v${revert.to}; ${SERVICE}/${DEMO_ALIAS} pinned to ${pin.pinned}`,
    );
  } else {
    const r = (await apiRequest(api, 'POST', `/v1/prompts/${PROMPT}/labels/production/revert`))
      .body as { version: number; previous_version: number | null };
    await apiRequest(api, 'PUT', '/v1/model-pins', { json: pin });
    lines.push(
      `${at}  containment: prompt ${PROMPT}@production v${r.previous_version} -> v${r.version}; ${SERVICE}/${DEMO_ALIAS} pinned to ${pin.pinned}`,
    );
  }
  return lines;
}
