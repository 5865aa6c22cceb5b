// Mapping a validated monitor's alert block onto the state machine's config.
import type { AlertSpec } from '@vigil/contracts';
import type { AlertConfig, Silence } from './types.js';

/** AlertConfigOptions are the runtime parts of an AlertConfig: identity and silences. */
export interface AlertConfigOptions {
  readonly monitorId: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly silences?: readonly Silence[];
}

/**
 * alertConfigFromSpec builds the step() config from a monitor's validated `alert` block
 * (durations already in ms by the contracts) plus the alert's identity and silences; the
 * severity becomes the `severity` label. Example: { for: 300000, … } → { forMs: 300000, … }.
 */
export function alertConfigFromSpec(spec: AlertSpec, options: AlertConfigOptions): AlertConfig {
  return {
    monitorId: options.monitorId,
    labels: { ...options.labels, severity: spec.severity },
    forMs: spec.for,
    keepFiringForMs: spec.keepFiringFor,
    renotifyEveryMs: spec.renotifyEvery,
    ...(spec.resolveWhen === undefined ? {} : { resolveWhen: spec.resolveWhen }),
    ...(options.silences === undefined ? {} : { silences: options.silences }),
  };
}
