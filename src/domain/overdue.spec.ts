import { isOverdue, notOverdueSql, overdueSql } from './overdue';

const NOW = Date.parse('2030-01-01T10:00:00Z');

describe(isOverdue.name, () => {
  it.each([
    ['passed a minute ago', NOW - 60_000, true],
    ['passed a millisecond ago', NOW - 1, true],
    ['due right now', NOW, false],
    ['due later', NOW + 60_000, false],
    ['no running deadline', null, false],
  ])('%s → %p', (_case, nextDeadline, expected) => {
    expect(isOverdue(nextDeadline, NOW)).toBe(expected);
  });
});

describe(overdueSql.name, () => {
  it('compares the column with now(), or with the instant given', () => {
    expect(overdueSql('o.next_deadline')).toBe('(o.next_deadline IS NOT NULL AND o.next_deadline < now())');
    expect(overdueSql('o.next_deadline', ':now')).toBe(
      '(o.next_deadline IS NOT NULL AND o.next_deadline < :now)',
    );
  });

  it('has a complement that counts an order without a deadline as not overdue', () => {
    expect(notOverdueSql('d', '$1')).toBe('(NOT (d IS NOT NULL AND d < $1))');
  });
});
