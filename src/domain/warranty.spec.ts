import { judgeWarrantyClaim, type WarrantyClaimContext } from './warranty';

const DAY = 86_400_000;
const closedAt = Date.UTC(2025, 0, 1);
const order: WarrantyClaimContext = {
  closedAt,
  orderWarranty: '90d',
  parts: [
    { code: 'COMPRESSOR', warranty: '365d' },
    { code: 'FUSE', warranty: '30d' },
    { code: 'SCREW', warranty: null },
    { code: 'GASKET' },
  ],
};

describe(judgeWarrantyClaim.name, () => {
  it.each([
    ['order warranty, inside', undefined, 89, true, 90],
    ['order warranty, at expiry', undefined, 90, false, 90],
    ['longer part warranty outlives the order', 'COMPRESSOR', 200, true, 365],
    ['longer part warranty, expired', 'COMPRESSOR', 366, false, 365],
    ['shorter part warranty expires first', 'FUSE', 45, false, 30],
    ['part without its own warranty uses the order', 'SCREW', 60, true, 90],
    ['part with no warranty field uses the order', 'GASKET', 91, false, 90],
    ['unknown part uses the order', 'NOT-USED', 60, true, 90],
  ])('%s', (_label, partCode, daysAfterClosing, allowed, coveredDays) => {
    const judgement = judgeWarrantyClaim(order, { now: closedAt + daysAfterClosing * DAY, partCode });
    expect(judgement.allowed).toBe(allowed);
    expect(judgement.expiresAt).toBe(closedAt + coveredDays * DAY);
  });

  it('explains the basis of the judgement', () => {
    expect(judgeWarrantyClaim(order, { now: closedAt + 45 * DAY, partCode: 'FUSE' }).reason).toBe(
      "part FUSE's own warranty of 30d expired 15d ago",
    );
    expect(judgeWarrantyClaim(order, { now: closedAt + 10 * DAY, partCode: 'NOT-USED' }).reason).toBe(
      "within the order's warranty of 90d (part NOT-USED was not used on this order); 80d left",
    );
  });
});
