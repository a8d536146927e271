import { createRoute } from '@tanstack/react-router';
import { useState } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { $api, type Schemas } from '../../api/client';
import { apiErrorOf, ErrorMessage, Field } from '../../components/forms';
import { requireSignIn, rootRoute } from '../../root';
import { stageLabel } from '../inbox/vocabulary';
import './reports.css';

export const kpisRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/reports',
  beforeLoad: requireSignIn,
  component: KpisPage,
});

const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` of a moment in the browser's time zone, as `<input type="date">` wants it. */
function localDate(ms: number): string {
  const date = new Date(ms);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Midnight starting a local `YYYY-MM-DD`, plus `days`, as the ISO instant the API takes. */
function startOfLocalDay(date: string, days = 0): string {
  const [year, month, day] = date.split('-').map(Number);
  return new Date(year, month - 1, day + days).toISOString();
}

function KpisPage() {
  const [range, setRange] = useState(() => ({
    from: localDate(Date.now() - 30 * DAY_MS),
    to: localDate(Date.now()),
  }));
  // `to` is "created before": the day after the chosen last day, so that day counts in full.
  const query = {
    from: range.from ? startOfLocalDay(range.from) : undefined,
    to: range.to ? startOfLocalDay(range.to, 1) : undefined,
  };
  const kpis = $api.useQuery('get', '/api/reports/kpis', { params: { query } }, { refetchInterval: 30_000 });

  return (
    <section className="reports">
      <h1>KPI report</h1>
      <div className="toolbar" role="group" aria-label="Period">
        <Field label="From" name="from" error={apiErrorOf(kpis.error)}>
          <input
            type="date"
            value={range.from}
            max={range.to || undefined}
            onChange={(event) => setRange({ ...range, from: event.target.value })}
          />
        </Field>
        <Field label="To" name="to" error={apiErrorOf(kpis.error)}>
          <input
            type="date"
            value={range.to}
            min={range.from || undefined}
            onChange={(event) => setRange({ ...range, to: event.target.value })}
          />
        </Field>
        <p className="muted small">Orders created in the period, both days included.</p>
      </div>
      <ErrorMessage error={kpis.error} shownFields={['from', 'to']} />
      {kpis.isPending && <p className="empty">Loading…</p>}
      {kpis.data && <KpiReport kpis={kpis.data} />}
    </section>
  );
}

function percent(rate: number | null): string {
  return rate === null ? '—' : `${(rate * 100).toFixed(1)}%`;
}

function hours(value: number | null): string {
  if (value === null) return '—';
  if (value < 1) return `${Math.round(value * 60)} min`;
  return value >= 48 ? `${(value / 24).toFixed(1)} d` : `${value.toFixed(1)} h`;
}

function rating(value: number | null): string {
  return value === null ? '—' : `${value.toFixed(2)} / 5`;
}

function KpiReport({ kpis }: { kpis: Schemas['KpisDto'] }) {
  return (
    <>
      <h2>Figures</h2>
      <div className="reports-tiles">
        <Tile label="Orders" value={kpis.orders.toLocaleString('en')} note={`${kpis.completed} completed`} />
        <Tile
          label="Average handling time"
          value={hours(kpis.avgHandlingHours)}
          note="intake to completion"
        />
        <Tile
          label="On-time rate"
          value={percent(kpis.onTimeRate)}
          note="completed without a completion escalation"
        />
        <Tile
          label="Rework rate"
          value={percent(kpis.reworkRate)}
          note="completed orders that needed rework"
        />
        <Tile
          label="Satisfaction"
          value={percent(kpis.satisfactionRate)}
          note={`ratings of 4 or 5; average ${rating(kpis.avgRating)} over ${kpis.ratings} ratings`}
        />
      </div>
      <div className="columns">
        <EscalationsChart stages={kpis.escalationsPerStage} />
        <TechnicianRatesChart technicians={kpis.perTechnician} />
      </div>
      <TechnicianTable technicians={kpis.perTechnician} />
    </>
  );
}

function Tile({ label, value, note }: { label: string; value: string; note: string }) {
  return (
    <div className="card reports-tile" role="group" aria-label={label}>
      <div className="reports-tile-label">{label}</div>
      <div className="reports-tile-value">{value}</div>
      <div className="muted small">{note}</div>
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
            <Bar dataKey="warnings" name="Warnings (80%)" stackId="level" fill={COLORS.warning} />
            <Bar dataKey="level1" name="Level 1" stackId="level" fill={COLORS.level1} />
            <Bar dataKey="level2" name="Level 2" stackId="level" fill={COLORS.level2} />
            <Bar dataKey="level3" name="Level 3" stackId="level" fill={COLORS.level3} />
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
            <Bar dataKey="onTime" name="On time" fill={COLORS.ok} />
            <Bar dataKey="rework" name="Rework" fill={COLORS.level2} />
          </BarChart>
        </ResponsiveContainer>
      )}
    </figure>
  );
}

function technicianLabel(technician: Schemas['TechnicianKpiDto']): string {
  return technician.username ?? `${technician.technicianId.slice(0, 8)}…`;
}

function TechnicianTable({ technicians }: { technicians: Schemas['TechnicianKpiDto'][] }) {
  return (
    <>
      <h2>Per technician</h2>
      {technicians.length === 0 ? (
        <p className="empty">No technician worked on orders of this period.</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Technician</th>
                <th scope="col">Assigned</th>
                <th scope="col">Completed</th>
                <th scope="col">Avg handling time</th>
                <th scope="col">On-time rate</th>
                <th scope="col">Rework rate</th>
                <th scope="col">Avg rating</th>
                <th scope="col">Escalations</th>
              </tr>
            </thead>
            <tbody>
              {technicians.map((technician) => (
                <tr key={technician.technicianId}>
                  <th scope="row">{technicianLabel(technician)}</th>
                  <td>{technician.assigned}</td>
                  <td>{technician.completed}</td>
                  <td>{hours(technician.avgHandlingHours)}</td>
                  <td>{percent(technician.onTimeRate)}</td>
                  <td>{percent(technician.reworkRate)}</td>
                  <td>{rating(technician.avgRating)}</td>
                  <td>{technician.escalations}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
