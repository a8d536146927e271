import { redactSearchText } from './log-redaction';

describe(redactSearchText.name, () => {
  it.each([
    ['/api/orders?text=13800000000', '/api/orders?text=[Redacted]'],
    ['/api/orders?status=CLOSED&text=Zhang%20San&page=2', '/api/orders?status=CLOSED&text=[Redacted]&page=2'],
    ['/api/orders?status=CLOSED', '/api/orders?status=CLOSED'],
    ['/api/orders/SO-20250101-000001/timeline', '/api/orders/SO-20250101-000001/timeline'],
  ])('%s → %s', (url, expected) => {
    expect(redactSearchText(url)).toBe(expected);
  });
});
