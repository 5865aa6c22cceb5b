// The demo's live summary: alert transitions as they happen (PENDING -> FIRING, RESOLVED), and
// at the end of each simulated month the features that drifted, with their daily PSI.
import type { TickReport } from '@vigil/server';
import { DEMO_DRIFT_THRESHOLD } from './monitors.js';

/** DemoMonitors maps monitor names to what they watch. */
export interface DemoMonitors {
  /** Drift monitor name -> feature. */
  readonly drift: ReadonlyMap<string, string>;
  readonly quality: string;
}

interface FeatureMonth {
  days: number;
  breached: number;
  sum: number;
  max: number;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July'];

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** DemoReporter prints the replay as it goes; call day() after each simulated day's tick. */
export class DemoReporter {
  readonly #say: (line?: string) => void;
  readonly #monitors: DemoMonitors;
  readonly #alert = new Map<string, string>();
  #month = -1;
  #monthSentAtStart = 0;
  #sent = 0;
  #features = new Map<string, FeatureMonth>();
  #quality = { days: 0, breached: 0 };

  readonly #monthPsi: (month: number) => ReadonlyMap<string, number>;

  /** monthPsi(month) gives each feature's PSI over all of that month's flights (0 = January). */
  constructor(
    say: (line?: string) => void,
    monitors: DemoMonitors,
    monthPsi: (month: number) => ReadonlyMap<string, number>,
  ) {
    this.#say = say;
    this.#monitors = monitors;
    this.#monthPsi = monthPsi;
  }

  /** day records the evaluations of the tick that followed `dayMs` (the day just ingested). */
  day(dayMs: number, report: TickReport, sentSoFar: number): void {
    const month = new Date(dayMs).getUTCMonth();
    if (month !== this.#month) {
      this.#flushMonth();
      this.#month = month;
      this.#monthSentAtStart = this.#sent;
      this.#say(`${MONTHS[month]} 2001`);
    }
    this.#sent = sentSoFar;
    for (const ev of report.evaluated) {
      const feature = this.#monitors.drift.get(ev.monitor);
      const label =
        feature ?? (ev.monitor === this.#monitors.quality ? 'data quality' : ev.monitor);
      if (feature !== undefined && ev.value !== null) {
        const m = this.#features.get(feature) ?? { days: 0, breached: 0, sum: 0, max: 0 };
        m.days++;
        m.sum += ev.value;
        m.max = Math.max(m.max, ev.value);
        if (ev.status === 'BREACH') m.breached++;
        this.#features.set(feature, m);
      } else if (ev.monitor === this.#monitors.quality && ev.status !== 'NO_DATA') {
        this.#quality.days++;
        if (ev.status === 'BREACH') this.#quality.breached++;
      }
      const before = this.#alert.get(ev.monitor) ?? 'OK';
      this.#alert.set(ev.monitor, ev.alert);
      const after = ev.alert;
      // A PENDING that lapses back to OK is noise; one that goes on shows as PENDING -> FIRING.
      const shown = after === 'FIRING' || after === 'RESOLVED';
      if (after !== before && shown) {
        const value =
          ev.value === null
            ? ''
            : feature !== undefined
              ? ` PSI ${ev.value.toFixed(3)}`
              : ` value ${ev.value.toPrecision(2)}`;
        this.#say(
          `  ${isoDay(dayMs)}  ${label.padEnd(12)} ${before} -> ${after}${value}  (${ev.monitor})`,
        );
      }
    }
  }

  /** finish prints the last month's summary. */
  finish(): void {
    this.#flushMonth();
  }

  #flushMonth(): void {
    if (this.#month < 0) return;
    const drifted: string[] = [];
    const stable: string[] = [];
    for (const [feature, m] of [...this.#features].sort(
      (a, b) => b[1].sum / b[1].days - a[1].sum / a[1].days,
    )) {
      const mean = m.sum / m.days;
      const text = `${feature} mean ${mean.toFixed(3)} max ${m.max.toFixed(3)}`;
      if (m.breached > 0)
        drifted.push(`${text} (${m.breached}/${m.days} days > ${DEMO_DRIFT_THRESHOLD})`);
      else stable.push(`${feature} ${mean.toFixed(3)}`);
    }
    const sent = (this.#sent - this.#monthSentAtStart).toLocaleString('en-US');
    this.#say(`  summary: ${sent} events; daily PSI vs January:`);
    this.#say(`    drifted: ${drifted.length > 0 ? drifted.join('; ') : 'none'}`);
    if (stable.length > 0) this.#say(`    stable:  ${stable.join(', ')}`);
    const whole = [...this.#monthPsi(this.#month)]
      .sort((a, b) => b[1] - a[1])
      .map(([f, v]) => `${f} ${v.toFixed(3)}`);
    this.#say(`    whole month, all flights: PSI ${whole.join(', ')}`);
    this.#say(
      `    data quality: ${this.#quality.breached}/${this.#quality.days} days breached; ` +
        `alerts now: ${this.#alertLine()}`,
    );
    this.#features = new Map();
    this.#quality = { days: 0, breached: 0 };
  }

  #alertLine(): string {
    const active = [...this.#alert]
      .filter(([, s]) => s === 'PENDING' || s === 'FIRING')
      .map(
        ([m, s]) =>
          `${this.#monitors.drift.get(m) ?? (m === this.#monitors.quality ? 'quality' : m)} ${s}`,
      );
    return active.length > 0 ? active.join(', ') : 'none active';
  }
}
