// MTTD, MTTA and MTTR per severity across incidents.
import { type IncidentSeverity, SEVERITIES } from './types.js';

/** IncidentTimes are the instants the response metrics read (epoch ms; null when not reached). */
export interface IncidentTimes {
  readonly severity: IncidentSeverity;
  /** Estimated onset of the degradation (diagnosis); null when unknown. */
  readonly onsetMs: number | null;
  /** The first alert of the incident: the moment of detection. */
  readonly firstAlertMs: number;
  readonly acknowledgedMs: number | null;
  readonly resolvedMs: number | null;
}

/** ResponseTimes are time to detect, acknowledge and resolve of one incident (ms; null: not reached). */
export interface ResponseTimes {
  /** first alert − estimated onset. */
  readonly detectMs: number | null;
  /** acknowledgement − first alert. */
  readonly acknowledgeMs: number | null;
  /** resolution − first alert. */
  readonly resolveMs: number | null;
}

/**
 * responseTimes measures one incident: detect = firstAlert − onset (null without an onset, and
 * never negative: an onset estimated after the alert counts as 0), acknowledge = ack − firstAlert,
 * resolve = resolved − firstAlert. Detection is the clock's start for both, as in PagerDuty's MTTA/MTTR.
 */
export function responseTimes(t: IncidentTimes): ResponseTimes {
  return {
    detectMs: t.onsetMs === null ? null : Math.max(0, t.firstAlertMs - t.onsetMs),
    acknowledgeMs: t.acknowledgedMs === null ? null : t.acknowledgedMs - t.firstAlertMs,
    resolveMs: t.resolvedMs === null ? null : t.resolvedMs - t.firstAlertMs,
  };
}

/** SeverityStats are the means over one severity's incidents (ms; null when none measured). */
export interface SeverityStats {
  readonly severity: IncidentSeverity;
  readonly incidents: number;
  readonly mttdMs: number | null;
  readonly mttaMs: number | null;
  readonly mttrMs: number | null;
}

const mean = (xs: number[]): number | null =>
  xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length;

/**
 * incidentStats returns one row per severity (P0 … P3, always all four): the count and the mean
 * time to detect, acknowledge and resolve over the incidents where each was reached.
 * Example: two P1s acknowledged 10 and 20 min after their first alert → mttaMs 15 min.
 */
export function incidentStats(incidents: readonly IncidentTimes[]): SeverityStats[] {
  return SEVERITIES.map((severity) => {
    const rows = incidents.filter((i) => i.severity === severity).map(responseTimes);
    const pick = (k: keyof ResponseTimes) =>
      mean(rows.map((r) => r[k]).filter((x): x is number => x !== null));
    return {
      severity,
      incidents: rows.length,
      mttdMs: pick('detectMs'),
      mttaMs: pick('acknowledgeMs'),
      mttrMs: pick('resolveMs'),
    };
  });
}
