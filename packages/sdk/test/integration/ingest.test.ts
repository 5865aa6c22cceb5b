// The SDK against the real server (SQLite store in a temp dir): delivery exactly once, gzip,
// per-item rejections, retries through outages and lost responses, and the bounded buffer.
import { VigilClient, type VigilClientOptions, type VigilSdkError } from '@vigil/sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { countIds, freePort, openTestServer, T0, type TestServer } from '../helpers/server.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function sdk(s: { url: string; key: string }, extra: VigilClientOptions = {}) {
  const errors: VigilSdkError[] = [];
  const client = new VigilClient({
    endpoint: s.url,
    apiKey: s.key,
    flushOnExit: false,
    retryBaseMs: 20,
    retryMaxMs: 200,
    onError: (e) => errors.push(e),
    ...extra,
  });
  return { client, errors };
}

const logN = (c: VigilClient, n: number, from = 0): string[] =>
  Array.from({ length: n }, (_, k) => {
    const i = from + k;
    return c.logPrediction({
      model: 'm',
      time: T0 + i,
      features: { x: i % 97, c: `k${i % 5}` },
      prediction: i % 2,
    });
  });

function expectExactlyOnce(events: Record<string, unknown>[], ids: readonly string[]) {
  const counts = countIds(events);
  expect(counts.size).toBe(ids.length);
  for (const id of ids) expect(counts.get(id)).toBe(1);
}

describe('@vigil/sdk against the real server', () => {
  it('delivers every event type exactly once, gzip on', async () => {
    server = await openTestServer();
    const { client, errors } = sdk(server, { batchSize: 300, gzip: true });
    const ids = logN(client, 2345);
    const label = client.logLabel({ predictionId: ids[0], label: 1, time: T0 + 5 });
    const outcome = client.logOutcome({
      name: 'ctr',
      value: 1,
      predictionId: ids[1],
      time: new Date(T0 + 6),
    });
    const infra = client.logInfra({
      model: 'm',
      latencyMs: 12,
      status: 'ok',
      time: '2024-01-01T00:00:00.007Z',
    });
    await client.close();
    expect(errors).toEqual([]);
    expectExactlyOnce(await server.events('prediction'), ids);
    expect((await server.events('label')).map((e) => e.event_id)).toEqual([label]);
    expect((await server.events('outcome')).map((e) => e.event_id)).toEqual([outcome]);
    expect((await server.events('infra')).map((e) => [e.event_id, e.time])).toEqual([
      [infra, T0 + 7],
    ]);
    expect(client.stats).toMatchObject({
      queued: 2348,
      sent: 2348,
      duplicates: 0,
      failed: 0,
      dropped: 0,
    });
  });

  it('reports each per-item rejection of a 207 with field and reason; the good events land', async () => {
    server = await openTestServer();
    const { client, errors } = sdk(server, { gzip: false });
    const good = logN(client, 10);
    // Valid to the SDK, refused by the server: models that were never created.
    const bad = [1, 2, 3].map((i) =>
      client.logPrediction({ model: `ghost-${i}`, time: T0 + i, features: { x: i } }),
    );
    await client.close();
    expectExactlyOnce(await server.events('prediction'), good);
    expect(client.stats).toMatchObject({ sent: 10, rejected: 3, failed: 0 });
    expect(errors.map((e) => e.code)).toEqual(['REJECTED', 'REJECTED', 'REJECTED']);
    expect(errors.map((e) => e.eventIds[0])).toEqual(bad);
    for (const [k, e] of errors.entries()) {
      expect(e.issues[0].field).toBe(`events[${10 + k}].model`);
      expect(e.issues[0].reason).toContain(`unknown model "ghost-${k + 1}"`);
    }
  });

  it('retries against a port that refuses until the server starts on it; nothing lost or doubled', async () => {
    server = await openTestServer({ start: false });
    const { client, errors } = sdk(server, { batchSize: 100, maxRetries: 20 });
    const ids = logN(client, 450);
    const flushed = client.flush();
    await new Promise((r) => setTimeout(r, 300));
    expect(client.stats.sent).toBe(0);
    await server.up();
    await flushed;
    await client.close();
    expect(errors).toEqual([]);
    expect(client.stats.retried).toBeGreaterThan(0);
    expect(client.stats).toMatchObject({ sent: 450, failed: 0 });
    expectExactlyOnce(await server.events('prediction'), ids);
  });

  it('survives the server stopping mid-stream: every event lands exactly once', async () => {
    server = await openTestServer();
    const { client, errors } = sdk(server, { batchSize: 50, flushIntervalMs: 20, maxRetries: 30 });
    const ids: string[] = [];
    for (let round = 0; round < 6; round++) {
      ids.push(...logN(client, 120, round * 120));
      await new Promise((r) => setTimeout(r, 30));
      if (round === 2) await server.down();
      if (round === 4) await server.up();
    }
    await client.close();
    expect(errors).toEqual([]);
    expect(client.stats.retried).toBeGreaterThan(0);
    expect(client.stats).toMatchObject({ sent: 720, failed: 0 });
    expectExactlyOnce(await server.events('prediction'), ids);
  });

  it('a lost response is retried; the server counts the retry as a duplicate, stored once', async () => {
    server = await openTestServer();
    let calls = 0;
    // The first answer is read, then lost, as if the connection broke after the server replied;
    // the retry re-sends the same bytes, which the server has already stored.
    const lossy = async (url: string, init: RequestInit): Promise<Response> => {
      const res = await fetch(url, init);
      if (++calls === 1) {
        await res.text();
        throw new TypeError('fetch failed: connection reset after the server answered');
      }
      return res;
    };
    const { client, errors } = sdk(server, { fetch: lossy });
    const ids = logN(client, 40);
    await client.close();
    expect(errors).toEqual([]);
    expect(client.stats).toMatchObject({ sent: 40, duplicates: 40, retried: 1, failed: 0 });
    expectExactlyOnce(await server.events('prediction'), ids);
  });

  it('bounds the buffer while the server is unreachable and counts the drops', async () => {
    const port = await freePort();
    const { client, errors } = sdk(
      { url: `http://127.0.0.1:${port}`, key: 'vgl_unused' },
      {
        maxBufferEvents: 100,
        batchSize: 500,
        flushIntervalMs: 60_000,
        maxRetries: 1,
        retryBaseMs: 1,
        retryMaxMs: 5,
      },
    );
    logN(client, 350);
    expect(client.stats).toMatchObject({ queued: 350, dropped: 250, buffered: 100 });
    await client.close();
    expect(client.stats).toMatchObject({
      sent: 0,
      failed: 100,
      dropped: 250,
      retried: 1,
      buffered: 0,
    });
    expect(errors.map((e) => [e.code, e.count])).toEqual([
      ['BUFFER_FULL', 250],
      ['SEND_FAILED', 100],
    ]);
    expect(errors[1].message).toContain('ECONNREFUSED');
  });

  it('never throws into the caller, even when onError throws, against a live server', async () => {
    server = await openTestServer();
    const quiet = console.error;
    let handlerCalls = 0;
    console.error = () => {};
    try {
      const client = new VigilClient({
        endpoint: server.url,
        apiKey: 'vgl_wrong_key',
        flushOnExit: false,
        maxRetries: 0,
        onError: () => {
          handlerCalls++;
          throw new Error('a buggy handler');
        },
      });
      // biome-ignore lint/suspicious/noExplicitAny: deliberately malformed input
      expect(() => client.logPrediction({ model: '' } as any)).not.toThrow();
      expect(() => logN(client, 5)).not.toThrow();
      await expect(client.flush()).resolves.toBeUndefined();
      await expect(client.close()).resolves.toBeUndefined();
      expect(() => client.logLabel({ predictionId: 'p', label: 1 })).not.toThrow();
      // One invalid event, one 401 batch, one event after close.
      expect(handlerCalls).toBe(3);
      expect(client.stats).toMatchObject({ invalid: 1, failed: 5, dropped: 1 });
    } finally {
      console.error = quiet;
    }
  });
});
