// The LLM demo's monitors: output drift against the healthy reference hours, repetitiveness of
// consecutive answers, wrong prices from the knowledge-table checks, and refusals (which stay
// quiet), each on hourly windows of the support service's answers.

/** LlmDemoMonitor names one monitor of the LLM demo and what its column shows. */
export interface LlmDemoMonitor {
  readonly name: string;
  /** Column title in the demo's table. */
  readonly title: string;
  readonly document: string;
}

/**
 * llmDemoMonitors returns the vigil/v1 documents (JSON, which is YAML too) the LLM demo applies:
 * `model` is the registered model the monitors belong to, `service` the gateway service whose
 * answers they read, `reference` the healthy time range output drift compares with.
 */
export function llmDemoMonitors(
  model: string,
  service: string,
  reference: { from: number; to: number },
  knowledge: string,
): LlmDemoMonitor[] {
  const common = {
    type: 'llm_quality',
    model,
    window: { kind: 'hourly' },
    cadence: '1h',
    minSampleSize: 20,
    filter: { service },
  };
  const doc = (name: string, spec: Record<string, unknown>, severity = 'warning') =>
    JSON.stringify({
      apiVersion: 'vigil/v1',
      kind: 'Monitor',
      metadata: { name, labels: { demo: 'llm' } },
      spec: { ...common, ...spec, alert: { for: '0s', keepFiringFor: '0s', severity } },
    });
  return [
    {
      name: `${model}-output-drift`,
      title: 'drift cos',
      document: doc(`${model}-output-drift`, {
        metric: 'output_drift',
        reference: {
          from: new Date(reference.from).toISOString(),
          to: new Date(reference.to).toISOString(),
        },
      }),
    },
    {
      name: `${model}-repetitiveness`,
      title: 'repeat',
      document: doc(`${model}-repetitiveness`, { metric: 'repetitiveness' }),
    },
    {
      name: `${model}-wrong-prices`,
      title: 'wrong $',
      document: doc(
        `${model}-wrong-prices`,
        { metric: 'wrong_price_rate', knowledge, minSampleSize: 5 },
        'critical',
      ),
    },
    {
      name: `${model}-refusals`,
      title: 'refusals',
      document: doc(`${model}-refusals`, { metric: 'refusal_rate' }),
    },
  ];
}
