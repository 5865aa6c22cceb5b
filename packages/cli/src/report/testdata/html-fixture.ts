// Hand-built DriftReport fixtures for the HTML report tests (unit and Chromium). They do not come
// from the drift command on purpose: the renderer is tested against the DriftReport contract alone.

import type { ColumnDrift, ColumnQuality, DriftReport, QualityFinding } from '../types.js';

const AGE_EDGES = [18, 24, 30, 36, 42, 48, 54, 60, 66, 72, 78];

/** sampleReport is a realistic six-column report: two numerical, two categorical, one with
 * quantile-like uneven bins, one errored, plus data-quality findings and performance. */
export function sampleReport(): DriftReport {
  const columns: ColumnDrift[] = [
    {
      column: 'income',
      type: 'numerical',
      method: 'wasserstein',
      statistic: 0.042,
      p_value: null,
      score: 0.042,
      threshold: 0.1,
      drifted: false,
      effect_size: null,
      distribution: {
        edges: [0, 12500.5, 25001, 37501.5, 50002, 62502.5, 75003, 87503.5, 100004],
        reference: [4100, 9800, 12400, 10100, 6900, 3800, 1900, 1000],
        current: [1000, 2300, 3100, 2500, 1600, 900, 400, 200],
      },
    },
    {
      column: 'age',
      type: 'numerical',
      method: 'ks',
      statistic: 0.0812,
      p_value: 0.0031,
      score: 0.0031,
      threshold: 0.05,
      drifted: true,
      effect_size: { name: 'cohen_d', value: 0.213 },
      distribution: {
        edges: AGE_EDGES,
        reference: [3900, 6100, 7400, 7800, 7100, 6000, 4900, 3600, 2200, 1000],
        current: [600, 1000, 1300, 1500, 1600, 1600, 1500, 1300, 1000, 600],
      },
    },
    {
      column: 'city',
      type: 'categorical',
      method: 'chisquare',
      statistic: 312.4,
      p_value: 1.2e-64,
      score: 1.2e-64,
      threshold: 0.05,
      drifted: true,
      effect_size: { name: 'cramer_v', value: 0.072 },
      distribution: {
        categories: ['Paris', 'Lyon', 'Marseille', 'Toulouse', '(other)'],
        reference: [21000, 9000, 8000, 5000, 7000],
        current: [3900, 2600, 1500, 1200, 2800],
      },
    },
    {
      column: 'plan',
      type: 'categorical',
      method: 'psi',
      statistic: 0.031,
      p_value: null,
      score: 0.031,
      threshold: 0.1,
      drifted: false,
      effect_size: null,
      distribution: {
        categories: ['free', 'pro', 'team'],
        reference: [30000, 15000, 5000],
        current: [7000, 3700, 1300],
      },
    },
    {
      column: 'session_seconds',
      type: 'numerical',
      method: 'psi',
      statistic: 0.064,
      p_value: null,
      score: 0.064,
      threshold: 0.1,
      drifted: false,
      effect_size: null,
      distribution: {
        edges: [0, 1, 2, 5, 10, 30, 120, 3600],
        reference: [5000, 6000, 9000, 10000, 9000, 7000, 4000],
        current: [1500, 1400, 2100, 2300, 2200, 1600, 900],
      },
    },
    {
      column: 'discount',
      type: 'numerical',
      method: 'ks',
      statistic: null,
      p_value: null,
      score: null,
      threshold: 0.05,
      drifted: false,
      effect_size: null,
      error: {
        code: 'EMPTY_CURRENT',
        message: 'current sample has no observations (all 12000 values missing)',
      },
    },
  ];
  const quality: ColumnQuality[] = [
    numQuality('income', 0.001, 0.002, [0, 100004], [310, 99870], 0),
    numQuality('age', 0, 0.004, [18, 78], [18, 81], 0.021),
    catQuality('city', 0.0, 0.01, 0.42, 0.32, ['Nice', 'Lille']),
    catQuality('plan', 0, 0, 0.6, 0.58, []),
    numQuality('session_seconds', 0.02, 0.03, [0, 3600], [0, 3600], 0),
    {
      ...numQuality('discount', 0.1, 1, [0, 0.5], [0, 0], 0),
      current: { missing_share: 1, top_share: 0 },
    },
  ];
  const findings: QualityFinding[] = [
    {
      column: 'discount',
      check: 'missing_share',
      severity: 'critical',
      message: 'all values missing in current',
      value: 1,
    },
    {
      column: 'legacy_id',
      check: 'missing_column',
      severity: 'critical',
      message: 'column missing from current',
    },
    {
      column: 'city',
      check: 'new_categories',
      severity: 'warning',
      message: '2 categories not seen in reference: Nice, Lille',
      value: 2,
    },
    {
      column: 'age',
      check: 'out_of_range',
      severity: 'warning',
      message: '2.1% of current values outside the reference range [18, 78]',
      value: 0.021,
    },
    {
      column: null,
      check: 'duplicate_rows',
      severity: 'warning',
      message: '3.4% of current rows are duplicates',
      value: 0.034,
    },
    {
      column: 'utm_source',
      check: 'new_column',
      severity: 'info',
      message: 'column only in current',
    },
  ];
  return {
    reference: { rows: 50000, source: 'data/train.parquet' },
    current: { rows: 12000, source: 'data/production-2024-06.csv' },
    columns,
    dataset: { drifted_columns: 2, columns: 6, share: 2 / 6, threshold: 0.3, drifted: true },
    data_quality: {
      columns: quality,
      schema: {
        missing_in_current: ['legacy_id'],
        new_in_current: ['utm_source'],
        changed_type: [{ column: 'zip', reference: 'numerical', current: 'categorical' }],
      },
      duplicate_share: { reference: 0.0012, current: 0.034 },
      findings,
    },
    performance: {
      task: 'classification',
      target: 'churned',
      prediction: 'churn_pred',
      reference: { accuracy: 0.912, f1: 0.81, precision: 0.84, recall: 0.78 },
      current: { accuracy: 0.848, f1: 0.71, precision: 0.77, recall: 0.66 },
      change: { accuracy: -0.064, f1: -0.1, precision: -0.07, recall: -0.12 },
      concept_drift: true,
      rule: 'accuracy fell more than 3% from the reference',
      prediction_drift: {
        column: 'churn_pred',
        type: 'categorical',
        method: 'z',
        statistic: 4.1,
        p_value: 0.00004,
        score: 0.00004,
        threshold: 0.05,
        drifted: true,
        effect_size: null,
        distribution: { categories: ['0', '1'], reference: [40000, 10000], current: [8900, 3100] },
      },
    },
    timing_ms: { read: 412.5, analyse: 1873.2, total: 2301.9 },
  };
}

function numQuality(
  column: string,
  refMissing: number,
  curMissing: number,
  refRange: [number, number],
  curRange: [number, number],
  outOfRange: number,
): ColumnQuality {
  return {
    column,
    type: 'numerical',
    reference: { missing_share: refMissing, min: refRange[0], max: refRange[1], top_share: 0.01 },
    current: { missing_share: curMissing, min: curRange[0], max: curRange[1], top_share: 0.012 },
    out_of_range_share: outOfRange,
  };
}

function catQuality(
  column: string,
  refMissing: number,
  curMissing: number,
  refTop: number,
  curTop: number,
  newCategories: string[],
): ColumnQuality {
  return {
    column,
    type: 'categorical',
    reference: { missing_share: refMissing, distinct: 12, top_share: refTop },
    current: { missing_share: curMissing, distinct: 12 + newCategories.length, top_share: curTop },
    new_categories: newCategories,
  };
}

/** HOSTILE_STRINGS are user strings that try to break out of HTML text, attributes or the JSON block. */
export const HOSTILE_STRINGS = [
  '</script><img src=x onerror=alert(1)>',
  '<!--<script>alert(2)</script>',
  '"><svg onload=alert(3)>',
  "'; alert(4); //",
  'line\u2028sep\u2029para',
  '&amp; &lt;b&gt; stays literal',
  '</SCRIPT ><iframe srcdoc="x">',
];

/** hostileReport is sampleReport with every user-controlled string replaced by a hostile one. */
export function hostileReport(): DriftReport {
  const report = sampleReport();
  const pick = (i: number) => HOSTILE_STRINGS[i % HOSTILE_STRINGS.length];
  report.columns.forEach((c, i) => {
    c.column = pick(i);
    c.method = pick(i + 1);
    if (c.effect_size) c.effect_size.name = pick(i + 2);
    if (c.distribution?.categories)
      c.distribution.categories = c.distribution.categories.map((_, j) => pick(i + j));
  });
  report.columns[5].error = { code: pick(0), message: pick(1) };
  report.data_quality.columns.forEach((q, i) => {
    q.column = pick(i);
    if (q.new_categories) q.new_categories = [pick(i + 3), pick(i + 4)];
  });
  report.data_quality.findings.forEach((f, i) => {
    f.column = f.column === null ? null : pick(i);
    f.check = pick(i + 1);
    f.message = pick(i + 2);
  });
  report.data_quality.schema.missing_in_current = [pick(0)];
  report.data_quality.schema.new_in_current = [pick(2)];
  report.data_quality.schema.changed_type = [
    { column: pick(6), reference: 'numerical', current: 'text' },
  ];
  report.reference.source = pick(0);
  report.current.source = pick(2);
  const perf = report.performance!;
  perf.target = pick(0);
  perf.prediction = pick(1);
  perf.rule = pick(2);
  perf.reference = { [pick(0)]: 0.9 };
  perf.current = { [pick(0)]: 0.8 };
  perf.change = { [pick(0)]: -0.1 };
  perf.prediction_drift!.method = pick(6);
  return report;
}

/**
 * wideReport builds an n-column report with `bins`-bin histograms: 4 of 5 columns numerical with
 * full-precision float edges (the worst case for JSON size), 1 of 5 categorical with 8 labels.
 * A fixed-seed LCG makes it deterministic.
 */
export function wideReport(n = 1000, bins = 20): DriftReport {
  // mulberry32: a small, well-mixed 32-bit generator; integer maths keeps it exact.
  let seed = 12345;
  const rand = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const columns: ColumnDrift[] = [];
  const quality: ColumnQuality[] = [];
  const findings: QualityFinding[] = [];
  let drifted = 0;
  for (let i = 0; i < n; i++) {
    const name = `feature_${String(i).padStart(4, '0')}`;
    const isDrifted = rand() < 0.15;
    if (isDrifted) drifted++;
    const counts = (k: number, total: number) => {
      const raw = Array.from({ length: k }, () => rand() + 0.05);
      const s = raw.reduce((a, b) => a + b, 0);
      return raw.map((v) => Math.round((v / s) * total));
    };
    if (i % 5 === 4) {
      const categories = Array.from({ length: 8 }, (_, j) =>
        j === 7 ? '(other)' : `category_${i}_${j}`,
      );
      columns.push({
        column: name,
        type: 'categorical',
        method: 'chisquare',
        statistic: rand() * 400,
        p_value: isDrifted ? rand() * 0.05 : 0.05 + rand() * 0.95,
        score: null,
        threshold: 0.05,
        drifted: isDrifted,
        effect_size: { name: 'cramer_v', value: rand() * 0.3 },
        distribution: { categories, reference: counts(8, 100000), current: counts(8, 80000) },
      });
      const last = columns[columns.length - 1];
      last.score = last.p_value;
      quality.push(
        catQuality(name, rand() * 0.01, rand() * 0.02, 0.3, 0.31, isDrifted ? [`new_${i}`] : []),
      );
    } else {
      const lo = (rand() - 0.5) * 1000;
      const width = rand() * 100 + 0.001;
      const edges = Array.from({ length: bins + 1 }, (_, j) => lo + j * width);
      const statistic = isDrifted ? 0.1 + rand() * 0.2 : rand() * 0.1;
      columns.push({
        column: name,
        type: 'numerical',
        method: 'wasserstein',
        statistic,
        p_value: null,
        score: statistic,
        threshold: 0.1,
        drifted: isDrifted,
        effect_size: null,
        distribution: { edges, reference: counts(bins, 100000), current: counts(bins, 80000) },
      });
      quality.push(
        numQuality(
          name,
          rand() * 0.01,
          rand() * 0.02,
          [edges[0], edges[bins]],
          [edges[0], edges[bins]],
          rand() * 0.01,
        ),
      );
    }
    if (i % 10 === 3) {
      findings.push({
        column: name,
        check: 'missing_share',
        severity: 'warning',
        message: `missing share grew in ${name}`,
        value: 0.05,
      });
    }
  }
  return {
    reference: { rows: 100000, source: 'bench/reference.csv' },
    current: { rows: 80000, source: 'bench/current.csv' },
    columns,
    dataset: {
      drifted_columns: drifted,
      columns: n,
      share: drifted / n,
      threshold: 0.5,
      drifted: drifted / n >= 0.5,
    },
    data_quality: {
      columns: quality,
      schema: { missing_in_current: [], new_in_current: [], changed_type: [] },
      duplicate_share: { reference: 0, current: 0.001 },
      findings,
    },
    performance: null,
  };
}
