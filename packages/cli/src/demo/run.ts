// `vigil demo`: the whole loop on real data in under a minute. An in-process server on a SQLite
// file, a model with a January 2001 baseline from flights-3m.parquet, then February..June streamed
// through the SDK. The scheduler runs on a replay clock that follows the stream: once a simulated
// day is ingested the clock jumps to the end of the next day, so that day's slot (at any offset)
// evaluates the completed day, exactly as a real-time server would a day later.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VigilClient } from '@vigil/sdk';
import type { TickReport } from '@vigil/server';
import { type ApiTarget, apiRequest } from '../baseline/api.js';
import { uploadProfiles } from '../baseline/create.js';
import { profileReference } from '../baseline/profiles.js';
import type { CliIo } from '../cli-io.js';
import { applyDerive } from '../io/derive.js';
import { readTable } from '../io/read.js';
import { splitByTime } from '../io/time-split.js';
import { keepOrStop } from './keep.js';
import { demoMonitors, driftMonitorName, qualityMonitorName } from './monitors.js';
import { monthPsi } from './month.js';
import { DemoReporter } from './report.js';

/** DemoOptions are the flags of `vigil demo`. */
export interface DemoOptions {
  /** flights-3m.parquet (or a file of the same shape). */
  readonly data: string;
  /** SQLite file; default a temporary one, removed at the end. */
  readonly db?: string;
  readonly port: number;
  readonly host: string;
  /** Send every k-th flight (1 = all). */
  readonly sample: number;
  /** Keep serving after the replay until SIGINT/SIGTERM. */
  readonly keep: boolean;
}

const DAY = 86_400_000;
const JAN = Date.UTC(2001, 0, 1);
const FEB = Date.UTC(2001, 1, 1);
const JUL = Date.UTC(2001, 6, 1);
const MODEL = 'flights';
const FEATURES = ['delay', 'distance', 'origin', 'destination', 'hour'] as const;

/** runDemo runs the demo and resolves with its exit code once it has stopped. */
export async function runDemo(io: CliIo, options: DemoOptions): Promise<number> {
  const started = performance.now();
  const say = (line = '') => io.stdout.write(`${line}\n`);
  const secs = () => `${((performance.now() - started) / 1000).toFixed(1)}s`;
  const { loadEnv, openStoreFromEnv, startServer } = await import('@vigil/server');
  const tempDir = options.db === undefined ? mkdtempSync(join(tmpdir(), 'vigil-demo-')) : null;
  const dbPath = options.db ?? join(tempDir as string, 'vigil.db');
  const env = loadEnv({ VIGIL_DB: dbPath, VIGIL_SQLITE_SYNC: 'normal', VIGIL_LOG_LEVEL: 'silent' });
  const store = openStoreFromEnv(env);
  let clock = FEB;
  let server: Awaited<ReturnType<typeof startServer>> | null = null;
  try {
    await store.migrate();
    const adminToken = randomBytes(24).toString('base64url');
    server = await startServer({
      store,
      port: options.port,
      host: options.host,
      adminToken,
      scheduler: { now: () => clock, loop: false },
    });
    const scheduler = server.scheduler;
    if (scheduler === null) throw new Error('runDemo: the server started without its scheduler');
    const projectId = `demo-${Date.now().toString(36)}`;
    const made = await apiRequest(
      { endpoint: server.url, token: adminToken },
      'POST',
      '/v1/projects',
      {
        json: { id: projectId, name: 'Vigil demo: US flights 2001' },
      },
    );
    const apiKey = (made.body as { api_key: { key: string } }).api_key.key;
    const api: ApiTarget = { endpoint: server.url, token: apiKey };
    say(`vigil demo: server ${server.url} (SQLite ${dbPath}), project ${projectId}`);

    // One read of the file serves the baseline and the stream; hour of day is derived as in
    // `vigil drift --derive hour:date`, because seasonal drift lives in "when" as much as "what".
    const table = applyDerive(await readTable({ path: options.data, format: 'parquet' }), {
      name: 'hour',
      fn: 'hour',
      source: 'date',
    });
    const january = splitByTime(
      table,
      'date',
      { start: JAN, end: FEB, kind: 'date', text: '2001-01-01..2001-02-01' },
      'january',
    );
    const profiles = profileReference(january, { timeColumn: 'date' });
    await apiRequest(api, 'POST', '/v1/models', {
      json: {
        name: MODEL,
        description: 'US domestic flights (vega-datasets flights-3m)',
        task: 'regression',
        features: profiles.columns.map((c) => ({ name: c.name, kind: c.kind })),
      },
    });
    const baseline = await uploadProfiles(api, MODEL, profiles, {
      name: 'january-2001',
      path: options.data,
    });
    say(
      `baseline january-2001: ${profiles.rows.toLocaleString('en-US')} flights, ` +
        `${baseline.columns.map((c) => `${c.name} (${c.kind})`).join(', ')}; ` +
        `${(baseline.bytes / 1024).toFixed(0)} KiB of profiles (${secs()})`,
    );
    for (const doc of demoMonitors(MODEL, FEATURES)) {
      await apiRequest(api, 'PUT', '/v1/monitors', { text: doc, contentType: 'application/json' });
    }
    say(
      `monitors: PSI > 0.2 per feature (${FEATURES.join(', ')}) and data quality, daily windows, ` +
        'evaluated once per simulated day; drift fires at once, quality after 2 days (for: 1d)',
    );

    const time = (table.columns.get('date') as { values: Float64Array }).values;
    let first = 0;
    while (first < time.length && !(time[first] >= FEB)) first++;
    let last = first;
    while (last < time.length && time[last] < JUL) last++;
    const total = last - first;
    say(
      options.sample > 1
        ? `streaming February..June 2001 through the SDK: every ${options.sample}th flight ` +
            `(--sample ${options.sample}), ~${Math.round(total / options.sample).toLocaleString('en-US')} of ${total.toLocaleString('en-US')} events`
        : `streaming February..June 2001 through the SDK: all ${total.toLocaleString('en-US')} flights`,
    );
    say();

    let sdkErrors = 0;
    const client = new VigilClient({
      endpoint: server.url,
      apiKey,
      batchSize: 5000,
      flushIntervalMs: 60_000,
      maxBufferEvents: 1_000_000,
      gzip: false,
      flushOnExit: false,
      env: {},
      onError: () => {
        sdkErrors++;
      },
    });
    const cols = FEATURES.map((f) => table.columns.get(f));
    const reporter = new DemoReporter(
      say,
      {
        drift: new Map(FEATURES.map((f) => [driftMonitorName(MODEL, f), f])),
        quality: qualityMonitorName(MODEL),
      },
      (month) => monthPsi(table, profiles, month),
    );
    let i = first;
    let sent = 0;
    for (let day = FEB; day < JUL; day += DAY) {
      const end = day + DAY;
      for (; i < last && time[i] < end; i++) {
        if ((i - first) % options.sample !== 0) continue;
        const features: Record<string, number | string | null> = {};
        for (let c = 0; c < FEATURES.length; c++) {
          const col = cols[c];
          if (col === undefined) continue;
          const v = col.values[i];
          features[FEATURES[c]] = typeof v === 'number' && Number.isNaN(v) ? null : v;
        }
        client.logPrediction({ model: MODEL, id: `flight-${i}`, time: time[i], features });
        sent++;
      }
      await client.flush();
      clock = end + DAY - 1;
      const report: TickReport = await scheduler.tick();
      reporter.day(day, report, sent);
    }
    await client.close();
    reporter.finish();

    const alerts = (await apiRequest(api, 'GET', '/v1/alerts')).body as {
      alerts: { monitor: string; state: string; value: number | null }[];
    };
    const firing = alerts.alerts.filter((a) => a.state === 'firing');
    say();
    say(
      `done in ${secs()}: ${sent.toLocaleString('en-US')} events sent` +
        `${sdkErrors > 0 ? ` (${sdkErrors} SDK errors)` : ''}, ` +
        `${firing.length} alert${firing.length === 1 ? '' : 's'} FIRING at the end of June: ` +
        `${firing.map((a) => `${a.monitor}${a.value === null ? '' : ` (${a.value.toPrecision(3)})`}`).join(', ') || 'none'}`,
    );
    say();
    say('Where to look:');
    say(`  API key      ${apiKey}   (export VIGIL_API_KEY=...; throwaway demo project)`);
    say(`  alerts       curl -s -H "authorization: Bearer $VIGIL_API_KEY" ${server.url}/v1/alerts`);
    say(
      `  series       curl -s -H "authorization: Bearer $VIGIL_API_KEY" "${server.url}/v1/monitors/${driftMonitorName(MODEL, 'delay')}/evaluations?from=2001-02-01&to=2001-07-01"`,
    );
    say(`  Prometheus   curl -s ${server.url}/metrics | grep -E 'vigil_monitor_(value|state)'`);
    say(`  API          ${server.url}/openapi.json`);
    say(
      `  full report  vigil drift ${options.data} --time-column date --reference-range 2001-01-01..2001-02-01 --current-range 2001-06-01..2001-07-01 --derive hour:date`,
    );
    await keepOrStop(say, { keep: options.keep, url: server.url, rerun: 'vigil demo --keep' });
    return 0;
  } finally {
    await server?.close();
    await store.close();
    if (tempDir !== null) rmSync(tempDir, { recursive: true, force: true });
  }
}
