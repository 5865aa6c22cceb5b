// The demo's monitors: one PSI drift monitor per feature (so each feature has its own alert) and
// one data-quality monitor, all on daily windows evaluated once a day.

/** DEMO_DRIFT_THRESHOLD is the PSI alert level: Vigil's default, the industry's usual 0.2. */
export const DEMO_DRIFT_THRESHOLD = 0.2;

/** driftMonitorName names the drift monitor of one feature. */
export function driftMonitorName(model: string, feature: string): string {
  return `${model}-drift-${feature}`;
}

/** qualityMonitorName names the model's data-quality monitor. */
export function qualityMonitorName(model: string): string {
  return `${model}-quality`;
}

/**
 * demoMonitors returns the vigil/v1 documents (JSON, which is YAML too) the demo applies. A drift
 * alert fires on the first drifted day (`for: 0s`, Vigil's default) and keeps firing for two more
 * days against flapping; the quality alert holds one day first (`for: 1d`: PENDING, then FIRING
 * if the next day breaches too).
 */
export function demoMonitors(model: string, features: readonly string[]): string[] {
  const common = {
    model,
    window: { kind: 'daily' },
    cadence: '1d',
    minSampleSize: 100,
  };
  const drift = features.map((f) =>
    JSON.stringify({
      apiVersion: 'vigil/v1',
      kind: 'Monitor',
      metadata: { name: driftMonitorName(model, f), labels: { demo: 'flights', feature: f } },
      spec: {
        ...common,
        type: 'data_drift',
        features: [f],
        method: 'psi',
        threshold: DEMO_DRIFT_THRESHOLD,
        alert: { for: '0s', keepFiringFor: '2d', severity: 'warning' },
      },
    }),
  );
  const quality = JSON.stringify({
    apiVersion: 'vigil/v1',
    kind: 'Monitor',
    metadata: { name: qualityMonitorName(model), labels: { demo: 'flights' } },
    spec: {
      ...common,
      type: 'data_quality',
      features: 'all',
      alert: { for: '1d', keepFiringFor: '2d' },
    },
  });
  return [...drift, quality];
}
