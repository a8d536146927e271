import { haversineKm } from './geo';
import type { OrderDetails, Priority } from './order';
import { sameRegion } from './region';

export interface TechnicianProfile {
  id: string;
  name: string;
  active: boolean;
  skills: string[];
  region?: string | null;
  lat?: number | null;
  lng?: number | null;
  capacity: number;
  openOrders: number;
}

export interface OrderToDispatch {
  priority: Priority;
  requiredSkills: string[];
  region?: string | null;
  lat?: number | null;
  lng?: number | null;
}

/** What scoring reads of an order: the workflow's dispatch and the dispatch board's preview alike. */
export function dispatchFactsOf(details: OrderDetails): OrderToDispatch {
  return {
    priority: details.priority,
    requiredSkills: details.requiredSkills ?? [],
    region: details.customer.region ?? null,
    lat: details.customer.lat ?? null,
    lng: details.customer.lng ?? null,
  };
}

/**
 * Who the automatic choice passes over: whoever declined or timed out on the order, and on a reassignment
 * (`replacing`: the technician who holds it now) that technician too.
 */
export function excludedFromAutomaticChoice(
  excludedIds: readonly string[],
  replacing: string | null,
): string[] {
  return replacing ? [...excludedIds, replacing] : [...excludedIds];
}

/** Weighted points per factor; they add up to `score` (0–100). `priority` names the weights used. */
export interface ScoreBreakdown {
  region: number;
  distance: number;
  load: number;
  priority: Priority;
}

export interface ScoredCandidate {
  id: string;
  name: string;
  eligible: boolean;
  rejectedBecause?: string;
  score?: number;
  breakdown?: ScoreBreakdown;
  distanceKm?: number;
}

export interface ScoringResult {
  winner: TechnicianProfile | null;
  /** Eligible technicians best first, then the rejected ones by id. */
  candidates: ScoredCandidate[];
  explanation: string;
}

// Urgent work goes to whoever is closest; routine work is spread to whoever has room.
// Each row sums to 100, so the score reads as points out of 100.
export const SCORING_WEIGHTS: Readonly<Record<Priority, { region: number; distance: number; load: number }>> =
  {
    URGENT: { region: 10, distance: 65, load: 25 },
    HIGH: { region: 15, distance: 55, load: 30 },
    NORMAL: { region: 25, distance: 30, load: 45 },
    LOW: { region: 25, distance: 20, load: 55 },
  };

// Distance score falls to one half at this many km, a third at twice that, and so on.
export const DISTANCE_HALF_SCORE_KM = 20;

const normalize = (text: string): string => text.trim().toLowerCase();

function rejectionOf(
  order: OrderToDispatch,
  technician: TechnicianProfile,
  excluded: Set<string>,
): string | null {
  if (excluded.has(technician.id)) return 'excluded: declined or timed out on this order';
  if (!technician.active) return 'inactive';
  const skills = new Set(technician.skills.map(normalize));
  const missing = order.requiredSkills.filter((skill) => !skills.has(normalize(skill)));
  if (missing.length > 0) return `missing skills: ${missing.join(', ')}`;
  if (!(technician.openOrders < technician.capacity)) {
    return `at capacity (${technician.openOrders} of ${technician.capacity} open)`;
  }
  return null;
}

function distanceKmBetween(order: OrderToDispatch, technician: TechnicianProfile): number | undefined {
  if (order.lat == null || order.lng == null || technician.lat == null || technician.lng == null)
    return undefined;
  return haversineKm({ lat: order.lat, lng: order.lng }, { lat: technician.lat, lng: technician.lng });
}

const round2 = (value: number): number => Math.round(value * 100) / 100;

function score(order: OrderToDispatch, technician: TechnicianProfile, distanceKm: number | undefined) {
  const weights = SCORING_WEIGHTS[order.priority];
  // An unknown position earns no distance points: we cannot tell that the technician is near.
  const nearness = distanceKm === undefined ? 0 : 1 / (1 + distanceKm / DISTANCE_HALF_SCORE_KM);
  const spareShare = 1 - technician.openOrders / technician.capacity;
  const breakdown: ScoreBreakdown = {
    region: round2(sameRegion(order.region, technician.region) ? weights.region : 0),
    distance: round2(weights.distance * nearness),
    load: round2(weights.load * spareShare),
    priority: order.priority,
  };
  return { breakdown, score: round2(breakdown.region + breakdown.distance + breakdown.load) };
}

/**
 * Automatic dispatch (SPEC §2 stage 5): hard filters, then a weighted score. Ties go to fewer open
 * orders, then the lower id, so the same inputs always pick the same technician (workflow replay).
 */
export function scoreTechnicians(
  order: OrderToDispatch,
  technicians: TechnicianProfile[],
  excludedIds: string[],
): ScoringResult {
  const excluded = new Set(excludedIds);
  const eligible: { technician: TechnicianProfile; candidate: ScoredCandidate }[] = [];
  const rejected: ScoredCandidate[] = [];
  for (const technician of technicians) {
    const distanceKm = distanceKmBetween(order, technician);
    const base = {
      id: technician.id,
      name: technician.name,
      ...(distanceKm === undefined ? {} : { distanceKm: round2(distanceKm) }),
    };
    const rejection = rejectionOf(order, technician, excluded);
    if (rejection !== null) {
      rejected.push({ ...base, eligible: false, rejectedBecause: rejection });
      continue;
    }
    eligible.push({
      technician,
      candidate: { ...base, eligible: true, ...score(order, technician, distanceKm) },
    });
  }
  eligible.sort(
    (a, b) =>
      (b.candidate.score as number) - (a.candidate.score as number) ||
      a.technician.openOrders - b.technician.openOrders ||
      compareIds(a.technician.id, b.technician.id),
  );
  rejected.sort((a, b) => compareIds(a.id, b.id));

  const winner = eligible[0]?.technician ?? null;
  return {
    winner,
    candidates: [...eligible.map((e) => e.candidate), ...rejected],
    explanation: explain(eligible[0]?.candidate, eligible.length, rejected),
  };
}

// Plain code-unit order, not localeCompare: the locale must not change who wins.
function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function explain(
  best: ScoredCandidate | undefined,
  eligibleCount: number,
  rejected: ScoredCandidate[],
): string {
  const rejections = rejected.map((c) => `${c.name} (${c.id}): ${c.rejectedBecause}`).join('; ');
  if (!best) {
    return rejected.length === 0
      ? 'No eligible technician: there are no technicians to choose from.'
      : `No eligible technician. Rejected: ${rejections}.`;
  }
  const b = best.breakdown as ScoreBreakdown;
  const chosen =
    `Chose ${best.name} (${best.id}) with score ${best.score} ` +
    `(region ${b.region} + distance ${b.distance} + load ${b.load}, ${b.priority} weights) ` +
    `out of ${eligibleCount} eligible.`;
  return rejected.length === 0 ? chosen : `${chosen} Rejected: ${rejections}.`;
}
