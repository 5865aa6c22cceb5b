// A host process using the SDK (the built dist/) the way a careless app does: it logs events and
// simply ends, without close(). Configured by VIGIL_ENDPOINT / VIGIL_API_KEY and:
//   CHILD_EVENTS      how many predictions to log (default 0)
//   CHILD_MAX_RETRIES maxRetries (default 5)
// It prints "ids <json>" with the logged event ids, then falls off the end of the script.
import { VigilClient } from '../../dist/index.js';

const n = Number(process.env.CHILD_EVENTS ?? '0');
const client = new VigilClient({
  flushIntervalMs: 60_000, // only the beforeExit hook can deliver these events
  maxRetries: Number(process.env.CHILD_MAX_RETRIES ?? '5'),
  retryBaseMs: 10,
  retryMaxMs: 50,
});
const ids = [];
for (let i = 0; i < n; i++) {
  ids.push(
    client.logPrediction({ model: 'm', time: Date.UTC(2024, 0, 1) + i, features: { x: i } }),
  );
}
process.stdout.write(`ids ${JSON.stringify(ids)}\n`);
