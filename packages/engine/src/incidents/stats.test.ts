import { describe, expect, it } from 'vitest';
import { incidentStats, responseTimes } from './stats.js';

const MIN = 60_000;

describe('responseTimes and incidentStats', () => {
  it('measures from onset and from the first alert', () => {
    expect(
      responseTimes({
        severity: 'P1',
        onsetMs: 0,
        firstAlertMs: 30 * MIN,
        acknowledgedMs: 40 * MIN,
        resolvedMs: 90 * MIN,
      }),
    ).toEqual({ detectMs: 30 * MIN, acknowledgeMs: 10 * MIN, resolveMs: 60 * MIN });
    expect(
      responseTimes({
        severity: 'P1',
        onsetMs: 50,
        firstAlertMs: 10,
        acknowledgedMs: null,
        resolvedMs: null,
      }),
    ).toEqual({ detectMs: 0, acknowledgeMs: null, resolveMs: null });
  });
  it('averages per severity and always lists the four', () => {
    const s = incidentStats([
      {
        severity: 'P1',
        onsetMs: null,
        firstAlertMs: 0,
        acknowledgedMs: 10 * MIN,
        resolvedMs: 60 * MIN,
      },
      {
        severity: 'P1',
        onsetMs: 0,
        firstAlertMs: 5 * MIN,
        acknowledgedMs: 25 * MIN,
        resolvedMs: null,
      },
      { severity: 'P3', onsetMs: null, firstAlertMs: 0, acknowledgedMs: null, resolvedMs: null },
    ]);
    expect(s).toEqual([
      { severity: 'P0', incidents: 0, mttdMs: null, mttaMs: null, mttrMs: null },
      { severity: 'P1', incidents: 2, mttdMs: 5 * MIN, mttaMs: 15 * MIN, mttrMs: 60 * MIN },
      { severity: 'P2', incidents: 0, mttdMs: null, mttaMs: null, mttrMs: null },
      { severity: 'P3', incidents: 1, mttdMs: null, mttaMs: null, mttrMs: null },
    ]);
  });
});
