// The pure rules on hot paths: dispatch scoring (per assignment), business-calendar maths and the SLA
// ladder (per workflow scheduling turn). Each target is what the product needs with headroom, not a
// round number: the intake tops out near 100 orders/s on the reference machine (2 cores, scenario A),
// and each rule runs a bounded number of times per order.
import { performance } from 'node:perf_hooks';
import {
  addBusinessTime,
  BusinessCalendar,
  ladderSchedule,
  PRIORITIES,
  scoreTechnicians,
  startClock,
  TechnicianProfile,
} from '../../src/domain';
import { round } from '../lib/load';
import type { BenchRow } from '../report';

interface Case {
  name: string;
  /** Operations per second the product needs: runs per order × the intake ceiling × headroom. */
  targetOpsPerSec: number;
  why: string;
  run: (i: number) => unknown;
}

const technicians: TechnicianProfile[] = Array.from({ length: 500 }, (_, i) => ({
  id: `tech-${String(i).padStart(4, '0')}`,
  name: `Technician ${i}`,
  active: i % 17 !== 0,
  skills: i % 3 === 0 ? ['hvac', 'electrical'] : ['hvac'],
  region: ['north', 'south', 'east', 'west'][i % 4],
  lat: 31 + (i % 50) / 100,
  lng: 121 + (i % 37) / 100,
  capacity: 5,
  openOrders: i % 6,
}));

const shanghai: BusinessCalendar = {
  name: 'cn-office',
  timeZone: 'Asia/Shanghai',
  workingHours: {
    mon: [
      { start: '09:00', end: '12:00' },
      { start: '13:00', end: '18:00' },
    ],
    tue: [{ start: '09:00', end: '18:00' }],
    wed: [{ start: '09:00', end: '18:00' }],
    thu: [{ start: '09:00', end: '18:00' }],
    fri: [{ start: '09:00', end: '18:00' }],
  },
  holidays: ['2026-12-25', '2027-01-01'],
};

const start = Date.UTC(2026, 10, 20, 9, 0, 0);
const cases: Case[] = [
  {
    name: 'scoreTechnicians over 500 technicians',
    targetOpsPerSec: 200,
    why: 'one scoring per dispatch attempt, at most ~1 per order: 100 orders/s × 2 headroom',
    run: (i) =>
      scoreTechnicians(
        { priority: PRIORITIES[i % 4], requiredSkills: ['hvac'], region: 'north', lat: 31.2, lng: 121.4 },
        technicians,
        [`tech-${String(i % 500).padStart(4, '0')}`],
      ),
  },
  {
    name: 'addBusinessTime 30 business hours (Asia/Shanghai, holidays)',
    targetOpsPerSec: 2_000,
    why: 'a clock start or re-projection, ~10 per order: 100 orders/s × 10 × 2 headroom',
    run: (i) => addBusinessTime(new Date(start + (i % 1000) * 3_600_000), 30 * 3_600_000, shanghai),
  },
  {
    name: 'ladderSchedule of a wall-clock SLA clock',
    targetOpsPerSec: 20_000,
    why: 'every workflow turn, ~100 per order over its life: 100 orders/s × 100 × 2 headroom',
    run: (i) => ladderSchedule(startClock(4 * 3_600_000, start + i), start + i),
  },
];

function measure(benchCase: Case, durationMs: number): { opsPerSec: number; heapDeltaMb: number } {
  for (let i = 0; i < 50; i++) benchCase.run(i); // warm-up
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  let iterations = 0;
  const began = performance.now();
  while (performance.now() - began < durationMs) benchCase.run(iterations++);
  const elapsed = performance.now() - began;
  global.gc?.();
  return {
    opsPerSec: (iterations / elapsed) * 1_000,
    heapDeltaMb: (process.memoryUsage().heapUsed - heapBefore) / 1_048_576,
  };
}

/** Pure rules have no raw baseline: the ratio is headroom over what the product needs. */
export function pureRulesScenario(durationMs: number): BenchRow[] {
  return cases.map((benchCase) => {
    const { opsPerSec, heapDeltaMb } = measure(benchCase, durationMs);
    return {
      scenario: 'pure rules',
      cell: benchCase.name,
      product: { opsPerSec: Math.round(opsPerSec), heapDeltaMb: round(heapDeltaMb) },
      baseline: null,
      ratio: { metric: 'headroom over need', value: opsPerSec / benchCase.targetOpsPerSec },
      target: {
        description: `≥ ${benchCase.targetOpsPerSec.toLocaleString('en')} ops/s`,
        met: opsPerSec >= benchCase.targetOpsPerSec,
      },
      notes: [benchCase.why],
    };
  });
}
