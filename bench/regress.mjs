#!/usr/bin/env node
// Regression-gate benchmark (issue 7): 500 cases x 3 repeats against a local stub target (a child
// process speaking the OpenAI chat protocol, answering after a fixed delay) at concurrency 16. The
// overhead is the wall time beyond what the target's own latency forces: ceil(calls / concurrency)
// x delay. Then assertion evaluation per case in microseconds, for the whole mix (ROUGE-1/2/L,
// BLEU, Levenshtein, embedding similarity, contains, regex, JavaScript) and for each type alone.
// Usage: npx tsc -b && node bench/regress.mjs [--cases 500] [--repeats 3] [--concurrency 16] [--delay-ms 50]
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import {
  compileAssertion,
  evaluateAssertionsSync,
  evaluateGate,
  parseGoldenSet,
  parseTarget,
  runGoldenSet,
} from '../packages/regress/dist/index.js';

const { values: args } = parseArgs({
  options: {
    cases: { type: 'string', default: '500' },
    repeats: { type: 'string', default: '3' },
    concurrency: { type: 'string', default: '16' },
    'delay-ms': { type: 'string', default: '50' },
  },
});
const CASES = Number(args.cases);
const REPEATS = Number(args.repeats);
const CONCURRENCY = Number(args.concurrency);
const DELAY = Number(args['delay-ms']);

const WORDS =
  'the order ships from our warehouse within two business days and you can track it online with the code we email to you after payment clears'.split(
    ' ',
  );
function answer(i) {
  const words = [];
  for (let k = 0; k < 32; k++) words.push(WORDS[(i * 7 + k * 3) % WORDS.length]);
  return `Item ${i}: ${words.join(' ')}. Code ZX-${(i * 7919) % 10007}.`;
}

// The stub runs in its own process, so its work does not count against the runner.
const STUB = `
import { createServer } from 'node:http';
const DELAY = ${DELAY};
${answer.toString()}
const WORDS = ${JSON.stringify(WORDS)};
const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    const user = body.messages[body.messages.length - 1].content;
    const i = Number(/item (\\d+)/.exec(user)[1]);
    // One case in 50 drifts a little, so the assertions do real work on imperfect answers.
    const text = i % 50 === 7 ? answer(i).replace('warehouse', 'depot') : answer(i);
    setTimeout(() => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: 'x', object: 'chat.completion', created: 0, model: body.model,
        choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }],
        usage: { prompt_tokens: 20, completion_tokens: 40, total_tokens: 60 } }));
    }, DELAY);
  });
});
server.keepAliveTimeout = 10000;
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
`;

function startStub() {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', STUB], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child.stdout.once('data', (d) => resolve({ child, port: Number(String(d).trim()) }));
    child.once('error', reject);
  });
}

const ASSERT = [
  { type: 'icontains', value: 'ZX-' },
  { type: 'rouge-n', n: 1, threshold: 0.6 },
  { type: 'rouge-n', n: 2, threshold: 0.5 },
  { type: 'rouge-l', threshold: 0.6 },
  { type: 'bleu', threshold: 0.4 },
  { type: 'levenshtein', threshold: 0.8 },
  { type: 'similar', threshold: 0.8 },
  { type: 'not-regex', value: '/as an ai/i' },
  { type: 'javascript', value: 'output.length < 400' },
];

const doc = {
  name: 'bench',
  version: 1,
  defaults: { assert: ASSERT },
  cases: Array.from({ length: CASES }, (_, i) => ({
    id: `c${i}`,
    input: `What about item ${i}?`,
    expected: answer(i),
  })),
};
const parsed = parseGoldenSet(stringify(doc), 'bench.yaml');
if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues[0]));
const set = parsed.set;

const { child, port } = await startStub();
try {
  const loaded = await parseTarget(
    `kind: openai\nbaseUrl: http://127.0.0.1:${port}/v1\nmodel: stub\nconcurrency: ${CONCURRENCY}\nrepeats: ${REPEATS}\nretries: 0\ntimeoutMs: 30000\n`,
    'bench-target.yaml',
    { env: {} },
  );
  // The bare HTTP client doing the same calls (no templates, assertions or bookkeeping): what any
  // runner pays on this machine before Vigil's own work.
  const url = `http://127.0.0.1:${port}/v1/chat/completions`;
  const rawCalls = CASES * REPEATS;
  let next = 0;
  const tRaw = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < rawCalls) {
        const i = next++ % CASES;
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            model: 'stub',
            messages: [{ role: 'user', content: `What about item ${i}?` }],
          }),
        });
        await res.json();
      }
    }),
  );
  const rawMs = performance.now() - tRaw;
  // Warm-up: connections, JIT.
  await runGoldenSet({ ...set, cases: set.cases.slice(0, 32) }, loaded.target, {
    ...loaded.settings,
    repeats: 1,
  });
  const t0 = performance.now();
  const run = await runGoldenSet(set, loaded.target, loaded.settings);
  const gate = evaluateGate(run, { baseline: run });
  const wallMs = performance.now() - t0;
  const calls = CASES * REPEATS;
  const floorMs = Math.ceil(calls / CONCURRENCY) * DELAY;
  console.log(
    `run: ${CASES} cases x ${REPEATS} repeats = ${calls} calls at concurrency ${CONCURRENCY}, stub delay ${DELAY} ms`,
  );
  console.log(
    `  wall ${(wallMs / 1000).toFixed(2)} s; target latency floor ${(floorMs / 1000).toFixed(2)} s; overhead ${((wallMs - floorMs) / 1000).toFixed(2)} s`,
  );
  console.log(
    `  bare fetch loop, same calls: ${(rawMs / 1000).toFixed(2)} s; the runner's own share ${((wallMs - rawMs) / 1000).toFixed(2)} s`,
  );
  console.log(
    `  mean call latency seen by the runner ${run.summary.meanLatencyMs.toFixed(1)} ms; pass rate ${(100 * run.summary.passRate).toFixed(1)} %; gate ${gate.pass ? 'pass' : 'fail'}`,
  );
} finally {
  child.kill();
}

// Assertion evaluation alone: every case's outputs through its compiled assertions, in-process.
const outputs = set.cases.map((c, i) =>
  i % 50 === 7 ? String(c.expected).replace('warehouse', 'depot') : String(c.expected),
);
function perCaseMicros(compiledPerCase, rounds = 5) {
  const times = [];
  for (let r = 0; r < rounds; r++) {
    const t = performance.now();
    for (let k = 0; k < set.cases.length; k++) {
      const c = set.cases[k];
      evaluateAssertionsSync(compiledPerCase[k], c.threshold, {
        output: outputs[k],
        expected: c.expected,
        input: c.input,
        latencyMs: 50,
        costUsd: null,
      });
    }
    times.push(((performance.now() - t) * 1000) / set.cases.length);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}
const shared = new Map();
const compiledAll = set.cases.map((c) =>
  c.assert.map((a) => shared.get(a) ?? shared.set(a, compileAssertion(a)).get(a)),
);
perCaseMicros(compiledAll, 2); // warm-up
console.log(`assertions: ${ASSERT.length} per case, median of 5 rounds over ${CASES} cases`);
console.log(`  all together: ${perCaseMicros(compiledAll).toFixed(1)} µs per case`);
for (let i = 0; i < ASSERT.length; i++) {
  const one = compiledAll.map((list) => [list[i]]);
  perCaseMicros(one, 1);
  const a = ASSERT[i];
  console.log(
    `  ${`${a.type}${a.n ? `(n=${a.n})` : ''}`.padEnd(14)} ${perCaseMicros(one).toFixed(1).padStart(7)} µs per case`,
  );
}
