import { formatDuration, parseDuration } from './duration';

export interface WarrantyClaimContext {
  /** Epoch ms the original order closed. */
  closedAt: number;
  /** The order's warranty period from its policy snapshot, e.g. `90d`. */
  orderWarranty: string;
  parts: { code: string; warranty?: string | null }[];
}

export interface WarrantyClaim {
  /** Epoch ms the claim is made. */
  now: number;
  partCode?: string;
}

export interface WarrantyJudgement {
  allowed: boolean;
  reason: string;
  /** Epoch ms from which the period that applies no longer covers a claim. */
  expiresAt: number;
}

/**
 * SPEC §2 stage 13: a claim naming a part that carries its own warranty is judged by that part's
 * period (longer or shorter than the order's); any other claim by the order's. Both run from closing.
 */
export function judgeWarrantyClaim(order: WarrantyClaimContext, claim: WarrantyClaim): WarrantyJudgement {
  const part = claim.partCode === undefined ? undefined : order.parts.find((p) => p.code === claim.partCode);
  const partWarranty = part?.warranty ?? null;
  const period = partWarranty ?? order.orderWarranty;
  const basis =
    partWarranty !== null
      ? `part ${claim.partCode}'s own warranty of ${period}`
      : claim.partCode !== undefined && part === undefined
        ? `the order's warranty of ${period} (part ${claim.partCode} was not used on this order)`
        : `the order's warranty of ${period}`;
  const expiresAt = order.closedAt + parseDuration(period);
  if (claim.now < expiresAt) {
    return {
      allowed: true,
      reason: `within ${basis}; ${formatDuration(expiresAt - claim.now)} left`,
      expiresAt,
    };
  }
  return {
    allowed: false,
    reason: `${basis} expired ${formatDuration(claim.now - expiresAt)} ago`,
    expiresAt,
  };
}
