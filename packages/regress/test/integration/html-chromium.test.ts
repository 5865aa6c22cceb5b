// The regress HTML report opened in headless Chromium (Debian's /usr/bin/chromium, as the drift
// report's test): it renders without console errors, loads nothing from outside, runs no script,
// shows hostile case ids and outputs as text, and lists every case. A missing browser fails.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CaseResult,
  evaluateGate,
  type GatedRun,
  RUN_FORMAT,
  renderHtml,
  type RunResult,
  summarize,
} from '../../src/index.js';

const CHROMIUM_PATH = '/usr/bin/chromium';
const HOSTILE = '<script>alert(1)</script><img src=x onerror=alert(2)>"\'&';

function caseResult(
  id: string,
  pass: boolean,
  output: string,
  category: CaseResult['category'] = 'happy',
): CaseResult {
  const repeat = {
    output,
    latencyMs: 12,
    costUsd: 0.001,
    pass,
    score: pass ? 1 : 0.2,
    assertions: [
      { type: 'rouge-l', pass, score: pass ? 1 : 0.2, weight: 1, reason: `rouge-l ${HOSTILE}` },
    ],
  };
  return {
    id,
    category,
    tags: [HOSTILE],
    pass,
    score: repeat.score,
    counted: category !== 'known-failure',
    passes: pass ? 3 : 0,
    flaky: false,
    repeats: [repeat, repeat, repeat],
  };
}

function sampleRun(): GatedRun {
  const cases = [
    ...Array.from({ length: 40 }, (_, i) => caseResult(`case-${i}`, i % 10 !== 3, `answer ${i}`)),
    caseResult(HOSTILE, false, `</style></main>${HOSTILE}`, 'adversarial'),
    caseResult('kf-1', false, 'nope', 'known-failure'),
  ];
  const run: RunResult = {
    format: RUN_FORMAT,
    formatVersion: 1,
    id: 'run-1',
    startedAt: '2026-01-01T00:00:00.000Z',
    durationMs: 1234,
    set: {
      name: `set ${HOSTILE}`,
      version: '3',
      hash: 'sha256:0123456789abcdef',
      file: 'set.yaml',
    },
    target: { name: 'bot', kind: 'openai', version: `v2 ${HOSTILE}` },
    repeats: 3,
    summary: summarize(cases),
    cases,
  };
  const baseline: RunResult = {
    ...run,
    id: 'base',
    target: { ...run.target, version: 'v1' },
    cases: cases.map((c) => ({ ...c, pass: true })),
  };
  return { ...run, gate: evaluateGate(run, { baseline }) };
}

let browser: Browser;
let dir: string;

beforeAll(async () => {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}: install it with \`apt-get install chromium\` (the report check is never skipped).`,
    );
  }
  browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
    ],
  });
  dir = mkdtempSync(join(tmpdir(), 'vigil-regress-html-'));
});

afterAll(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('regress HTML report in Chromium', () => {
  it.each(['light', 'dark'] as const)(
    'renders every case, escaped, with nothing loaded (%s)',
    async (colorScheme) => {
      const run = sampleRun();
      const file = join(dir, `report-${colorScheme}.html`);
      writeFileSync(file, renderHtml(run));
      const context = await browser.newContext({ colorScheme });
      const page = await context.newPage();
      const problems: string[] = [];
      const network: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') problems.push(m.text());
      });
      page.on('pageerror', (e) => problems.push(e.message));
      page.on('dialog', (d) => {
        problems.push(`dialog: ${d.message()}`);
        void d.dismiss();
      });
      await context.route('**/*', (route) => {
        const url = route.request().url();
        if (url.startsWith('file:')) return route.continue();
        network.push(url);
        return route.abort();
      });
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      const facts = await page.evaluate(`({
      title: document.title,
      verdict: document.querySelector('.verdict').textContent,
      rows: document.querySelectorAll('h2 + table tbody tr[id^="case-"]').length,
      scripts: document.querySelectorAll('script, img, iframe').length,
      hostileIds: Array.from(document.querySelectorAll('details summary')).filter((s) => s.textContent.includes('<script>')).length,
      newlyFailing: Array.from(document.querySelectorAll('li')).find((li) => li.textContent.startsWith('newly failing')).textContent,
      bars: document.querySelectorAll('svg.bar').length,
    })`);
      await context.close();
      expect(problems).toEqual([]);
      expect(network).toEqual([]);
      expect(facts).toMatchObject({
        verdict: 'FAIL',
        rows: 42,
        scripts: 0,
        hostileIds: 1,
        bars: 3,
      });
      expect((facts as { title: string }).title).toContain('<script>alert(1)</script>');
      expect((facts as { newlyFailing: string }).newlyFailing).toContain(
        'case-3, case-13, case-23, case-33',
      );
    },
  );
});
