import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { renderHtml } from './html.js';
import { CLIENT_SCRIPT } from './html-client.js';
import {
  HOSTILE_STRINGS,
  hostileReport,
  sampleReport,
  wideReport,
} from './testdata/html-fixture.js';
import type { DriftReport } from './types.js';

// Every tag the page itself may contain. Anything else in the output came from user data.
const ALLOWED_TAGS = new Set(
  'html head meta title link style body main header div h1 h2 h3 span dl dt dd svg rect line p br strong code section table thead tbody tr th td noscript footer script'.split(
    ' ',
  ),
);
const SVG_NAMESPACE = 'http://www.w3.org/2000/svg';

function embeddedJson(html: string): string {
  const match = /<script type="application\/json" id="vigil-data">([\s\S]*?)<\/script>/.exec(html);
  if (!match) throw new Error('no embedded report data');
  return match[1];
}

function between(html: string, open: string, close: string): string {
  const start = html.indexOf(open);
  const end = html.indexOf(close, start);
  return html.slice(start + open.length, end);
}

// markup is the document without the bodies of its script and style elements: the HTML a parser
// turns into elements. (Those bodies are checked separately: they cannot end their element.)
function markup(html: string): string {
  return html
    .replace(/(<script[^>]*>)[\s\S]*?(<\/script>)/g, '$1$2')
    .replace(/(<style>)[\s\S]*?(<\/style>)/g, '$1$2');
}

// parseTags tokenises markup the way an HTML parser does for well-formed tags and reports any
// '<' that does not start one (a stray '<' would mean unescaped text).
function parseTags(html: string): { tags: Set<string>; attributes: Set<string>; strays: string[] } {
  const tagPattern =
    /<\/?([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/y;
  const attributePattern = /\s+([^\s"'>/=]+)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?/g;
  const tags = new Set<string>();
  const attributes = new Set<string>();
  const strays: string[] = [];
  for (let at = html.indexOf('<'); at !== -1; at = html.indexOf('<', at + 1)) {
    if (html.startsWith('<!doctype html>', at)) continue;
    tagPattern.lastIndex = at;
    const match = tagPattern.exec(html);
    if (!match) {
      strays.push(html.slice(at, at + 40));
      continue;
    }
    tags.add(match[1].toLowerCase());
    for (const attribute of match[2].matchAll(attributePattern))
      attributes.add(attribute[1].toLowerCase());
  }
  return { tags, attributes, strays };
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('base64');
}

describe('renderHtml is self-contained', () => {
  const html = renderHtml(sampleReport());

  it('loads nothing from outside the file', () => {
    const refs = [
      ...markup(html).matchAll(/\b(?:src|href|srcset|action|data)\s*=\s*["']?([^"'\s>]+)/gi),
    ].map((m) => m[1]);
    expect(refs.every((ref) => ref.startsWith('data:'))).toBe(true);
    expect(html).not.toMatch(/@import|url\(|<link(?![^>]*rel="icon")/i);
    // The only absolute URL is the SVG namespace, an identifier the browser never fetches.
    const urls = new Set(
      [...html.matchAll(/(?:https?:)?\/\/[a-z0-9.-]+\.[a-z]{2,}[^\s'"<>]*/gi)].map((m) => m[0]),
    );
    expect([...urls]).toEqual([SVG_NAMESPACE]);
  });

  it('has exactly one data block and one inline script, both allowed by the CSP hashes', () => {
    const scripts = [...html.matchAll(/<script([^>]*)>/gi)].map((m) => m[1]);
    expect(scripts).toEqual([' type="application/json" id="vigil-data"', '']);
    const csp =
      /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain(`script-src 'sha256-${sha256(between(html, '<script>', '</script>'))}'`);
    expect(csp).toContain(`style-src 'sha256-${sha256(between(html, '<style>', '</style>'))}'`);
  });

  it('embeds the report once, as JSON that parses back to the report', () => {
    const report = sampleReport();
    expect(JSON.parse(embeddedJson(html))).toEqual(JSON.parse(JSON.stringify(report)));
    expect(html.split('"session_seconds"').length - 1).toBe(2); // column + quality entry, JSON only
  });

  it('ships a client script that parses and cannot end its own element', () => {
    expect(() => new Function(CLIENT_SCRIPT)).not.toThrow();
    expect(CLIENT_SCRIPT).not.toMatch(/<\/|<!--|`|\$\{/);
  });

  it('is deterministic', () => {
    expect(renderHtml(sampleReport())).toBe(html);
  });
});

describe('renderHtml escapes user strings', () => {
  const report = hostileReport();
  const html = renderHtml(report, { title: HOSTILE_STRINGS[0] });

  it('emits only its own tags and no event-handler attributes', () => {
    const { tags, attributes, strays } = parseTags(markup(html));
    expect([...tags].filter((tag) => !ALLOWED_TAGS.has(tag))).toEqual([]);
    expect([...attributes].filter((name) => name.startsWith('on'))).toEqual([]);
    expect(strays).toEqual([]);
    expect(html).not.toContain('<!--');
  });

  it('closes exactly the two script elements it opens', () => {
    expect(html.match(/<\/script/gi)).toHaveLength(2);
  });

  it('keeps hostile strings intact in the data block, without raw separators', () => {
    const json = embeddedJson(html);
    expect(json).not.toMatch(/[\u2028\u2029<>]/);
    expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(report)));
  });

  // The server-rendered part is everything before the data block; the client draws the rest
  // through textContent, which the Chromium test checks.
  const visible = html.slice(0, html.indexOf('<script type="application/json"'));
  const perf = report.performance!;
  const serverFields = [
    { name: 'reference source', text: report.reference.source },
    { name: 'current source', text: report.current.source },
    { name: 'target', text: perf.target },
    { name: 'prediction', text: perf.prediction },
    { name: 'rule', text: perf.rule },
    { name: 'metric name', text: Object.keys(perf.reference)[0] },
    { name: 'prediction-drift method', text: perf.prediction_drift!.method },
  ];
  it.each(serverFields)('$name appears escaped in the summary', ({ text }) => {
    const escaped = text
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&#39;');
    expect(escaped).not.toBe(text);
    expect(visible).toContain(escaped);
  });

  it('never emits a hostile string raw outside the data block', () => {
    for (const text of HOSTILE_STRINGS.filter((t) => /[&<>"']/.test(t))) {
      expect(visible).not.toContain(text);
    }
  });

  it('escapes the title in both places', () => {
    expect(html).toContain('<title>&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;</title>');
    expect(html).toContain('<h1>&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;</h1>');
  });
});

describe('renderHtml summary', () => {
  type Case = { name: string; report: () => DriftReport; expected: string[]; absent: string[] };
  const cases: Case[] = [
    {
      name: 'drifted dataset with performance',
      report: sampleReport,
      expected: [
        '<span class="big" id="summary-drifted">2 / 6</span>',
        '33.3% drifted · threshold 30.0%',
        'id="summary-verdict">Dataset drift detected<',
        'id="summary-ref-rows">50,000<',
        'id="summary-cur-rows">12,000<',
        'title="data/train.parquet"',
        'id="concept-verdict">Concept drift<',
        '<td>accuracy</td>\n<td class="num">0.912</td>\n<td class="num">0.848</td>\n<td class="num">−0.064</td>',
        'Rule: accuracy fell more than 3% from the reference',
        '<strong>0.1%</strong> in reference',
        '<strong>3.4%</strong> in current',
        '2 critical',
        'Read 413 ms, analysed 1.87 s, total 2.30 s.',
      ],
      absent: [],
    },
    {
      name: '1,000 columns without drift or performance',
      report: () => wideReport(1000, 20),
      expected: [
        'id="summary-verdict">No dataset drift<',
        '/ 1,000</span>',
        'threshold 50.0%',
        '100 warning',
      ],
      absent: ['id="performance"', 'Read '],
    },
    {
      name: 'no findings',
      report: () => ({
        ...sampleReport(),
        data_quality: { ...sampleReport().data_quality, findings: [] },
      }),
      expected: ['<span class="big">0</span> <span class="muted">findings</span>'],
      absent: ['class="badge b-critical"'],
    },
  ];
  it.each(cases)('$name', ({ report, expected, absent }) => {
    const html = renderHtml(report());
    for (const text of expected) expect(html).toContain(text);
    for (const text of absent) expect(html).not.toContain(text);
  });

  it('uses the default title unless given one', () => {
    expect(renderHtml(sampleReport())).toContain('<title>Vigil drift report</title>');
    expect(renderHtml(sampleReport(), { title: 'Weekly check' })).toContain(
      '<h1>Weekly check</h1>',
    );
  });
});

describe('renderHtml at 1,000 columns', () => {
  // Budget: 1,000 columns x 20 bins is 21 full-precision edges (~19 chars each) + 40 counts
  // (~5 chars) + ~250 chars of test fields + ~250 chars of quality ≈ 1.1 kB per column, so about
  // 1.1 MB of JSON plus ~45 kB of page. 2 MB leaves room for longer names without hiding a
  // regression such as embedding the data twice or rendering rows on the server (each would
  // at least double the size).
  const report = wideReport(1000, 20);

  it('stays under 2 MB, almost all of it the embedded data', () => {
    const html = renderHtml(report);
    const bytes = Buffer.byteLength(html, 'utf8');
    expect(bytes).toBeLessThan(2 * 1024 * 1024);
    expect(bytes - Buffer.byteLength(embeddedJson(html), 'utf8')).toBeLessThan(80 * 1024);
  });
});
