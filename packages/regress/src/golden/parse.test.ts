import { describe, expect, it } from 'vitest';
import { composition } from './composition.js';
import { formatGoldenIssue, parseGoldenSet } from './parse.js';

const GOOD = `name: support
version: 3
defaults:
  threshold: 0.5
  assert:
    - { type: rouge-l, threshold: 0.4 }
cases:
  - id: refund-1
    category: happy
    tags: [refund]
    input: How do I get a refund?
    expected: Refunds take five business days.
    assert:
      - { type: icontains, value: refund, weight: 2 }
      - { type: not-regex, value: "/sorry/i" }
  - id: json-1
    category: edge
    input: { vars: { item: lamp } }
    assert:
      - type: json-schema
        value: { type: object, required: [item] }
`;

const GOOD_JSONL = [
  '{"name": "support", "version": 3, "defaults": {"threshold": 0.5, "assert": [{"type": "rouge-l", "threshold": 0.4}]}}',
  '{"id": "refund-1", "category": "happy", "tags": ["refund"], "input": "How do I get a refund?", "expected": "Refunds take five business days.", "assert": [{"type": "icontains", "value": "refund", "weight": 2}, {"type": "not-regex", "value": "/sorry/i"}]}',
  '{"id": "json-1", "category": "edge", "input": {"vars": {"item": "lamp"}}, "assert": [{"type": "json-schema", "value": {"type": "object", "required": ["item"]}}]}',
].join('\n');

describe('parseGoldenSet', () => {
  it('parses a YAML set with defaults, negation, weights and thresholds', () => {
    const r = parseGoldenSet(GOOD, 'support.yaml');
    if (!r.ok) throw new Error(r.issues.map(formatGoldenIssue).join('\n'));
    const [refund, json] = r.set.cases;
    expect(r.set).toMatchObject({ name: 'support', version: '3' });
    expect(r.set.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(refund).toMatchObject({ id: 'refund-1', line: 8, threshold: 0.5, tags: ['refund'] });
    expect(refund.assert.map((a) => `${a.negate ? 'not-' : ''}${a.type}:${a.weight}`)).toEqual([
      'rouge-l:1',
      'icontains:2',
      'not-regex:1',
    ]);
    // rouge-l needs an expected output: json-1 has none, so the default does not apply to it.
    expect(json.assert.map((a) => a.type)).toEqual(['json-schema']);
    expect(json.input.vars).toEqual({ item: 'lamp' });
  });

  it('gives the same content hash for the same set in JSON Lines', () => {
    const a = parseGoldenSet(GOOD, 'support.yaml');
    const b = parseGoldenSet(GOOD_JSONL, 'support.jsonl');
    if (!a.ok || !b.ok) throw new Error('parse failed');
    expect(b.set.hash).toBe(a.set.hash);
    expect(b.set.cases[1].line).toBe(3);
    const bumped = parseGoldenSet(GOOD.replace('version: 3', 'version: 4'), 'support.yaml');
    expect(bumped.ok && bumped.set.hash).not.toBe(a.set.hash);
  });

  type Bad = { name: string; file: string; text: string; expected: string };
  const bad: Bad[] = [
    {
      name: 'duplicate id',
      file: 'set.yaml',
      text: GOOD.replace('id: json-1', 'id: refund-1'),
      expected: 'set.yaml:16: cases[1].id: duplicate id "refund-1" (first at line 8)',
    },
    {
      name: 'unknown assertion type',
      file: 'set.yaml',
      text: GOOD.replace('type: not-regex', 'type: not-rgex'),
      expected: 'set.yaml:15: cases[0].assert[1].type: unknown assertion type "not-rgex"',
    },
    {
      name: 'missing version',
      file: 'set.yaml',
      text: GOOD.replace('version: 3\n', ''),
      expected: 'set.yaml:1: version: version is required',
    },
    {
      name: 'a regex that does not compile',
      file: 'set.yaml',
      text: GOOD.replace('"/sorry/i"', '"(unclosed"'),
      expected: 'set.yaml:15: cases[0].assert[1].value: does not compile',
    },
    {
      name: 'an unknown field',
      file: 'set.yaml',
      text: GOOD.replace('    tags: [refund]', '    tag: [refund]'),
      expected: 'set.yaml:10: cases[0].tag: unknown field',
    },
    {
      name: 'a bad category',
      file: 'set.yaml',
      text: GOOD.replace('category: edge', 'category: sad'),
      expected:
        'set.yaml:17: cases[1].category: category must be one of happy, edge, known-failure, adversarial',
    },
    {
      name: 'a list assertion without a list',
      file: 'set.yaml',
      text: GOOD.replace('type: icontains, value: refund', 'type: contains-any, value: refund'),
      expected: 'set.yaml:14: cases[0].assert[0].value: value must be a non-empty list of strings',
    },
    {
      name: 'YAML syntax',
      file: 'set.yaml',
      text: 'name: x\nversion: 1\ncases: [\n',
      expected: 'set.yaml:4: YAML:',
    },
    {
      name: 'duplicate id in JSON Lines',
      file: 'set.jsonl',
      text: `${GOOD_JSONL}\n${GOOD_JSONL.split('\n')[1]}`,
      expected: 'set.jsonl:4: cases[2].id: duplicate id "refund-1" (first at line 2)',
    },
    {
      name: 'unknown assertion type in JSON Lines',
      file: 'set.jsonl',
      text: GOOD_JSONL.replace('"type": "json-schema"', '"type": "json-scheme"'),
      expected: 'set.jsonl:3: cases[1].assert[0].type: unknown assertion type "json-scheme"',
    },
    {
      name: 'a JSON Lines line that is not JSON',
      file: 'set.jsonl',
      text: `${GOOD_JSONL}\n{"id": `,
      expected: 'set.jsonl:4: JSON:',
    },
  ];
  it.each(bad)('reports $name with file, line and field', ({ file, text, expected }) => {
    const r = parseGoldenSet(text, file);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map(formatGoldenIssue).join('\n')).toContain(expected);
  });
});

describe('composition', () => {
  const setOf = (counts: Record<string, number>) => {
    const lines = ['name: c', 'version: 1', 'defaults: { assert: [{ type: is-json }] }', 'cases:'];
    let k = 0;
    for (const [category, n] of Object.entries(counts)) {
      for (let i = 0; i < n; i++)
        lines.push(`  - { id: c${k++}, category: ${category}, input: x, tags: [t${k % 2}] }`);
    }
    const r = parseGoldenSet(lines.join('\n'), 'c.yaml');
    if (!r.ok) throw new Error(r.issues.map(formatGoldenIssue).join('\n'));
    return r.set;
  };

  it('accepts the recommended 60/20/10/10 split at 100 cases', () => {
    const report = composition(
      setOf({ happy: 60, edge: 20, 'known-failure': 10, adversarial: 10 }),
    );
    expect(report.ok).toBe(true);
    expect(report.categories.map((c) => c.share)).toEqual([0.6, 0.2, 0.1, 0.1]);
    expect(report.tags).toEqual({ t0: 50, t1: 50 });
  });

  it('advises on a lopsided, small set', () => {
    const report = composition(setOf({ happy: 18, edge: 2 }));
    expect(report.ok).toBe(false);
    expect(report.advice).toEqual([
      'happy: 18 cases (90 %), recommended 60 % (about 12): remove 6',
      'edge: 2 cases (10 %), recommended 20 % (about 4): add 2',
      'known-failure: 0 cases (0 %), recommended 10 % (about 2): add 2',
      'adversarial: 0 cases (0 %), recommended 10 % (about 2): add 2',
      'size: 20 cases, recommended at least 100',
    ]);
  });
});
