// Incident notices: the text people receive and the fields channels carry.
import { describe, expect, it } from 'vitest';
import { headline } from '../notify/format.js';
import { webhookPayload } from '../notify/webhook.js';
import { incidentNotice, responseTargetText } from './notice.js';

const HOUR = 3_600_000;
const base = {
  id: 'inc-1',
  title: 'data incident on fraud: psi',
  model: 'fraud',
  severity: 'P1' as const,
  status: 'triggered' as const,
  openedMs: Date.UTC(2024, 0, 5, 10),
};

describe('incidentNotice', () => {
  it('an escalation names the incident, severity, wait, target, level and link', () => {
    const m = incidentNotice({
      ...base,
      event: 'escalation',
      at: base.openedMs + 75 * 60_000,
      level: 1,
    });
    expect(m.context.summary).toBe(
      'P1 incident "data incident on fraud: psi" (model fraud) unacknowledged for 1 h 15 min: response target 1 h missed, escalation level 1. /v1/incidents/inc-1',
    );
    expect(m.alert).toMatchObject({
      kind: 'renotify',
      fingerprint: 'incident:inc-1',
      labels: { model: 'fraud', severity: 'P1', incident: 'inc-1' },
    });
    expect(m.context).toMatchObject({ severity: 'critical', url: '/v1/incidents/inc-1' });
    expect(headline(m)).toBe(`[INCIDENT P1] ${m.context.summary}`);
    expect(webhookPayload(m).incident).toMatchObject({
      event: 'escalation',
      level: 1,
      unacknowledgedMs: 75 * 60_000,
      responseTarget: '1 h',
      responseDueMs: base.openedMs + HOUR,
    });
  });

  it('opened and severity_raised notices', () => {
    const o = incidentNotice({ ...base, severity: 'P3', event: 'opened', at: base.openedMs });
    expect(o.alert.kind).toBe('firing');
    expect(o.context.severity).toBe('info');
    expect(o.context.summary).toContain('opened: acknowledge within next business day');
    const r = incidentNotice({
      ...base,
      severity: 'P0',
      previousSeverity: 'P2',
      event: 'severity_raised',
      at: base.openedMs + 30 * 60_000,
    });
    expect(r.context.summary).toContain('raised from P2 to P0, unacknowledged for 30 min');
    expect(r.context.incident?.level).toBeNull();
  });

  it('response targets read 15 min, 1 h, 4 h, next business day', () => {
    expect(['P0', 'P1', 'P2', 'P3'].map((s) => responseTargetText(s as 'P0'))).toEqual([
      '15 min',
      '1 h',
      '4 h',
      'next business day',
    ]);
  });
});
