#!/usr/bin/env node
// OTLP ingest and budget accounting benchmark (issue 6).
// 1. Throughput: OTLP/HTTP protobuf exports of 512 spans each (traces of 4 spans: an agent root,
//    a retrieval and two GenAI chat calls with models, token usage and short messages), sent by
//    several keep-alive clients over loopback to a Vigil server in its own process, into SQLite
//    (a temp file, synchronous FULL and NORMAL) and PostgreSQL at DATABASE_URL (a temp schema).
//    Every span is decoded, mapped, priced and stored before the 200.
// 2. Exactness under concurrency: two server processes on the same database, each taking
//    generations from several parallel writers, all counted by one project budget; the budget's
//    spend must equal the exact sum of the calls' costs (integer nano-USD) and its call count the
//    number of calls: no lost increment.
// Usage: npx tsc -b && node bench/otlp-ingest.mjs [--spans 102400] [--clients 4] [--writers 8]
//        [--calls 4000] [--no-postgres]
import { parseArgs } from 'node:util';
import {
  agent,
  benchProject,
  SERVER_DIST,
  send,
  startChild,
  stopChild,
  withPostgres,
  withSqlite,
} from './server-child.mjs';

const { values: args } = parseArgs({
  options: {
    spans: { type: 'string', default: '102400' },
    batch: { type: 'string', default: '512' },
    clients: { type: 'string', default: '4' },
    writers: { type: 'string', default: '8' },
    calls: { type: 'string', default: '4000' },
    'no-postgres': { type: 'boolean', default: false },
  },
});
const SPANS = Number(args.spans);
const BATCH = Number(args.batch);
const CLIENTS = Number(args.clients);
const WRITERS = Number(args.writers);
const CALLS = Number(args.calls);
const { encodeOtlpRequest } = await import(SERVER_DIST);

// The API alone: no scheduler or notifier competing for the store while spans stream in.
const apiOnly = (env) => ({ ...env, VIGIL_SCHEDULER: 'off', VIGIL_NOTIFIER: 'off' });
const str = (key, v) => ({ key, value: { stringValue: v } });
const int = (key, v) => ({ key, value: { intValue: v } });
const hex = (n, bytes) => n.toString(16).padStart(bytes * 2, '0');

/** One export body per batch: 4-span traces with GenAI chat spans, encoded as protobuf. */
function makeBodies() {
  const bodies = [];
  const t0 = BigInt(Date.now() - 3_600_000) * 1_000_000n;
  let s = 0;
  while (s < SPANS) {
    const spans = [];
    while (spans.length < BATCH && s < SPANS) {
      const trace = Math.floor(s / 4);
      const k = s % 4;
      const root = hex(trace * 4 + 1, 8);
      const start = t0 + BigInt(s) * 1_000_000n;
      const base = {
        traceId: Buffer.from(hex(trace + 1, 16), 'hex'),
        spanId: Buffer.from(hex(s + 1, 8), 'hex'),
        startTimeUnixNano: String(start),
        endTimeUnixNano: String(start + 250_000_000n),
        kind: k === 0 ? 2 : 3,
      };
      if (k === 0)
        spans.push({
          ...base,
          name: 'handle-request',
          attributes: [str('user.id', `u${trace % 500}`)],
        });
      else if (k === 1)
        spans.push({
          ...base,
          name: 'retrieve',
          parentSpanId: Buffer.from(root, 'hex'),
          attributes: [int('db.rows', 12)],
        });
      else
        spans.push({
          ...base,
          name: 'chat gpt-4o-mini',
          parentSpanId: Buffer.from(root, 'hex'),
          attributes: [
            str('gen_ai.operation.name', 'chat'),
            str('gen_ai.system', 'openai'),
            str('gen_ai.request.model', 'gpt-4o-mini'),
            str('gen_ai.response.model', 'gpt-4o-mini-2024-07-18'),
            int('gen_ai.usage.input_tokens', 800 + (s % 400)),
            int('gen_ai.usage.output_tokens', 120 + (s % 80)),
            str('user.id', `u${trace % 500}`),
            str(
              'gen_ai.input.messages',
              JSON.stringify([{ role: 'user', content: `question ${s} about the pro plan` }]),
            ),
            str(
              'gen_ai.output.messages',
              JSON.stringify([{ role: 'assistant', content: `answer ${s}: it costs $20 a month` }]),
            ),
          ],
        });
      s++;
    }
    const request = {
      resourceSpans: [
        {
          resource: { attributes: [str('service.name', 'support-bot')] },
          scopeSpans: [{ scope: { name: 'bench' }, spans }],
        },
      ],
    };
    bodies.push({ count: spans.length, data: Buffer.from(encodeOtlpRequest(request)) });
  }
  return bodies;
}

async function throughput(name, env, bodies) {
  const { child, url } = await startChild(apiOnly(env));
  try {
    const key = await benchProject(url);
    const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/x-protobuf' };
    let next = 0;
    let spans = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        while (next < bodies.length) {
          const b = bodies[next++];
          const r = await send(url, 'POST', '/v1/traces', b.data, headers);
          if (r.status !== 200 || (r.text.length > 0 && r.text.includes('rejected')))
            throw new Error(`export answered ${r.status}: ${r.text.slice(0, 300)}`);
          spans += b.count;
        }
      }),
    );
    const secs = (performance.now() - t0) / 1000;
    console.log(
      `${name.padEnd(30)} ${String(spans).padStart(8)} spans ${secs.toFixed(2).padStart(7)} s ${Math.round(
        spans / secs,
      )
        .toLocaleString('en-US')
        .padStart(9)} spans/s`,
    );
  } finally {
    await stopChild(child);
  }
}

/** Costs in USD with 9 decimals, so the exact sum in nano-USD is known. */
const costOf = (i) => ((i * 7919) % 100_000) / 1e9 + 0.000_01;

async function exactness(name, env) {
  // Two server processes on one database: increments come from separate connections and processes.
  const a = await startChild(apiOnly(env));
  let b;
  try {
    const key = await benchProject(a.url);
    b = await startChild(apiOnly(env));
    const budget = await send(
      a.url,
      'PUT',
      '/v1/llm/budgets',
      JSON.stringify({ name: 'race', scope: 'project', period: 'monthly', limitUsd: 1e6 }),
      { authorization: `Bearer ${key}` },
    );
    if (budget.status !== 200) throw new Error(`budget: ${budget.status} ${budget.text}`);
    const id = JSON.parse(budget.text).budgets[0].id;
    const now = Date.now();
    let expectedNanos = 0;
    for (let i = 0; i < CALLS; i++) expectedNanos += Math.round(costOf(i) * 1e9);
    const per = Math.ceil(CALLS / WRITERS);
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: WRITERS }, async (_, w) => {
        const url = w % 2 === 0 ? a.url : b.url;
        // Small batches (5 calls) to maximise the number of concurrent transactions.
        for (let i = w * per; i < Math.min(CALLS, (w + 1) * per); i += 5) {
          const generations = [];
          for (let j = i; j < Math.min(i + 5, (w + 1) * per, CALLS); j++)
            generations.push({
              span_id: `c${j}`,
              trace_id: `race-${j % 97}`,
              start_time: now,
              model: 'gpt-4o',
              cost_usd: costOf(j),
            });
          const r = await send(
            url,
            'POST',
            '/v1/llm/generations',
            JSON.stringify({ generations }),
            {
              authorization: `Bearer ${key}`,
            },
          );
          if (r.status !== 200) throw new Error(`generations: ${r.status} ${r.text.slice(0, 300)}`);
        }
      }),
    );
    const secs = (performance.now() - t0) / 1000;
    const got = JSON.parse(
      (
        await send(a.url, 'GET', `/v1/llm/budgets/${id}`, undefined, {
          authorization: `Bearer ${key}`,
        })
      ).text,
    );
    const spentNanos = Math.round(got.spendUsd * 1e9);
    const calls = got.subjects[0]?.calls ?? 0;
    const ok = spentNanos === expectedNanos && calls === CALLS;
    console.log(
      `${name.padEnd(30)} ${WRITERS} writers, 2 processes, ${CALLS} calls in ${secs.toFixed(2)} s: spend ${spentNanos} nUSD (expected ${expectedNanos}), calls ${calls} -> ${ok ? 'EXACT' : 'MISMATCH'}`,
    );
    if (!ok) process.exitCode = 1;
  } finally {
    if (b !== undefined) await stopChild(b.child);
    await stopChild(a.child);
  }
}

const bodies = makeBodies();
const mb = bodies.reduce((n, b) => n + b.data.length, 0) / 1e6;
console.log(
  `OTLP ingest: ${SPANS} spans (traces of 4, half GenAI chat calls), protobuf batches of ${BATCH}, ${CLIENTS} keep-alive clients, ${mb.toFixed(1)} MB, node ${process.version}`,
);
for (const sync of ['full', 'normal'])
  await withSqlite(sync, (env) => throughput(`sqlite (WAL, sync ${sync})`, env, bodies));
if (!args['no-postgres']) await withPostgres((env) => throughput('postgres', env, bodies));

console.log('\nBudget accounting under concurrent writers:');
await withSqlite('full', (env) => exactness('sqlite (WAL, sync full)', env));
if (!args['no-postgres']) await withPostgres((env) => exactness('postgres', env));
agent.destroy();
