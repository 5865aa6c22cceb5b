import { describe, expect, it } from 'vitest';
import { escalationsDue, nextBusinessDayEnd, responseDueAt } from './targets.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
// 2024-01-05 is a Friday.
const FRI = Date.UTC(2024, 0, 5, 10);

describe('responseDueAt', () => {
  it.each([
    { severity: 'P0', due: FRI + 15 * MIN },
    { severity: 'P1', due: FRI + HOUR },
    { severity: 'P2', due: FRI + 4 * HOUR },
    // Next business day after Friday is Monday 2024-01-08; its end is 2024-01-09T00:00Z.
    { severity: 'P3', due: Date.UTC(2024, 0, 9) },
  ] as const)('$severity', ({ severity, due }) => {
    expect(responseDueAt(severity, FRI)).toBe(due);
  });

  it('next business day of a Tuesday is Wednesday', () => {
    expect(nextBusinessDayEnd(Date.UTC(2024, 0, 2, 23, 59))).toBe(Date.UTC(2024, 0, 4));
  });
  it('next business day of a Sunday is Monday', () => {
    expect(nextBusinessDayEnd(Date.UTC(2024, 0, 7, 12))).toBe(Date.UTC(2024, 0, 9));
  });
});

describe('escalationsDue', () => {
  const p1 = { severity: 'P1', status: 'triggered', openedMs: FRI } as const;
  it('is empty before the target', () => {
    expect(escalationsDue(p1, 0, FRI + HOUR - 1)).toEqual([]);
  });
  it('announces each missed level once', () => {
    const due = escalationsDue(p1, 0, FRI + 2 * HOUR + 10 * MIN);
    expect(due.map((d) => [d.level, d.dueMs])).toEqual([
      [1, FRI + HOUR],
      [2, FRI + 2 * HOUR],
    ]);
    expect(due[0].message).toMatch(/P1 unacknowledged after 130 min/);
    expect(escalationsDue(p1, 2, FRI + 2 * HOUR + 10 * MIN)).toEqual([]);
  });
  it('stops at the maximum level', () => {
    expect(escalationsDue(p1, 0, FRI + 100 * HOUR)).toHaveLength(3);
  });
  it('does not escalate acknowledged or resolved incidents', () => {
    expect(escalationsDue({ ...p1, status: 'acknowledged' }, 0, FRI + 9 * HOUR)).toEqual([]);
    expect(escalationsDue({ ...p1, status: 'resolved' }, 0, FRI + 9 * HOUR)).toEqual([]);
  });
  it('P3 escalates a business day at a time', () => {
    const due = escalationsDue({ ...p1, severity: 'P3' }, 0, Date.UTC(2024, 0, 10, 1));
    expect(due.map((d) => d.dueMs)).toEqual([Date.UTC(2024, 0, 9), Date.UTC(2024, 0, 10)]);
  });
});
