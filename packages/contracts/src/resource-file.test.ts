import { describe, expect, it } from 'vitest';
import { formatMonitorFileIssue } from './monitor-file.js';
import { parseResourceFile } from './resource-file.js';

const MIXED = `apiVersion: vigil/v1
kind: Channel
metadata: { name: ops }
spec: { type: slack, url: "https://hooks.example/x" }
---
apiVersion: vigil/v1
kind: Monitor
metadata: { name: drift }
spec: { type: data_drift, model: m, alert: { channels: [ops] } }
---
apiVersion: vigil/v1
kind: Silence
spec: { matchers: ['monitor="drift"'], comment: deploy, duration: 1h }
`;

describe('parseResourceFile', () => {
  it('reads Monitor, Channel and Silence documents in file order, with their lines', () => {
    const r = parseResourceFile(MIXED, { fileName: 'all.yaml' });
    if (!r.ok) throw new Error(r.issues.map(formatMonitorFileIssue).join('\n'));
    expect(r.resources.map((x) => [x.kind, x.document, x.line])).toEqual([
      ['Channel', 0, 1],
      ['Monitor', 1, 6],
      ['Silence', 2, 11],
    ]);
    const [channel, monitor, silence] = r.resources;
    expect(channel.kind === 'Channel' && channel.definition.spec.timeout).toBe(10_000);
    expect(monitor.kind === 'Monitor' && monitor.definition.spec.alert.channels).toEqual(['ops']);
    expect(silence.kind === 'Silence' && silence.definition.spec.duration).toBe(3_600_000);
    // The input is the document as written, for the API.
    expect((silence.input.spec as { duration: string }).duration).toBe('1h');
  });

  type Bad = { name: string; text: string; want: string[] };
  const bad: Bad[] = [
    {
      name: 'an unknown kind',
      text: 'apiVersion: vigil/v1\nkind: Dashboard\nmetadata: { name: x }\n',
      want: ['f.yaml:2:7: kind: unknown kind "Dashboard": one of Monitor, Channel, Silence'],
    },
    {
      name: 'a missing kind',
      text: 'apiVersion: vigil/v1\nmetadata: { name: x }\n',
      want: ['f.yaml:1:1: kind: missing kind: one of Monitor, Channel, Silence'],
    },
    {
      name: 'another major version',
      text: 'apiVersion: vigil/v2\nkind: Channel\n',
      want: [
        'f.yaml:1:13: apiVersion: unsupported apiVersion "vigil/v2": this Vigil reads vigil/v1',
      ],
    },
    {
      name: 'a channel name used twice',
      text: `${MIXED.split('---')[0]}---\n${MIXED.split('---')[0]}`,
      want: ['f.yaml:8:19: metadata.name: duplicate channel name "ops" (first in document 1)'],
    },
    {
      name: 'an unknown key and a bad value in two documents',
      text: 'apiVersion: vigil/v1\nkind: Channel\nmetadata: { name: a }\nspec: { type: slack, url: "x", extra: 1 }\n---\napiVersion: vigil/v1\nkind: Silence\nspec: { matchers: [bogus], comment: c }\n',
      want: [
        'f.yaml:4:27: spec.url: expected an http(s) URL',
        'f.yaml:4:32: spec.extra: unknown key "extra"',
        'f.yaml:8:20: spec.matchers[0]: invalid matcher "bogus": use name="value", name!="value", name=~"regex" or name!~"regex"',
      ],
    },
    { name: 'an empty file', text: '# nothing\n', want: ['f.yaml: no document in file'] },
    { name: 'a YAML error', text: 'kind: [Channel\n', want: ['f.yaml:2:1: YAML:'] },
  ];
  it.each(bad)('reports $name', ({ text, want }) => {
    const r = parseResourceFile(text, { fileName: 'f.yaml' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const got = r.issues.map(formatMonitorFileIssue);
    expect(got).toHaveLength(want.length);
    for (const [i, w] of want.entries())
      expect(got[i].startsWith(w), `${got[i]} vs ${w}`).toBe(true);
  });
});
