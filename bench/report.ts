// The benchmark's results: every row is the product beside a raw baseline measured on the same server in
// the same run, with the ratio its target is stated in. Written as JSON (for comparing runs), a markdown
// table (for reading) and an SVG chart drawn by Vega-Lite.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vega from 'vega';
import * as vegaLite from 'vega-lite';

export interface BenchRow {
  /** e.g. "A intake". */
  scenario: string;
  /** The cell within the scenario, e.g. "c = 8" or "1,000 orders". */
  cell: string;
  product: Record<string, number>;
  baseline: Record<string, number> | null;
  /** product / baseline of the metric the target is stated in (or an absolute figure when it has none). */
  ratio: { metric: string; value: number } | null;
  /** met: null when the target does not apply to this cell (e.g. quick mode's small N). */
  target: { description: string; met: boolean | null };
  notes?: string[];
}

export interface BenchRun {
  startedAt: string;
  finishedAt: string;
  mode: 'quick' | 'full' | 'custom';
  machine: { cpus: number; memoryGb: number; node: string; platform: string };
  settings: Record<string, unknown>;
  rows: BenchRow[];
}

export function ratioOf(product: number, baseline: number): number {
  return baseline === 0 ? Number.NaN : product / baseline;
}

function figure(value: number): string {
  if (!Number.isFinite(value)) return '–';
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
  return value.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

function figures(values: Record<string, number> | null): string {
  if (!values) return '–';
  return Object.entries(values)
    .map(([key, value]) => `${key} ${figure(value)}`)
    .join(', ');
}

function verdict(met: boolean | null): string {
  return met === null ? 'n/a' : met ? 'met' : '**missed**';
}

export function markdown(run: BenchRun): string {
  const lines = [
    `# Benchmark ${run.startedAt} (${run.mode})`,
    '',
    `${run.machine.cpus} CPUs, ${run.machine.memoryGb} GB, Node ${run.machine.node}, ${run.machine.platform}; ` +
      `finished ${run.finishedAt}.`,
    '',
    `Settings: ${Object.entries(run.settings)
      .map(([key, value]) => `${key}=${JSON.stringify(value)}`)
      .join(', ')}`,
    '',
    '| scenario | cell | product | raw baseline | ratio | target | verdict |',
    '|---|---|---|---|---|---|---|',
    ...run.rows.map(
      (row) =>
        `| ${row.scenario} | ${row.cell} | ${figures(row.product)} | ${figures(row.baseline)} | ` +
        `${row.ratio ? `${figure(row.ratio.value)} × (${row.ratio.metric})` : '–'} | ${row.target.description} | ` +
        `${verdict(row.target.met)} |`,
    ),
    '',
  ];
  const noted = run.rows.filter((row) => row.notes && row.notes.length > 0);
  if (noted.length > 0) {
    lines.push('## Notes', '');
    for (const row of noted) {
      lines.push(`### ${row.scenario}, ${row.cell}`, '');
      for (const note of row.notes ?? [])
        lines.push(note.includes('\n') ? '```\n' + note + '\n```' : `- ${note}`);
      lines.push('');
    }
  }
  return lines.join('\n');
}

/** One bar per row with a ratio: product ÷ baseline, with the target's bound where it is a ratio. */
export async function chartSvg(run: BenchRun): Promise<string> {
  const values = run.rows
    .filter((row) => row.ratio && Number.isFinite(row.ratio.value))
    .map((row) => ({
      row: `${row.scenario} · ${row.cell} (${row.ratio?.metric})`,
      ratio: row.ratio?.value ?? 0,
      verdict: row.target.met === null ? 'n/a' : row.target.met ? 'met' : 'missed',
    }));
  const spec: vegaLite.TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: `Product ÷ raw baseline, ${run.startedAt}`,
    width: 520,
    height: { step: 22 },
    data: { values },
    layer: [
      {
        mark: 'bar',
        encoding: {
          y: { field: 'row', type: 'nominal', sort: null, title: null },
          x: { field: 'ratio', type: 'quantitative', title: 'ratio (× raw)' },
          color: {
            field: 'verdict',
            type: 'nominal',
            scale: { domain: ['met', 'missed', 'n/a'], range: ['#2e7d32', '#c62828', '#9e9e9e'] },
          },
        },
      },
      { mark: { type: 'rule', strokeDash: [4, 4] }, encoding: { x: { datum: 1 } } },
    ],
  };
  const compiled = vegaLite.compile(spec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  return svg;
}

/** Writes `<dir>/<stamp>.json`, `.md` and `.svg`; returns their paths. */
export async function writeRun(run: BenchRun, dir: string): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const stamp = run.startedAt.replace(/[:.]/g, '-');
  const base = join(dir, stamp);
  writeFileSync(`${base}.json`, `${JSON.stringify(run, null, 2)}\n`);
  writeFileSync(`${base}.md`, markdown(run));
  writeFileSync(`${base}.svg`, await chartSvg(run));
  return [`${base}.json`, `${base}.md`, `${base}.svg`];
}
