// Trace trees: spans nested by parent, orphans as roots, children in start order.
import type { Generation } from '@vigil/store';
import { describe, expect, it } from 'vitest';
import { buildTraceTree, type TraceNode } from './wire.js';

const g = (spanId: string, parentSpanId: string | null, startMs: number): Generation => ({
  traceId: 't',
  spanId,
  parentSpanId,
  name: spanId,
  operation: null,
  startMs,
  endMs: startMs + 1,
  latencyMs: 1,
  modelRequested: null,
  modelServed: null,
  provider: null,
  promptName: null,
  promptVersion: null,
  input: null,
  output: null,
  tokens: { input: null, output: null, cachedInput: null, reasoning: null },
  costUsd: null,
  costSource: 'unknown',
  priceTableVersion: null,
  status: 'ok',
  error: null,
  user: null,
  session: null,
  service: null,
  apiKeyId: null,
  tags: [],
  variant: null,
  attempt: 0,
  flags: [],
  attributes: {},
  receivedMs: 0,
});

const shape = (nodes: TraceNode[]): unknown => nodes.map((n) => [n.span_id, shape(n.children)]);

describe('buildTraceTree', () => {
  it('nests by parent and orders children by start time', () => {
    const tree = buildTraceTree([
      g('c', 'root', 30),
      g('root', null, 0),
      g('b', 'root', 20),
      g('b1', 'b', 25),
      g('orphan', 'gone', 5),
    ]);
    expect(shape(tree)).toEqual([
      [
        'root',
        [
          ['b', [['b1', []]]],
          ['c', []],
        ],
      ],
      ['orphan', []],
    ]);
  });
  it('treats a span that names itself as parent as a root', () => {
    expect(shape(buildTraceTree([g('x', 'x', 0)]))).toEqual([['x', []]]);
  });
});
