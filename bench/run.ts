// Benchmarks of the pure rules that run on hot paths: dispatch scoring (per assignment), business-calendar
// maths and the SLA ladder (per workflow scheduling turn). `npm run bench` prints ops/s and heap growth;
// targets are stated beside each case and checked here, never in the test suite.
import { performance } from 'node:perf_hooks';
import {
  addBusinessTime,
  BusinessCalendar,
  ladderSchedule,
  PRIORITIES,
  scoreTechnicians,
  startClock,
  TechnicianProfile,
} from '../src/domain';

interface Case {
  name: string;
  /** Minimum acceptable operations per second on the reference machine (2 cores). */
  targetOpsPerSec: number;
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
    targetOpsPerSec: 500,
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
    run: (i) => addBusinessTime(new Date(start + (i % 1000) * 3_600_000), 30 * 3_600_000, shanghai),
  },
  {
    name: 'ladderSchedule of a wall-clock SLA clock',
    targetOpsPerSec: 200_000,
    run: (i) => ladderSchedule(startClock(4 * 3_600_000, start + i), start + i),
  },
];

function measure(benchCase: Case): { opsPerSec: number; heapDeltaMb: number } {
  for (let i = 0; i < 50; i++) benchCase.run(i); // warm-up
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  let iterations = 0;
  const began = performance.now();
  while (performance.now() - began < 1_000) benchCase.run(iterations++);
  const elapsed = performance.now() - began;
  global.gc?.();
  return {
    opsPerSec: (iterations / elapsed) * 1_000,
    heapDeltaMb: (process.memoryUsage().heapUsed - heapBefore) / 1_048_576,
  };
}

let failed = 0;
for (const benchCase of cases) {
  const { opsPerSec, heapDeltaMb } = measure(benchCase);
  const ok = opsPerSec >= benchCase.targetOpsPerSec;
  if (!ok) failed++;
  process.stdout.write(
    `${ok ? 'ok  ' : 'SLOW'} ${benchCase.name}: ${Math.round(opsPerSec).toLocaleString('en')} ops/s ` +
      `(target ≥ ${benchCase.targetOpsPerSec.toLocaleString('en')}), heap ${heapDeltaMb >= 0 ? '+' : ''}${heapDeltaMb.toFixed(1)} MB\n`,
  );
}
process.exitCode = failed > 0 ? 1 : 0;
