import { monitorSpecSchema } from '@vigil/contracts';
import { describe, expect, it } from 'vitest';
import {
  type DataQualitySpec,
  evaluateDataQuality,
  newCategoryCount,
  outOfRange,
} from './quality.js';
import {
  baselineOf,
  categories,
  normals,
  repeat,
  sketchOnly,
  windowLike,
} from './testdata/profiles.js';

function spec(extra: Record<string, unknown> = {}): DataQualitySpec {
  return monitorSpecSchema.parse({
    type: 'data_quality',
    model: 'm',
    minSampleSize: 50,
    ...extra,
  }) as DataQualitySpec;
}

const ages = repeat([20, 30, 40, 50, 60], 500);
const baseline = { age: baselineOf(ages), city: categories(repeat(['paris', 'lyon'], 500)) };

describe('outOfRange', () => {
  type Case = { name: string; window: number[]; count: number; exact: boolean };
  const cases: Case[] = [
    { name: 'inside [min, max]: 0, exact', window: [20, 35, 60], count: 0, exact: true },
    { name: 'bounds themselves are in range', window: [20, 60, 60], count: 0, exact: true },
    {
      name: 'below and above, shared edges: exact',
      window: [19, 35, 61, 100],
      count: 3,
      exact: true,
    },
  ];
  it.each(cases)('$name', (c) => {
    expect(outOfRange(baseline.age, windowLike(baseline.age, c.window))).toEqual({
      count: c.count,
      exact: c.exact,
    });
  });

  it('without shared edges, estimates from the sketch within its accuracy', () => {
    const ref = sketchOnly(normals(5000, 1));
    const values = normals(5000, 2, 0.5);
    const truth = values.filter((v) => v < ref.min || v > ref.max).length;
    const o = outOfRange(ref, sketchOnly(values));
    expect(o.exact).toBe(false);
    // α = 1 % relative accuracy around 0 misplaces at most the few values within 1 % of a bound.
    expect(Math.abs(o.count - truth)).toBeLessThanOrEqual(3);
    expect(truth).toBeGreaterThan(10);
  });
});

describe('newCategoryCount', () => {
  it('counts window values in categories the baseline never saw', () => {
    expect(newCategoryCount(categories(['a', 'b']), categories(['a', 'c', 'c', 'd', null]))).toBe(
      3,
    );
  });
});

describe('evaluateDataQuality', () => {
  type Case = {
    name: string;
    spec?: Record<string, unknown>;
    current: Record<string, ReturnType<typeof categories> | ReturnType<typeof baselineOf>>;
    status: string;
    breaches: string[];
  };
  const cleanAge = windowLike(baseline.age, repeat([20, 30, 40, 50, 60], 100));
  const cleanCity = categories(repeat(['paris', 'lyon'], 100));
  const cases: Case[] = [
    {
      name: 'clean window',
      current: { age: cleanAge, city: cleanCity },
      status: 'OK',
      breaches: [],
    },
    {
      name: 'missing share 8 % > 5 %',
      current: {
        age: windowLike(baseline.age, [...repeat([30], 92), ...repeat([null], 8)]),
        city: cleanCity,
      },
      status: 'BREACH',
      breaches: ['age/missing_share'],
    },
    {
      name: 'missing share 5 % is not > 5 %',
      current: {
        age: windowLike(baseline.age, [...repeat([30], 95), ...repeat([null], 5)]),
        city: cleanCity,
      },
      status: 'OK',
      breaches: [],
    },
    {
      name: 'a new category breaches at the default 0',
      current: { age: cleanAge, city: categories([...repeat(['paris'], 99), 'nice']) },
      status: 'BREACH',
      breaches: ['city/new_category_share'],
    },
    {
      name: 'out of range 2 % > 1 %',
      current: { age: windowLike(baseline.age, [...repeat([30], 98), 10, 99]), city: cleanCity },
      status: 'BREACH',
      breaches: ['age/out_of_range_share'],
    },
    {
      name: 'schema: missing feature, unexpected feature',
      current: { age: cleanAge, zip: categories(repeat(['75001'], 100)) },
      status: 'BREACH',
      breaches: ['city/schema_missing', 'zip/schema_unexpected'],
    },
    {
      name: 'schema: retyped feature (numbers now strings)',
      current: { age: categories(repeat(['thirty'], 100)), city: cleanCity },
      status: 'BREACH',
      breaches: ['age/schema_retyped'],
    },
    {
      name: 'schemaChange false ignores schema',
      spec: { schemaChange: false },
      current: { age: cleanAge, zip: categories(repeat(['75001'], 100)) },
      status: 'OK',
      breaches: [],
    },
    {
      name: 'an empty window is NO_DATA, not a schema alert',
      current: {},
      status: 'NO_DATA',
      breaches: [],
    },
    {
      name: 'a tiny window is NO_DATA even with a missing share of 1',
      current: {
        age: windowLike(baseline.age, repeat([null], 10)),
        city: categories(repeat([null], 10)),
      },
      status: 'NO_DATA',
      breaches: [],
    },
  ];
  it.each(cases)('$name', (c) => {
    const e = evaluateDataQuality('dq', spec(c.spec), { baseline, current: c.current });
    expect(e.status).toBe(c.status);
    expect(e.checks.filter((x) => x.breach).map((x) => `${x.subject}/${x.check}`)).toEqual(
      c.breaches,
    );
  });

  it('reports shares as values with their limits', () => {
    const age = windowLike(baseline.age, [...repeat([30], 92), ...repeat([null], 8)]);
    const e = evaluateDataQuality('dq', spec(), { baseline, current: { age, city: cleanCity } });
    expect(e.checks.find((x) => x.check === 'missing_share' && x.subject === 'age')).toMatchObject({
      value: 0.08,
      threshold: 0.05,
      sampleSize: 100,
    });
  });
});
