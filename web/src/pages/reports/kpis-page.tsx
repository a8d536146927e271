import { createRoute } from '@tanstack/react-router';
import { lazy, Suspense, useState } from 'react';
import { $api, type Schemas } from '../../api/client';
import { apiErrorOf, ErrorMessage, Field } from '../../components/forms';
import { requireSignIn, rootRoute } from '../../root';
import { technicianLabel } from './technician-label';
import './reports.css';

export const kpisRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/reports',
  beforeLoad: requireSignIn,
  component: KpisPage,
});

// The chart library is most of the app's weight: it loads with this page, not with the console.
const KpiCharts = lazy(() => import('./kpi-charts').then((module) => ({ default: module.KpiCharts })));

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

/** A signed share: `0.05` → `+5.0%`, `-0.02` → `−2.0%`. */
function signedPercent(rate: number | null): string {
  if (rate === null) return '—';
  const text = `${Math.abs(rate * 100).toFixed(1)}%`;
  return rate > 0 ? `+${text}` : rate < 0 ? `−${text}` : text;
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
      <h2>Priced work</h2>
      <div className="reports-tiles">
        <Tile
          label="Quote acceptance"
          value={percent(kpis.quoteAcceptanceRate)}
          note="quotes approved, of those approved, declined or expired"
        />
        <Tile
          label="Final price vs. approved"
          value={signedPercent(kpis.avgEstimateDeviation)}
          note="mean deviation of the final price from the approved total"
        />
        <Tile
          label="Parts stock-outs"
          value={kpis.partsStockOuts.toLocaleString('en')}
          note="parts requests the stock could not cover"
        />
      </div>
      <Suspense fallback={<p className="empty">Drawing the charts…</p>}>
        <KpiCharts stages={kpis.escalationsPerStage} technicians={kpis.perTechnician} />
      </Suspense>
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
                <th scope="col">Faultless returns</th>
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
                  <td>{technician.faultlessReturns}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
