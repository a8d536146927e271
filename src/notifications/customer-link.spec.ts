import jwt from 'jsonwebtoken';
import { checkCustomerLink, isCustomerLinkToken, mintCustomerLink } from './customer-link';

const SETTINGS = { publicBaseUrl: 'https://orders.example.com', secret: 's'.repeat(40), ttlSeconds: 3600 };
const NOW = Date.parse('2026-12-01T10:00:00Z');

describe('customer links', () => {
  it('opens the order it was signed for until it expires', () => {
    const link = mintCustomerLink(SETTINGS, 'SO-20261201-000001', NOW);
    expect(link.url).toBe(`https://orders.example.com/c/SO-20261201-000001#t=${link.token}`);
    expect(link.expiresAt).toBe('2026-12-01T11:00:00.000Z');
    expect(checkCustomerLink(SETTINGS.secret, link.token, NOW + 1000)).toEqual({
      kind: 'VALID',
      orderNo: 'SO-20261201-000001',
    });
    expect(checkCustomerLink(SETTINGS.secret, link.token, NOW + 3_600_000)).toEqual({
      kind: 'EXPIRED',
      orderNo: 'SO-20261201-000001',
    });
  });

  it('refuses a link signed with another key, for another audience, or tampered with', () => {
    const link = mintCustomerLink(SETTINGS, 'SO-20261201-000001', NOW);
    expect(checkCustomerLink('x'.repeat(40), link.token, NOW)).toEqual({ kind: 'INVALID' });
    const staff = jwt.sign({ sub: 'SO-20261201-000001' }, SETTINGS.secret);
    expect(checkCustomerLink(SETTINGS.secret, staff, NOW)).toEqual({ kind: 'INVALID' });
    const [head, , signature] = link.token.split('.');
    const forged = Buffer.from(
      JSON.stringify({ sub: 'SO-20261201-000002', aud: 'customer-link', exp: 9e9 }),
    ).toString('base64url');
    expect(checkCustomerLink(SETTINGS.secret, `${head}.${forged}.${signature}`, NOW)).toEqual({
      kind: 'INVALID',
    });
  });

  it('tells a link from a staff login', () => {
    expect(isCustomerLinkToken(mintCustomerLink(SETTINGS, 'SO-20261201-000001', NOW).token)).toBe(true);
    expect(isCustomerLinkToken(jwt.sign({ sub: 'u' }, SETTINGS.secret))).toBe(false);
    expect(isCustomerLinkToken('not-a-jwt')).toBe(false);
  });
});
