// VigilClient against a scripted fetch: retry policy, splitting, error reporting, buffer bounds.
// The integration suite (test/integration) runs the same paths against the real server.
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { VigilClient } from './client.js';
import { VigilConfigError, type VigilSdkError } from './errors.js';
import type { FetchLike, VigilClientOptions } from './options.js';

interface Sent {
  readonly headers: Record<string, string>;
  readonly events: { event_id: string }[];
}

type Answer = { status: number; body?: unknown; headers?: Record<string, string> } | 'network';

/** scripted returns a fetch that answers from `script` in turn (the last answer repeats). */
function scripted(script: Answer[] | ((events: { event_id: string }[]) => Answer)) {
  const sent: Sent[] = [];
  let i = 0;
  const fetch: FetchLike = async (_url, init) => {
    const headers = init.headers as Record<string, string>;
    const raw = init.body as Uint8Array | string;
    const text = headers['content-encoding'] === 'gzip' ? gunzipSync(raw).toString() : String(raw);
    const events = JSON.parse(text).events;
    sent.push({ headers, events });
    const a =
      typeof script === 'function' ? script(events) : script[Math.min(i++, script.length - 1)];
    if (a === 'network') throw new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } });
    return new Response(a.body === undefined ? '' : JSON.stringify(a.body), {
      status: a.status,
      headers: a.headers,
    });
  };
  return { fetch, sent };
}

const allAccepted = (events: { event_id: string }[]): Answer => ({
  status: 200,
  body: {
    accepted: events.length,
    duplicates: 0,
    rejected: 0,
    results: events.map((e, index) => ({ index, event_id: e.event_id, status: 'accepted' })),
  },
});

function client(fetch: FetchLike, extra: VigilClientOptions = {}) {
  const errors: VigilSdkError[] = [];
  const c = new VigilClient({
    endpoint: 'http://vigil.test',
    apiKey: 'k',
    fetch,
    retryBaseMs: 1,
    retryMaxMs: 5,
    flushOnExit: false,
    onError: (e) => errors.push(e),
    ...extra,
  });
  return { c, errors };
}

const log = (c: VigilClient, n: number) => {
  for (let i = 0; i < n; i++) c.logPrediction({ model: 'm', features: { x: i }, time: 1000 + i });
};

describe('VigilClient constructor', () => {
  const cases: { name: string; o: Record<string, unknown> }[] = [
    { name: 'endpoint not a URL', o: { endpoint: 'localhost' } },
    { name: 'empty apiKey', o: { apiKey: ' ' } },
    { name: 'batchSize 0', o: { batchSize: 0 } },
    { name: 'batchSize over the server limit', o: { batchSize: 5001 } },
    { name: 'fractional flushIntervalMs', o: { flushIntervalMs: 1.5 } },
    { name: 'negative maxRetries', o: { maxRetries: -1 } },
    { name: 'gzip not a boolean', o: { gzip: 'yes' } },
    { name: 'onError not a function', o: { onError: 'log' } },
    { name: 'retryMaxMs below retryBaseMs', o: { retryBaseMs: 100, retryMaxMs: 10 } },
  ];
  it.each(cases)('throws VigilConfigError on $name', ({ o }) => {
    expect(
      () => new VigilClient({ endpoint: 'http://x', apiKey: 'k', flushOnExit: false, ...o }),
    ).toThrow(VigilConfigError);
  });

  it('throws without any API key, and takes both from the environment', async () => {
    expect(() => new VigilClient({ env: {}, flushOnExit: false })).toThrow(/VIGIL_API_KEY/);
    const { fetch, sent } = scripted(allAccepted);
    const c = new VigilClient({ env: { VIGIL_API_KEY: 'envkey' }, fetch, flushOnExit: false });
    log(c, 1);
    await c.close();
    expect(sent[0].headers.authorization).toBe('Bearer envkey');
  });
});

describe('VigilClient sending', () => {
  it('batches by batchSize, gzips, authenticates, and counts what was sent', async () => {
    const { fetch, sent } = scripted(allAccepted);
    const { c, errors } = client(fetch, { batchSize: 4 });
    log(c, 10);
    await c.flush();
    expect(sent.map((s) => s.events.length)).toEqual([4, 4, 2]);
    expect(sent[0].headers['content-encoding']).toBe('gzip');
    expect(sent[0].headers.authorization).toBe('Bearer k');
    expect(c.stats).toMatchObject({ queued: 10, sent: 10, failed: 0, retried: 0, buffered: 0 });
    expect(errors).toEqual([]);
    await c.close();
  });

  const retryable: { name: string; first: Answer }[] = [
    { name: 'a network error', first: 'network' },
    { name: '503', first: { status: 503 } },
    { name: '500', first: { status: 500 } },
    { name: '408', first: { status: 408 } },
    { name: '429', first: { status: 429 } },
  ];
  it.each(retryable)('retries after $name', async ({ first }) => {
    const { fetch, sent } = scripted((events) => (sent.length === 1 ? first : allAccepted(events)));
    const { c, errors } = client(fetch);
    log(c, 3);
    await c.close();
    expect(sent.length).toBe(2);
    expect(sent[1].events).toEqual(sent[0].events);
    expect(c.stats).toMatchObject({ sent: 3, retried: 1, failed: 0 });
    expect(errors).toEqual([]);
  });

  const fatal = [401, 403, 404, 415];
  it.each(fatal.map((status) => ({ name: String(status), status })))(
    'does not retry $name',
    async ({ status }) => {
      const { fetch, sent } = scripted([
        { status, body: { error: { code: 'X', message: 'nope' } } },
      ]);
      const { c, errors } = client(fetch);
      log(c, 2);
      await c.close();
      expect(sent.length).toBe(1);
      expect(c.stats).toMatchObject({ sent: 0, failed: 2, retried: 0 });
      expect(errors.map((e) => [e.code, e.status, e.eventIds.length])).toEqual([
        ['SEND_FAILED', status, 2],
      ]);
      expect(errors[0].message).toContain('X: nope');
    },
  );

  it('honours Retry-After (capped by retryMaxMs) instead of the jittered backoff', async () => {
    const { fetch } = scripted((events) =>
      n++ === 0 ? { status: 429, headers: { 'retry-after': '1' } } : allAccepted(events),
    );
    let n = 0;
    const { c } = client(fetch, { retryBaseMs: 1, retryMaxMs: 300, random: () => 0 });
    log(c, 1);
    const t0 = Date.now();
    await c.flush();
    const waited = Date.now() - t0;
    expect(waited).toBeGreaterThanOrEqual(280); // min(1000, 300), not the backoff's 0
    expect(waited).toBeLessThan(900);
    await c.close();
  });

  it('gives up after maxRetries and reports the batch once', async () => {
    const { fetch, sent } = scripted(['network']);
    const { c, errors } = client(fetch, { maxRetries: 3 });
    log(c, 5);
    await c.close();
    expect(sent.length).toBe(4);
    expect(c.stats).toMatchObject({ failed: 5, retried: 3, sent: 0 });
    expect(errors.map((e) => e.code)).toEqual(['SEND_FAILED']);
    expect(errors[0].message).toContain('after 4 attempts');
    expect(errors[0].message).toContain('ECONNREFUSED');
  });

  it('splits a batch the server finds too large (413) until it fits', async () => {
    const { fetch, sent } = scripted((events) =>
      events.length > 2 ? { status: 413 } : allAccepted(events),
    );
    const { c, errors } = client(fetch, { batchSize: 8 });
    log(c, 8);
    await c.close();
    expect(sent.map((s) => s.events.length)).toEqual([8, 4, 2, 2, 4, 2, 2]);
    expect(c.stats).toMatchObject({ sent: 8, failed: 0 });
    expect(errors).toEqual([]);
  });

  it('reports each per-item rejection of a 207 with the server field and reason', async () => {
    const { fetch } = scripted((events) => ({
      status: 207,
      body: {
        accepted: 1,
        duplicates: 1,
        rejected: 1,
        results: [
          { index: 0, event_id: events[0].event_id, status: 'accepted' },
          { index: 1, event_id: events[1].event_id, status: 'duplicate' },
          {
            index: 2,
            event_id: events[2].event_id,
            status: 'rejected',
            errors: [{ field: 'events[2].model', reason: 'unknown model "m"' }],
          },
        ],
      },
    }));
    const { c, errors } = client(fetch);
    log(c, 3);
    await c.close();
    expect(c.stats).toMatchObject({ sent: 2, duplicates: 1, rejected: 1, failed: 0 });
    expect(errors.map((e) => [e.code, e.issues])).toEqual([
      ['REJECTED', [{ field: 'events[2].model', reason: 'unknown model "m"' }]],
    ]);
  });
});

describe('VigilClient never throws into the caller', () => {
  it('reports invalid events without sending them, and survives a throwing onError', async () => {
    const { fetch, sent } = scripted(allAccepted);
    const { c } = client(fetch, {
      onError: () => {
        throw new Error('handler bug');
      },
    });
    const quiet = console.error;
    console.error = () => {};
    try {
      // biome-ignore lint/suspicious/noExplicitAny: deliberately malformed inputs
      const bad: any[] = [
        null,
        42,
        { model: 'a b', features: {} },
        { model: 'm', features: { x: 1 }, time: 'yesterday' },
      ];
      for (const b of bad) expect(typeof c.logPrediction(b)).toBe('string');
      const hostile = Object.defineProperty({}, 'model', {
        get() {
          throw new Error('getter');
        },
      });
      // biome-ignore lint/suspicious/noExplicitAny: deliberately hostile input
      expect(() => c.logPrediction(hostile as any)).not.toThrow();
      // biome-ignore lint/suspicious/noExplicitAny: deliberately malformed input
      expect(() => c.logLabel(undefined as any)).not.toThrow();
      await expect(c.flush()).resolves.toBeUndefined();
      await expect(c.close()).resolves.toBeUndefined();
      expect(() => c.logOutcome({ name: 'n', value: 1, key: 'k' })).not.toThrow();
    } finally {
      console.error = quiet;
    }
    expect(sent.length).toBe(0);
    expect(c.stats).toMatchObject({ invalid: 6, dropped: 1, queued: 0 });
  });

  it('keeps the given id, and generates unique ids otherwise', async () => {
    const { fetch } = scripted(allAccepted);
    const { c } = client(fetch);
    expect(c.logLabel({ id: 'my-id', predictionId: 'p', label: 1 })).toBe('my-id');
    const ids = new Set(Array.from({ length: 1000 }, () => c.logInfra({ model: 'm' })));
    expect(ids.size).toBe(1000);
    await c.close();
  });

  it('bounds the buffer: drops the oldest, counts and reports the drops', async () => {
    const { fetch, sent } = scripted(allAccepted);
    // A long interval and a batch size above the capacity, so nothing is sent before flush.
    const { c, errors } = client(fetch, {
      maxBufferEvents: 10,
      batchSize: 50,
      flushIntervalMs: 60_000,
    });
    log(c, 25);
    expect(c.stats).toMatchObject({ queued: 25, dropped: 15, buffered: 10 });
    await c.close();
    expect(sent.length).toBe(1);
    // The newest ten survive: times 1015..1024.
    expect(sent[0].events.map((e) => (e as unknown as { time: number }).time)).toEqual(
      Array.from({ length: 10 }, (_, i) => 1015 + i),
    );
    expect(errors.map((e) => [e.code, e.count])).toEqual([['BUFFER_FULL', 15]]);
  });

  it('flush waits only for what was buffered when called, even under a steady stream', async () => {
    const { fetch } = scripted(allAccepted);
    const { c } = client(fetch, { batchSize: 10 });
    log(c, 30);
    const done = c.flush();
    log(c, 30);
    await done;
    expect(c.stats.sent).toBeGreaterThanOrEqual(30);
    await c.close();
    expect(c.stats.sent).toBe(60);
  });

  it('registers a beforeExit hook and removes it on close', async () => {
    const before = process.listenerCount('beforeExit');
    const c = new VigilClient({
      endpoint: 'http://x',
      apiKey: 'k',
      fetch: scripted(allAccepted).fetch,
    });
    expect(process.listenerCount('beforeExit')).toBe(before + 1);
    await c.close();
    expect(process.listenerCount('beforeExit')).toBe(before);
  });
});
