import { describe, expect, it } from 'vitest';
import { EventRing } from './buffer.js';

describe('EventRing', () => {
  it('keeps FIFO order across wrap-around', () => {
    const r = new EventRing<number>(3);
    r.push(1);
    r.push(2);
    expect(r.take(1)).toEqual([1]);
    r.push(3);
    r.push(4);
    expect(r.size).toBe(3);
    expect(r.take(10)).toEqual([2, 3, 4]);
    expect(r.size).toBe(0);
    expect(r.take(2)).toEqual([]);
  });

  it('evicts and returns the oldest when full, never growing', () => {
    const r = new EventRing<number>(2);
    expect(r.push(1)).toBeUndefined();
    expect(r.push(2)).toBeUndefined();
    expect(r.push(3)).toBe(1);
    expect(r.push(4)).toBe(2);
    expect(r.size).toBe(2);
    expect(r.take(5)).toEqual([3, 4]);
  });
});
