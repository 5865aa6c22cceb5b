// A separate process appending prediction batches to a store (the built dist/), printing
// "ack <n>" only after append <n> resolved, i.e. after its transaction committed.
// Usage: node append-child.mjs '<json: { backend, path?, url?, schema?, project, prefix, batches, batchSize, startMs }>'
import { openPostgresStore, openSqliteStore } from '../../dist/index.js';

const o = JSON.parse(process.argv[2]);
const store =
  o.backend === 'sqlite'
    ? openSqliteStore(o.path)
    : openPostgresStore({ connectionString: o.url, schema: o.schema });
for (let b = 0; b < o.batches; b++) {
  const events = [];
  for (let i = 0; i < o.batchSize; i++) {
    const n = b * o.batchSize + i;
    events.push({
      type: 'prediction',
      event_id: `${o.prefix}${n}`,
      model: 'm',
      time: o.startMs + n,
      features: { x: n % 97, c: `k${n % 5}` },
      prediction: n % 2,
    });
  }
  await store.appendEvents(o.project, events);
  process.stdout.write(`ack ${b}\n`);
}
await store.close();
