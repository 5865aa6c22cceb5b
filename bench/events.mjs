// Shared load for the ingest benchmarks (store-ingest, server-ingest): deterministic prediction
// events with 20 features (15 numerical, 5 categorical), the same on every run.

/** T0 is the event time of the first event; events are 1 ms apart (1,000 per second). */
export const T0 = Date.UTC(2024, 0, 1);
const CITIES = ['paris', 'lyon', 'nice', 'lille', 'nantes', 'brest', 'metz'];

/** predictionBatches returns `total` events of model `bench` in batches of `batchSize`. */
export function predictionBatches(total, batchSize) {
  // xorshift32: deterministic pseudo-random values.
  let s = 2463534242;
  const rand = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
  const batches = [];
  for (let start = 0; start < total; start += batchSize) {
    const batch = [];
    for (let n = start; n < Math.min(total, start + batchSize); n++) {
      const features = {};
      for (let f = 0; f < 15; f++) features[`num_${f}`] = Math.round(rand() * 1e6) / 100;
      for (let f = 0; f < 5; f++) features[`cat_${f}`] = CITIES[Math.floor(rand() * CITIES.length)];
      batch.push({
        type: 'prediction',
        event_id: `e${n}`,
        model: 'bench',
        // 1,000 events per second of event time: hourly windows roll over every 3.6 M events.
        time: T0 + n,
        features,
        prediction: rand(),
        latency_ms: 5 + rand() * 20,
      });
    }
    batches.push(batch);
  }
  return batches;
}
