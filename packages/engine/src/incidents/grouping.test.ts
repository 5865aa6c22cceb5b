import { describe, expect, it } from 'vitest';
import { type AlertSignal, failureModeOf, groupAlert, type OpenIncidentRef } from './grouping.js';

const alert: AlertSignal = {
  fingerprint: 'fp1',
  monitor: 'drift',
  monitorType: 'data_drift',
  model: 'churn',
  alertSeverity: 'warning',
  startedMs: 100,
};
const inc = (o: Partial<OpenIncidentRef>): OpenIncidentRef => ({
  id: 'i1',
  model: 'churn',
  failureMode: 'data',
  status: 'triggered',
  openedMs: 0,
  ...o,
});

describe('groupAlert', () => {
  it('attaches to the open incident of the same model and failure mode', () => {
    expect(
      groupAlert({ ...alert, monitorType: 'data_quality' }, [inc({ status: 'acknowledged' })]),
    ).toEqual({
      action: 'attach',
      incidentId: 'i1',
    });
  });
  it('picks the earliest of several', () => {
    expect(
      groupAlert(alert, [inc({ id: 'b', openedMs: 5 }), inc({ id: 'a', openedMs: 2 })]),
    ).toEqual({
      action: 'attach',
      incidentId: 'a',
    });
  });
  it.each([
    { name: 'other model', o: { model: 'fraud' } },
    { name: 'other failure mode', o: { failureMode: 'infrastructure' as const } },
    { name: 'resolved incident', o: { status: 'resolved' as const } },
  ])('opens a new incident past a $name', ({ o }) => {
    expect(groupAlert(alert, [inc(o)])).toEqual({
      action: 'open',
      model: 'churn',
      failureMode: 'data',
    });
  });
  it('follows the open rule', () => {
    expect(
      groupAlert({ ...alert, alertSeverity: 'info' }, [], {
        alertSeverities: ['warning', 'critical'],
      }).action,
    ).toBe('ignore');
    expect(groupAlert(alert, [], { monitorTypes: ['performance'] }).action).toBe('ignore');
    // A rule never keeps an alert from an incident already open.
    expect(
      groupAlert({ ...alert, alertSeverity: 'info' }, [inc({})], { alertSeverities: [] }).action,
    ).toBe('attach');
  });
  it('maps monitor types to failure modes', () => {
    expect(
      (
        [
          'data_drift',
          'data_quality',
          'prediction_drift',
          'performance',
          'business',
          'infrastructure',
          'custom',
          'llm_quality',
        ] as const
      ).map(failureModeOf),
    ).toEqual([
      'data',
      'data',
      'data',
      'performance',
      'performance',
      'infrastructure',
      'custom',
      'performance',
    ]);
  });
});
