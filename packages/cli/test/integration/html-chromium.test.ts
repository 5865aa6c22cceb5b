// Opens the HTML report in headless Chromium (issue 3: "A test opens it in headless Chromium and
// checks that charts render and the console has no errors"). Chromium comes from Debian's
// package (/usr/bin/chromium); CI installs it with apt. A missing browser fails the suite:
// skipping would let a broken report pass unnoticed.

import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/report/html.js';
import {
  HOSTILE_STRINGS,
  hostileReport,
  sampleReport,
  wideReport,
} from '../../src/report/testdata/html-fixture.js';
import type { DriftReport } from '../../src/report/types.js';

const CHROMIUM_PATH = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

// Page-side probes. They are strings because this package compiles without DOM types.
const INJECTED_JS = `({
  elements: document.querySelectorAll('img, iframe, object, embed').length,
  handlers: Array.from(document.querySelectorAll('*')).flatMap((el) =>
    Array.from(el.attributes).filter((a) => a.name.startsWith('on')).map((a) => a.name)),
})`;
const COLOURS_JS = `[
  getComputedStyle(document.documentElement).backgroundColor,
  getComputedStyle(document.querySelector('svg rect.ref')).fill,
]`;
const DOM_SIZE_JS = `({
  rows: document.querySelectorAll('tr').length,
  elements: document.getElementsByTagName('*').length,
  sparks: document.querySelectorAll('svg.spark').length,
})`;

let browser: Browser;
let dir: string;

beforeAll(async () => {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}. The HTML report check needs it and is never skipped: ` +
        'install it with `apt-get install chromium` (Debian) and rerun.',
    );
  }
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  dir = mkdtempSync(join(tmpdir(), 'vigil-html-'));
});

afterAll(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface Session {
  page: Page;
  context: BrowserContext;
  /** Console errors, uncaught page errors and dialogs (alert() from an injection). */
  problems: string[];
  /** Every request to anything but a file: URL, whether or not it got out. */
  network: Set<string>;
}

async function openFile(file: string, colorScheme: 'light' | 'dark' = 'light'): Promise<Session> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme });
  const page = await context.newPage();
  const problems: string[] = [];
  const network = new Set<string>();
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console.error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('dialog', (dialog) => {
    problems.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('request', (request) => {
    if (!request.url().startsWith('file:')) network.add(request.url());
  });
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('file:')) return route.continue();
    network.add(url);
    return route.abort();
  });
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  return { page, context, problems, network };
}

async function openReport(
  name: string,
  report: DriftReport,
  colorScheme: 'light' | 'dark' = 'light',
): Promise<Session> {
  const file = join(dir, `${name}.html`);
  writeFileSync(file, renderHtml(report, { title: `Test report ${name}` }));
  const session = await openFile(file, colorScheme);
  await session.page.waitForSelector('html[data-ready="true"]', { timeout: 10_000 });
  return session;
}

async function finish(session: Session): Promise<void> {
  await session.context.close();
  expect(session.problems).toEqual([]);
  expect([...session.network]).toEqual([]);
}

/** rowNames lists the column names of the rows currently in the column-drift table. */
async function rowNames(page: Page): Promise<string[]> {
  return page.locator('#columns-table tbody tr.row td.name').allTextContents();
}

function rowFor(page: Page, column: string) {
  return page
    .locator('#columns-table tbody tr.row')
    .filter({ has: page.locator('td.name', { hasText: column }) });
}

describe('HTML report in Chromium', () => {
  it('detects network requests (guards the no-network checks below)', async () => {
    const file = join(dir, 'canary.html');
    writeFileSync(file, '<!doctype html><img src="http://127.0.0.1:9/x.png"><p>canary</p>');
    const session = await openFile(file);
    await session.context.close();
    expect([...session.network]).toEqual(['http://127.0.0.1:9/x.png']);
  });

  it('shows the summary numbers', async () => {
    const session = await openReport('summary', sampleReport());
    const { page } = session;
    expect(await page.textContent('#summary-drifted')).toBe('2 / 6');
    expect(await page.textContent('#summary-share')).toBe('33.3% drifted · threshold 30.0%');
    expect(await page.textContent('#summary-verdict')).toBe('Dataset drift detected');
    expect(await page.textContent('#summary-ref-rows')).toBe('50,000');
    expect(await page.textContent('#summary-cur-rows')).toBe('12,000');
    expect(await page.textContent('#concept-verdict')).toBe('Concept drift');
    expect(await page.textContent('#duplicates')).toMatch(
      /0\.1%\s+in reference,\s+3\.4%\s+in current/,
    );
    expect(await page.locator('#performance-table tbody tr').allTextContents()).toHaveLength(4);
    await finish(session);
  });

  it('lists drifted columns first and draws thumbnails of visible rows', async () => {
    const session = await openReport('order', sampleReport());
    const { page } = session;
    expect(await rowNames(page)).toEqual([
      'age',
      'city',
      'discount',
      'income',
      'plan',
      'session_seconds',
    ]);
    // Five columns have a distribution (discount errored); all rows are on screen.
    await expect.poll(() => page.locator('#columns-table svg.spark').count()).toBe(5);
    expect(
      await page.locator('#columns-table tbody tr.row').first().locator('.badge').textContent(),
    ).toBe('drift');
    await finish(session);
  });

  it('expands a numerical column into overlaid histograms on the shared edges', async () => {
    const session = await openReport('numerical', sampleReport());
    const { page } = session;
    await rowFor(page, 'age').click();
    const chart = page.locator('#columns-table tr.detail .chart svg');
    await expect.poll(() => chart.count()).toBe(1);
    expect(await chart.getAttribute('data-layout')).toBe('proportional');
    const bars = chart.locator('rect.ref');
    expect(await bars.count()).toBe(10);
    expect(await chart.locator('path.cur-line').getAttribute('d')).toMatch(
      /^M[\d.]+ [\d.]+(L[\d.]+ [\d.]+){21}$/,
    );
    expect(await chart.locator('rect.hit title').count()).toBe(10);
    expect(await chart.locator('rect.hit title').first().textContent()).toBe(
      '[18, 24)\nReference: 7.8% (3,900)\nCurrent: 5.0% (600)',
    );
    // Bar heights are proportional to each bin's share of the reference rows.
    const reference = [3900, 6100, 7400, 7800, 7100, 6000, 4900, 3600, 2200, 1000];
    const heights = await Promise.all(
      (await bars.all()).map(async (bar) => Number(await bar.getAttribute('height'))),
    );
    for (let i = 1; i < heights.length; i++) {
      expect(heights[i] / heights[0]).toBeCloseTo(reference[i] / reference[0], 6);
    }
    expect(await page.textContent('#columns-table tr.detail .legend')).toContain(
      'Reference (n=50,000)',
    );
    await finish(session);
  });

  it('expands a categorical column into grouped bars', async () => {
    const session = await openReport('categorical', sampleReport());
    const { page } = session;
    await rowFor(page, 'city').click();
    const chart = page.locator('#columns-table tr.detail .chart svg');
    await expect.poll(() => chart.count()).toBe(1);
    expect(await chart.locator('rect.ref-bar').count()).toBe(5);
    expect(await chart.locator('rect.cur-bar').count()).toBe(5);
    expect(await chart.locator('text').allTextContents()).toEqual(
      expect.arrayContaining(['Paris', '(other)']),
    );
    const heightOf = async (selector: string) =>
      Number(await chart.locator(selector).first().getAttribute('height'));
    // Paris: 21,000 / 50,000 reference rows vs 3,900 / 12,000 current rows.
    expect((await heightOf('rect.ref-bar')) / (await heightOf('rect.cur-bar'))).toBeCloseTo(
      0.42 / 0.325,
      6,
    );
    expect(await page.textContent('#columns-table tr.detail')).toContain('Nice');
    await finish(session);
  });

  it('draws uneven bins at equal width and explains the errored column', async () => {
    const session = await openReport('uneven', sampleReport());
    const { page } = session;
    await rowFor(page, 'session_seconds').click();
    await rowFor(page, 'discount').click();
    expect(await page.locator('#columns-table svg[data-layout="equal-width"]').count()).toBe(1);
    const text = await page.locator('#columns-table tbody').textContent();
    expect(text).toContain('Bins drawn at equal width');
    expect(text).toContain('No distribution recorded for this column.');
    expect(text).toContain('current sample has no observations');
    expect(await rowFor(page, 'discount').locator('.badge').getAttribute('title')).toContain(
      'EMPTY_CURRENT',
    );
    await finish(session);
  });

  it('expands rows from the keyboard and keeps focus on the toggle', async () => {
    const session = await openReport('keyboard', sampleReport());
    const { page } = session;
    const toggle = rowFor(page, 'plan').locator('button.expand');
    await toggle.focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.locator('#columns-table tr.detail svg rect.ref-bar').count())
      .toBe(3);
    expect(await page.evaluate('document.activeElement.getAttribute("aria-expanded")')).toBe(
      'true',
    );
    await page.keyboard.press('Enter');
    expect(await page.locator('#columns-table tr.detail').count()).toBe(0);
    await finish(session);
  });

  it('draws distributions given as shares, without counts', async () => {
    const report = sampleReport();
    const age = report.columns[1].distribution!;
    age.reference = age.reference.map((v) => v / 50000);
    age.current = age.current.map((v) => v / 12000);
    const session = await openReport('shares', report);
    const { page } = session;
    await rowFor(page, 'age').click();
    const legend = await page.locator('#columns-table tr.detail .legend').textContent();
    expect(legend).toContain('Reference');
    expect(legend).not.toContain('n=');
    const tip = await page.locator('#columns-table tr.detail rect.hit title').first().textContent();
    expect(tip).toBe('[18, 24)\nReference: 7.8%\nCurrent: 5.0%');
    await finish(session);
  });

  it('renders the prediction-drift chart, findings and schema diff', async () => {
    const session = await openReport('quality', sampleReport());
    const { page } = session;
    expect(await page.locator('#prediction-chart svg rect.ref-bar').count()).toBe(2);
    const severities = await page.locator('#findings-table tbody tr .badge').allTextContents();
    expect(severities).toEqual(['critical', 'critical', 'warning', 'warning', 'warning', 'info']);
    expect(await page.locator('#schema .chip').allTextContents()).toEqual([
      'legacy_id',
      'utm_source',
      'zip: numerical → categorical',
    ]);
    expect(await page.locator('#quality-table tbody tr').count()).toBe(6);
    await finish(session);
  });

  it('sorts and filters the column table', async () => {
    const session = await openReport('sort', sampleReport());
    const { page } = session;
    const header = page.locator('#columns-table th button', { hasText: /^Column$/ });
    await header.click();
    expect(await rowNames(page)).toEqual([
      'age',
      'city',
      'discount',
      'income',
      'plan',
      'session_seconds',
    ]);
    await header.click();
    expect(await rowNames(page)).toEqual([
      'session_seconds',
      'plan',
      'income',
      'discount',
      'city',
      'age',
    ]);
    await page.fill('#columns-table input[type=search]', 'in');
    expect(await rowNames(page)).toEqual(['income']);
    await page.fill('#columns-table input[type=search]', '');
    await page.selectOption('#columns-table select[data-filter=status]', 'error');
    expect(await rowNames(page)).toEqual(['discount']);
    await page.selectOption('#columns-table select[data-filter=status]', 'all');
    await page.selectOption('#columns-table select[data-filter=type]', 'categorical');
    expect(await rowNames(page)).toEqual(['plan', 'city']);
    await finish(session);
  });

  it('shows hostile names as text and runs none of them', async () => {
    const session = await openReport('hostile', hostileReport());
    const { page } = session;
    for (const row of await page.locator('#columns-table tbody tr.row').all()) await row.click();
    expect(await page.evaluate(INJECTED_JS)).toEqual({ elements: 0, handlers: [] });
    const names = new Set(await rowNames(page));
    expect(names).toEqual(new Set(hostileReport().columns.map((c) => c.column)));
    expect(await page.locator('#summary .source').first().textContent()).toBe(HOSTILE_STRINGS[0]);
    expect(await page.title()).toBe('Test report hostile');
    await finish(session);
  });

  it('follows the colour scheme of the system', async () => {
    const colours: Record<string, string[]> = {};
    for (const scheme of ['light', 'dark'] as const) {
      const session = await openReport(`scheme-${scheme}`, sampleReport(), scheme);
      await rowFor(session.page, 'age').click();
      colours[scheme] = (await session.page.evaluate(COLOURS_JS)) as string[];
      await finish(session);
    }
    expect(colours.light).toEqual(['rgb(255, 255, 255)', 'rgb(0, 114, 178)']);
    expect(colours.dark).toEqual(['rgb(15, 18, 22)', 'rgb(86, 180, 233)']);
  });

  it('loads a 1,000-column report quickly and renders rows and charts on demand', async () => {
    const session = await openReport('wide', wideReport(1000, 20));
    const { page } = session;
    // Load time is a benchmark figure (~250 ms here), not a test assertion; the page must be ready.
    expect(Number(await page.getAttribute('html', 'data-render-ms'))).toBeGreaterThanOrEqual(0);
    const dom = async () =>
      (await page.evaluate(DOM_SIZE_JS)) as { rows: number; elements: number; sparks: number };
    const first = await dom();
    // One page per table (50 columns, 25 findings, 25 quality rows) plus headers: never 1,000.
    expect(first.rows).toBeLessThanOrEqual(110);
    expect(first.elements).toBeLessThan(5000);
    expect(first.sparks).toBeGreaterThan(0);
    expect(first.sparks).toBeLessThan(50);
    expect(await page.textContent('#columns-table .pager .info')).toBe(
      'Showing 1–50 of 1,000 columns',
    );
    // Scrolling to the end of the page draws the thumbnails that come into view, and only those.
    const lastRow = page.locator('#columns-table tbody tr.row').last();
    expect(await lastRow.locator('svg.spark').count()).toBe(0);
    await lastRow.scrollIntoViewIfNeeded();
    await expect.poll(() => lastRow.locator('svg.spark').count()).toBe(1);
    const scrolled = await dom();
    expect(scrolled.sparks).toBeGreaterThan(first.sparks);
    expect(scrolled.sparks).toBeLessThan(50);
    await page.locator('#columns-table button[aria-label="Next page"]').click();
    expect(await page.textContent('#columns-table .pager .info')).toBe(
      'Showing 51–100 of 1,000 columns',
    );
    await page.fill('#columns-table input[type=search]', 'feature_0999');
    expect(await rowNames(page)).toEqual(['feature_0999']);
    expect((await dom()).rows).toBeLessThanOrEqual(110);
    await finish(session);
  });
});
