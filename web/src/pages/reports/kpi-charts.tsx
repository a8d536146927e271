// The KPI report's charts (Recharts), loaded on demand by kpis-page.tsx.
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Schemas } from '../../api/client';
import { stageLabel } from '../../components/vocabulary';
import { technicianLabel } from './technician-label';

export function KpiCharts({
  stages,
  technicians,
}: {
  stages: Schemas['StageEscalationsDto'][];
  technicians: Schemas['TechnicianKpiDto'][];
}) {
  return (
    <div className="columns">
      <EscalationsChart stages={stages} />
      <TechnicianRatesChart technicians={technicians} />
    </div>
  );
}

const COLORS = { warning: '#e0a030', level1: '#d9822b', level2: '#c0392b', level3: '#7b1f1a', ok: '#1e7a46' };

function EscalationsChart({ stages }: { stages: Schemas['StageEscalationsDto'][] }) {
  const data = stages.map((stage) => ({ ...stage, label: stageLabel(stage.stage) }));
  return (
    <figure className="card reports-chart">
      <figcaption>
        <h2>Escalations per stage</h2>
      </figcaption>
      {data.length === 0 ? (
        <p className="empty">No escalations in this period.</p>
      ) : (
        <ResponsiveContainer width="100%" height={300}>
          <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 0 }} maxBarSize={56}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" interval={0} angle={-25} textAnchor="end" height={70} fontSize={12} />
            <YAxis allowDecimals={false} fontSize={12} />
            <Tooltip />
            <Legend itemSorter={null} />
            <Bar
              isAnimationActive={false}
              dataKey="warnings"
              name="Warnings (80%)"
              stackId="level"
              fill={COLORS.warning}
            />
            <Bar
              isAnimationActive={false}
              dataKey="level1"
              name="Level 1"
              stackId="level"
              fill={COLORS.level1}
            />
            <Bar
              isAnimationActive={false}
              dataKey="level2"
              name="Level 2"
              stackId="level"
              fill={COLORS.level2}
            />
            <Bar
              isAnimationActive={false}
              dataKey="level3"
              name="Level 3"
              stackId="level"
              fill={COLORS.level3}
            />
          </BarChart>
        </ResponsiveContainer>
      )}
    </figure>
  );
}

function TechnicianRatesChart({ technicians }: { technicians: Schemas['TechnicianKpiDto'][] }) {
  // Rates as percentages; a technician without completed orders has no rate and shows no bar.
  const data = technicians.map((technician) => ({
    name: technicianLabel(technician),
    onTime: technician.onTimeRate === null ? null : Math.round(technician.onTimeRate * 1000) / 10,
    rework: technician.reworkRate === null ? null : Math.round(technician.reworkRate * 1000) / 10,
  }));
  return (
    <figure className="card reports-chart">
      <figcaption>
        <h2>On-time and rework rate per technician</h2>
      </figcaption>
      {data.every((row) => row.onTime === null && row.rework === null) ? (
        <p className="empty">No technician completed an order of this period yet.</p>
      ) : (
        <ResponsiveContainer width="100%" height={300}>
          <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 0 }} maxBarSize={56}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="name" fontSize={12} />
            <YAxis domain={[0, 100]} unit="%" fontSize={12} />
            <Tooltip formatter={(value) => `${String(value)}%`} />
            <Legend itemSorter={null} />
            <Bar isAnimationActive={false} dataKey="onTime" name="On time" fill={COLORS.ok} />
            <Bar isAnimationActive={false} dataKey="rework" name="Rework" fill={COLORS.level2} />
          </BarChart>
        </ResponsiveContainer>
      )}
    </figure>
  );
}
