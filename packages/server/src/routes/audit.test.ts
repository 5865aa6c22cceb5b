// The CSV export of the audit log: RFC 4180 quoting and formula defusing, checked cell by cell.
import { describe, expect, it } from 'vitest';
import { auditToCsv, csvCell } from './audit.js';

describe('csvCell', () => {
  it('quotes separators and quotes, and defuses formulas', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-1')).toBe("'-1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('')).toBe('');
  });

  it('renders a header and one CRLF line per entry', () => {
    const csv = auditToCsv([
      {
        id: 'i1',
        time: Date.UTC(2024, 0, 1),
        actor: 'key:k1',
        action: 'alias.move',
        target_kind: 'alias',
        target: 'churn@production',
        details: { from: 1, to: 2, reason: 'a, b' },
      },
    ]);
    expect(csv).toBe(
      'id,time,time_iso,actor,action,target_kind,target,details\r\n' +
        'i1,1704067200000,2024-01-01T00:00:00.000Z,key:k1,alias.move,alias,churn@production,' +
        '"{""from"":1,""to"":2,""reason"":""a, b""}"\r\n',
    );
  });
});
