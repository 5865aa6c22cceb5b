// Audit ids: valid UUID version 7 strings that sort in the order they were made, even many
// within one millisecond, so same-time entries read back in write order.
import { describe, expect, it } from 'vitest';
import { auditId } from './sql.js';

describe('auditId', () => {
  it('makes UUIDv7 ids that sort in creation order', () => {
    const ids = Array.from({ length: 10_000 }, () => auditId());
    for (const id of ids) {
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });
});
