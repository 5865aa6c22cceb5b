#!/usr/bin/env node
// Gateway latency benchmark (issue 6): the latency Vigil's OpenAI-compatible gateway adds to a chat
// completion. A local upstream speaking the OpenAI protocol answers at once; the same open-loop
// load (default 200 requests/s for 20 s after a 3 s warm-up) goes to it directly and through the
// gateway in the same run, interleaved request by request, and the percentiles are compared. The
// Vigil server runs in a child process (SQLite store, recording every call through the batched
// recorder: pins, budgets and prompt headers on), so client and upstream do not share its thread.
// Usage: npx tsc -b && node bench/gateway.mjs [--rate 200] [--seconds 20] [--stream] [--no-record]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, createServer, request } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: {
    rate: { type: 'string', default: '200' },
    seconds: { type: 'string', default: '20' },
    warmup: { type: 'string', default: '3' },
    stream: { type: 'boolean', default: false },
    // Skip the store writes (calls still queued and batched): separates recording from forwarding.
    'no-record': { type: 'boolean', default: false },
    serve: { type: 'string' },
  },
});

// Child mode: run the Vigil server with the gateway pointed at the upstream, print url and key.
if (args.serve !== undefined) {
  const { openSqliteStore } = await import('../packages/store/dist/index.js');
  const { startServer } = await import('../packages/server/dist/index.js');
  const dir = mkdtempSync(join(tmpdir(), 'vigil-bench-gw-'));
  const store = openSqliteStore(join(dir, 'vigil.db'), { synchronous: 'normal' });
  await store.migrate();
  await store.createProject({ id: 'bench', name: 'Bench' });
  const { key } = await store.createApiKey('bench', 'bench');
  await store.prompts.upsertPin('bench', {
    service: '*',
    model: 'gpt-4o',
    pinned: 'gpt-4o-2024-11-20',
    actor: 'bench',
  });
  await store.prompts.createVersion('bench', {
    name: 'support',
    content: { type: 'text', template: 'Answer {{q}}', variables: ['q'], config: {} },
    labels: ['production'],
    actor: 'bench',
  });
  await store.llm.upsertBudget(
    'bench',
    {
      name: 'daily',
      scope: 'project',
      match: '*',
      period: 'daily',
      limitUsd: 1e9,
      block: true,
      alertThresholds: [0.8, 1],
    },
    'bench',
  );
  const server = await startServer({
    store,
    port: 0,
    host: '127.0.0.1',
    gateway: {
      config: { upstreams: [{ name: 'local', models: ['*'], baseUrl: args.serve }] },
      ...(process.env.BENCH_NO_RECORD === '1' ? { sink: async () => undefined } : {}),
    },
  });
  process.stdout.write(`${JSON.stringify({ url: server.url, key })}\n`);
  process.stdin.on('end', async () => {
    await server.close();
    const rows = await store.llm.totals('bench', { range: { fromMs: 0, toMs: Date.now() + 1 } });
    process.stderr.write(`recorded ${rows.calls} calls\n`);
    await store.close();
    rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  });
  process.stdin.resume();
} else {
  await main();
}

async function main() {
  const RATE = Number(args.rate);
  const SECONDS = Number(args.seconds);
  const WARMUP = Number(args.warmup);
  const STREAM = args.stream;

  const reply = JSON.stringify({
    id: 'chatcmpl-1',
    object: 'chat.completion',
    created: 1_700_000_000,
    model: 'gpt-4o-2024-11-20',
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: 'Prices start at $10.' },
        finish_reason: 'stop',
      },
    ],
    usage: { prompt_tokens: 24, completion_tokens: 6, total_tokens: 30 },
  });
  const chunks = ['Prices ', 'start ', 'at ', '$10.'].map(
    (w) =>
      `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o-2024-11-20', choices: [{ index: 0, delta: { content: w }, finish_reason: null }] })}\n\n`,
  );
  const usageChunk = `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o-2024-11-20', choices: [], usage: { prompt_tokens: 24, completion_tokens: 6, total_tokens: 30 } })}\n\n`;
  const upstream = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (STREAM) {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.end(`${chunks.join('')}${usageChunk}data: [DONE]\n\n`);
      } else {
        res.writeHead(200, {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(reply),
        });
        res.end(reply);
      }
    });
  });
  upstream.keepAliveTimeout = 60_000;
  await new Promise((r) => upstream.listen(0, '127.0.0.1', r));
  const upstreamUrl = `http://127.0.0.1:${upstream.address().port}/v1`;

  const nodeArgs = process.env.BENCH_CHILD_ARGS ? process.env.BENCH_CHILD_ARGS.split(' ') : [];
  const child = spawn(
    process.execPath,
    [...nodeArgs, new URL(import.meta.url).pathname, '--serve', upstreamUrl],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
      env: { ...process.env, ...(args['no-record'] ? { BENCH_NO_RECORD: '1' } : {}) },
    },
  );
  const { url, key } = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const nl = out.indexOf('\n');
      if (nl >= 0) resolve(JSON.parse(out.slice(0, nl)));
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });

  const agent = new Agent({ keepAlive: true, maxSockets: 128 });
  const body = JSON.stringify({
    model: 'gpt-4o',
    messages: [
      { role: 'system', content: 'You answer questions about our prices from the table.' },
      { role: 'user', content: 'How much is the basic plan?' },
    ],
    temperature: 0.2,
    ...(STREAM ? { stream: true } : {}),
  });
  const call = (base, headers) =>
    new Promise((resolve, reject) => {
      const t = performance.now();
      const req = request(`${base}/chat/completions`, {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          ...headers,
        },
      });
      req.on('response', (res) => {
        if (res.statusCode !== 200) reject(new Error(`${base}: HTTP ${res.statusCode}`));
        res.resume();
        res.on('end', () => resolve(performance.now() - t));
      });
      req.on('error', reject);
      req.end(body);
    });
  const direct = () => call(upstreamUrl, {});
  const via = () =>
    call(`${url}/v1`, {
      authorization: `Bearer ${key}`,
      'x-vigil-service': 'bench',
      'x-vigil-prompt': 'support@production',
    });

  // Open loop: request i leaves at start + i/rate whatever the previous answers did; each slot
  // sends one direct and one gateway request, in alternating order.
  const run = async (seconds, record) => {
    const total = Math.round(seconds * RATE);
    const start = performance.now();
    const pending = [];
    const lat = { direct: [], via: [] };
    for (let i = 0; i < total; i++) {
      const due = start + (i * 1000) / RATE;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      const pair =
        i % 2 === 0
          ? [
              ['direct', direct],
              ['via', via],
            ]
          : [
              ['via', via],
              ['direct', direct],
            ];
      for (const [name, fn] of pair) pending.push(fn().then((ms) => record && lat[name].push(ms)));
    }
    await Promise.all(pending);
    return { lat, seconds: (performance.now() - start) / 1000, total };
  };
  await run(WARMUP, false);
  const { lat, seconds, total } = await run(SECONDS, true);

  const pct = (xs, p) => {
    const s = [...xs].sort((a, b) => a - b);
    return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
  };
  const row = (name, xs) =>
    `${name.padEnd(16)} ${String(xs.length).padStart(6)}  ${pct(xs, 50).toFixed(3).padStart(8)}  ${pct(xs, 90).toFixed(3).padStart(8)}  ${pct(xs, 99).toFixed(3).padStart(8)}`;
  console.log(
    `gateway latency${STREAM ? ' (streamed)' : ''}: ${RATE} requests/s each path for ${SECONDS} s (${total} per path, sent ${(total / seconds).toFixed(0)}/s), node ${process.version}, load average ${loadavg()[0].toFixed(1)}`,
  );
  console.log(
    `${'path'.padEnd(16)} ${'calls'.padStart(6)}  ${'p50 ms'.padStart(8)}  ${'p90 ms'.padStart(8)}  ${'p99 ms'.padStart(8)}`,
  );
  console.log(row('direct', lat.direct));
  console.log(row('through Vigil', lat.via));
  console.log(
    `added: p50 ${(pct(lat.via, 50) - pct(lat.direct, 50)).toFixed(3)} ms, p99 ${(pct(lat.via, 99) - pct(lat.direct, 99)).toFixed(3)} ms`,
  );
  agent.destroy();
  child.stdin.end();
  await new Promise((r) => child.once('exit', r));
  upstream.close();
}
