import { describe, expect, it } from 'vitest';
import { INITIAL_ALERT_STATE, pauseAlert, resumeAlert, step } from './state-machine.js';
import type {
  AlertConfig,
  AlertInput,
  AlertState,
  AlertStatus,
  NotificationKind,
  Silence,
} from './types.js';

const t0 = Date.parse('2026-05-27T12:00:00Z');
const MIN = 60_000;
const HOUR = 60 * MIN;

const config: AlertConfig = {
  monitorId: 'fraud-psi',
  labels: { model: 'fraud', severity: 'warning' },
  forMs: 5 * MIN,
  keepFiringForMs: 0,
  renotifyEveryMs: HOUR,
  resolveWhen: { below: 0.1 },
};

/** Fixture states as the machine would have left them at t0. */
function fixture(status: AlertStatus): AlertState {
  const base: AlertState = { ...INITIAL_ALERT_STATE, lastEvaluatedAt: t0, since: t0 };
  switch (status) {
    case 'UNKNOWN':
      return INITIAL_ALERT_STATE;
    case 'OK':
    case 'NO_DATA':
      return { ...base, status };
    case 'PENDING':
      return { ...base, status, activeAt: t0 };
    case 'FIRING':
      return {
        ...base,
        status,
        activeAt: t0 - 20 * MIN,
        firingAt: t0 - 10 * MIN,
        lastNotifiedAt: t0 - 10 * MIN,
      };
    case 'RESOLVED':
      return { ...base, status, firingAt: t0 - 30 * MIN, resolvedAt: t0 };
    case 'PAUSED':
      return { ...base, status, pausedFrom: 'OK' };
  }
}

const INPUTS: Record<string, AlertInput> = {
  breach: { status: 'BREACH', value: 0.35 },
  clean: { status: 'OK', value: 0.05 },
  band: { status: 'OK', value: 0.15 },
  noData: { status: 'NO_DATA', value: null },
  error: { status: 'ERROR', value: null },
};

type Row = [AlertStatus, keyof typeof INPUTS, AlertStatus, NotificationKind[]];

// Every state × every input, one evaluation at t0 + 1 min (hold of 5 min not yet elapsed,
// renotify of 1 h not yet due, keepFiringFor 0, resolve when value < 0.1).
const matrix: Row[] = [
  ['UNKNOWN', 'breach', 'PENDING', []],
  ['UNKNOWN', 'clean', 'OK', []],
  ['UNKNOWN', 'band', 'OK', []],
  ['UNKNOWN', 'noData', 'NO_DATA', []],
  ['UNKNOWN', 'error', 'UNKNOWN', []],
  ['OK', 'breach', 'PENDING', []],
  ['OK', 'clean', 'OK', []],
  ['OK', 'band', 'OK', []],
  ['OK', 'noData', 'NO_DATA', []],
  ['OK', 'error', 'OK', []],
  ['PENDING', 'breach', 'PENDING', []],
  ['PENDING', 'clean', 'OK', []],
  ['PENDING', 'band', 'OK', []],
  ['PENDING', 'noData', 'NO_DATA', []],
  ['PENDING', 'error', 'PENDING', []],
  ['FIRING', 'breach', 'FIRING', []],
  ['FIRING', 'clean', 'RESOLVED', ['resolved']],
  ['FIRING', 'band', 'FIRING', []],
  ['FIRING', 'noData', 'FIRING', []],
  ['FIRING', 'error', 'FIRING', []],
  ['RESOLVED', 'breach', 'PENDING', []],
  ['RESOLVED', 'clean', 'OK', []],
  ['RESOLVED', 'band', 'OK', []],
  ['RESOLVED', 'noData', 'NO_DATA', []],
  ['RESOLVED', 'error', 'RESOLVED', []],
  ['NO_DATA', 'breach', 'PENDING', []],
  ['NO_DATA', 'clean', 'OK', []],
  ['NO_DATA', 'band', 'OK', []],
  ['NO_DATA', 'noData', 'NO_DATA', []],
  ['NO_DATA', 'error', 'NO_DATA', []],
  ['PAUSED', 'breach', 'PAUSED', []],
  ['PAUSED', 'clean', 'PAUSED', []],
  ['PAUSED', 'band', 'PAUSED', []],
  ['PAUSED', 'noData', 'PAUSED', []],
  ['PAUSED', 'error', 'PAUSED', []],
];

describe('step: every state × every input', () => {
  it('covers the whole matrix', () => {
    const seen = new Set(matrix.map(([s, i]) => `${s}/${i}`));
    expect(seen.size).toBe(7 * Object.keys(INPUTS).length);
  });

  it.each(matrix)('%s + %s → %s %j', (from, input, to, kinds) => {
    const r = step(fixture(from), INPUTS[input], t0 + MIN, config);
    expect(r.state.status).toBe(to);
    expect(r.notifications.map((n) => n.kind)).toEqual(kinds);
    if (from !== 'PAUSED') {
      expect(r.state.lastEvaluatedAt).toBe(t0 + MIN);
      expect(r.state.lastEvaluation).toBe(INPUTS[input].status);
    } else {
      expect(r.state).toEqual(fixture('PAUSED'));
    }
  });
});

type Seq = {
  name: string;
  config?: Partial<AlertConfig>;
  start?: AlertState;
  /** [minutes after t0, input name] */
  evals: Array<[number, keyof typeof INPUTS]>;
  /** status after each evaluation */
  statuses: AlertStatus[];
  /** notification kinds with their minute, over the whole sequence */
  sent: Array<[number, NotificationKind]>;
};

const silence: Silence = {
  id: 'sil-1',
  matchers: [{ name: 'model', value: 'fr.*', isRegex: true }],
  startsAt: t0,
  endsAt: t0 + 30 * MIN,
  createdBy: 'ana@example.com',
  comment: 'planned retraining',
};

const sequences: Seq[] = [
  {
    name: 'hold: fires once the breach lasted `for`, then renotifies each hour',
    evals: [
      [0, 'breach'],
      [4, 'breach'],
      [5, 'breach'],
      [30, 'breach'],
      [65, 'breach'],
      [125, 'breach'],
    ],
    statuses: ['PENDING', 'PENDING', 'FIRING', 'FIRING', 'FIRING', 'FIRING'],
    sent: [
      [5, 'firing'],
      [65, 'renotify'],
      [125, 'renotify'],
    ],
  },
  {
    name: 'for 0 fires on the first breach',
    config: { forMs: 0 },
    evals: [[0, 'breach']],
    statuses: ['FIRING'],
    sent: [[0, 'firing']],
  },
  {
    name: 'a clean evaluation during the hold restarts it',
    evals: [
      [0, 'breach'],
      [4, 'clean'],
      [5, 'breach'],
      [9, 'breach'],
      [10, 'breach'],
    ],
    statuses: ['PENDING', 'OK', 'PENDING', 'PENDING', 'FIRING'],
    sent: [[10, 'firing']],
  },
  {
    name: 'NO_DATA during the hold restarts it (too little data never raises an alert)',
    evals: [
      [0, 'breach'],
      [4, 'noData'],
      [6, 'breach'],
    ],
    statuses: ['PENDING', 'NO_DATA', 'PENDING'],
    sent: [],
  },
  {
    name: 'hysteresis: values between resolveWhen and the threshold keep it firing',
    config: { forMs: 0 },
    evals: [
      [0, 'breach'],
      [1, 'band'],
      [2, 'band'],
      [3, 'clean'],
    ],
    statuses: ['FIRING', 'FIRING', 'FIRING', 'RESOLVED'],
    sent: [
      [0, 'firing'],
      [3, 'resolved'],
    ],
  },
  {
    name: 'without resolveWhen any non-breach resolves',
    config: { forMs: 0, resolveWhen: undefined },
    evals: [
      [0, 'breach'],
      [1, 'band'],
      [2, 'clean'],
    ],
    statuses: ['FIRING', 'RESOLVED', 'OK'],
    sent: [
      [0, 'firing'],
      [1, 'resolved'],
    ],
  },
  {
    name: 'keepFiringFor: resolves only after clean for 10 min; a breach restarts the count',
    config: { forMs: 0, keepFiringForMs: 10 * MIN },
    evals: [
      [0, 'breach'],
      [1, 'clean'],
      [8, 'clean'],
      [9, 'breach'],
      [10, 'clean'],
      [19, 'clean'],
      [20, 'clean'],
      [21, 'clean'],
    ],
    statuses: ['FIRING', 'FIRING', 'FIRING', 'FIRING', 'FIRING', 'FIRING', 'RESOLVED', 'OK'],
    sent: [
      [0, 'firing'],
      [20, 'resolved'],
    ],
  },
  {
    name: 'NO_DATA while firing keeps firing and does not count towards keepFiringFor',
    config: { forMs: 0, keepFiringForMs: 10 * MIN },
    evals: [
      [0, 'breach'],
      [5, 'noData'],
      [20, 'noData'],
      [21, 'clean'],
      [31, 'clean'],
    ],
    statuses: ['FIRING', 'FIRING', 'FIRING', 'FIRING', 'RESOLVED'],
    sent: [
      [0, 'firing'],
      [31, 'resolved'],
    ],
  },
  {
    name: 'NO_DATA between clean evaluations restarts the keepFiringFor run',
    config: { forMs: 0, keepFiringForMs: 10 * MIN },
    evals: [
      [0, 'breach'],
      [1, 'clean'],
      [5, 'noData'],
      [12, 'clean'],
      [21, 'clean'],
      [22, 'clean'],
    ],
    statuses: ['FIRING', 'FIRING', 'FIRING', 'FIRING', 'FIRING', 'RESOLVED'],
    sent: [
      [0, 'firing'],
      [22, 'resolved'],
    ],
  },
  {
    name: 'renotifyEvery 0 never repeats',
    config: { forMs: 0, renotifyEveryMs: 0 },
    evals: [
      [0, 'breach'],
      [600, 'breach'],
    ],
    statuses: ['FIRING', 'FIRING'],
    sent: [[0, 'firing']],
  },
  {
    name: 'a silence mutes firing; the notification goes out once the silence expires',
    config: { forMs: 0, silences: [silence] },
    evals: [
      [0, 'breach'],
      [10, 'breach'],
      [30, 'breach'],
      [40, 'breach'],
    ],
    statuses: ['FIRING', 'FIRING', 'FIRING', 'FIRING'],
    sent: [[30, 'firing']],
  },
  {
    name: 'an episode silenced from start to end resolves quietly',
    config: { forMs: 0, silences: [silence] },
    evals: [
      [0, 'breach'],
      [10, 'clean'],
    ],
    statuses: ['FIRING', 'RESOLVED'],
    sent: [],
  },
  {
    name: 'a silence added after firing mutes renotify but not resolved',
    config: {
      forMs: 0,
      silences: [{ ...silence, startsAt: t0 + 50 * MIN, endsAt: t0 + 5 * HOUR }],
    },
    evals: [
      [0, 'breach'],
      [70, 'breach'],
      [80, 'clean'],
    ],
    statuses: ['FIRING', 'FIRING', 'RESOLVED'],
    sent: [
      [0, 'firing'],
      [80, 'resolved'],
    ],
  },
  {
    name: 'a silence on other labels does not mute',
    config: {
      forMs: 0,
      silences: [{ ...silence, matchers: [{ name: 'model', value: 'churn', isRegex: false }] }],
    },
    evals: [[0, 'breach']],
    statuses: ['FIRING'],
    sent: [[0, 'firing']],
  },
  {
    name: 'a stale evaluation (older than the last one) is ignored',
    config: { forMs: 0 },
    evals: [
      [10, 'breach'],
      [5, 'clean'],
      [11, 'breach'],
    ],
    statuses: ['FIRING', 'FIRING', 'FIRING'],
    sent: [[10, 'firing']],
  },
  {
    name: 'an ERROR during the hold neither advances nor restarts it',
    evals: [
      [0, 'breach'],
      [3, 'error'],
      [5, 'breach'],
    ],
    statuses: ['PENDING', 'PENDING', 'FIRING'],
    sent: [[5, 'firing']],
  },
  {
    name: 'a new episode after RESOLVED fires again with a new startsAt',
    config: { forMs: 0 },
    evals: [
      [0, 'breach'],
      [1, 'clean'],
      [2, 'breach'],
    ],
    statuses: ['FIRING', 'RESOLVED', 'FIRING'],
    sent: [
      [0, 'firing'],
      [1, 'resolved'],
      [2, 'firing'],
    ],
  },
];

describe('step: sequences with frozen instants', () => {
  it.each(sequences)('$name', (c) => {
    const cfg = { ...config, ...c.config };
    let state = c.start ?? INITIAL_ALERT_STATE;
    const statuses: AlertStatus[] = [];
    const sent: Array<[number, NotificationKind]> = [];
    for (const [minute, input] of c.evals) {
      const r = step(state, INPUTS[input], t0 + minute * MIN, cfg);
      state = r.state;
      statuses.push(state.status);
      for (const n of r.notifications) sent.push([minute, n.kind]);
    }
    expect(statuses).toEqual(c.statuses);
    expect(sent).toEqual(c.sent);
  });
});

describe('step: notification content', () => {
  it('carries the fingerprint, labels, startsAt and endsAt of the episode', () => {
    const cfg = { ...config, forMs: 0 };
    const a = step(INITIAL_ALERT_STATE, INPUTS.breach, t0, cfg);
    const b = step(a.state, INPUTS.clean, t0 + 7 * MIN, cfg);
    const [fire] = a.notifications;
    const [res] = b.notifications;
    expect(fire).toEqual({
      kind: 'firing',
      fingerprint: res.fingerprint,
      monitorId: 'fraud-psi',
      labels: { model: 'fraud', monitor: 'fraud-psi', severity: 'warning' },
      startsAt: t0,
      endsAt: null,
      at: t0,
      value: 0.35,
    });
    expect(res).toMatchObject({
      kind: 'resolved',
      startsAt: t0,
      endsAt: t0 + 7 * MIN,
      value: 0.05,
    });
    expect(b.state.resolvedAt).toBe(t0 + 7 * MIN);
  });

  it('reports the silences that muted a notification', () => {
    const r = step(INITIAL_ALERT_STATE, INPUTS.breach, t0, {
      ...config,
      forMs: 0,
      silences: [silence],
    });
    expect(r.silencedBy).toEqual(['sil-1']);
    expect(r.notifications).toEqual([]);
  });

  it('does not mutate the given state', () => {
    const s = Object.freeze(fixture('PENDING'));
    expect(() => step(s, INPUTS.breach, t0 + 10 * MIN, config)).not.toThrow();
    expect(s.status).toBe('PENDING');
  });
});

describe('pauseAlert / resumeAlert', () => {
  type Case = { name: string; from: AlertStatus; paused: AlertStatus; resumed: AlertStatus };
  const cases: Case[] = [
    {
      name: 'pausing FIRING then resuming returns to FIRING',
      from: 'FIRING',
      paused: 'PAUSED',
      resumed: 'FIRING',
    },
    { name: 'pausing OK then resuming returns to OK', from: 'OK', paused: 'PAUSED', resumed: 'OK' },
    {
      name: 'pausing a paused alert keeps its origin',
      from: 'PAUSED',
      paused: 'PAUSED',
      resumed: 'OK',
    },
    {
      name: 'resume of a non-paused alert is a no-op',
      from: 'PENDING',
      paused: 'PAUSED',
      resumed: 'PENDING',
    },
  ];
  it.each(cases)('$name', (c) => {
    const p = pauseAlert(fixture(c.from), t0 + MIN);
    expect(p.status).toBe(c.paused);
    expect(resumeAlert(p, t0 + 2 * MIN).status).toBe(c.resumed);
  });

  it('a resumed FIRING alert resolves on the next clean evaluation', () => {
    const p = resumeAlert(pauseAlert(fixture('FIRING'), t0 + MIN), t0 + 2 * MIN);
    const r = step(p, INPUTS.clean, t0 + 3 * MIN, config);
    expect(r.state.status).toBe('RESOLVED');
    expect(r.notifications.map((n) => n.kind)).toEqual(['resolved']);
  });
});
