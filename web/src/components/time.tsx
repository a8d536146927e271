import { useEffect, useState } from 'react';

/** The current time, re-rendering every `everyMs` (one shared clock per component). */
export function useNow(everyMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** `1d 02h`, `2h 03m`, `4m 05s`, `12s`: precise where it matters, short where it does not. */
export function formatDuration(ms: number): string {
  const total = Math.floor(Math.abs(ms) / 1000);
  const days = Math.floor(total / 86_400);
  const hours = Math.floor((total % 86_400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const pad = (value: number) => String(value).padStart(2, '0');
  if (days > 0) return `${days}d ${pad(hours)}h`;
  if (hours > 0) return `${hours}h ${pad(minutes)}m`;
  if (minutes > 0) return `${minutes}m ${pad(seconds)}s`;
  return `${seconds}s`;
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/**
 * Time left until `dueAt`, ticking every second; "overdue by …" once it has passed. A paused deadline
 * (waiting for parts) shows as paused: its due time moves when the clock resumes.
 */
export function Countdown({ dueAt, paused = false }: { dueAt: string; paused?: boolean }) {
  const now = useNow();
  const left = new Date(dueAt).getTime() - now;
  const title = `due ${new Date(dueAt).toLocaleString()}`;
  if (paused)
    return (
      <span className="countdown paused" title={title} data-due-at={dueAt}>
        paused
      </span>
    );
  return (
    <span
      className={`countdown ${left < 0 ? 'overdue' : left < 15 * 60_000 ? 'soon' : ''}`}
      title={title}
      data-due-at={dueAt}
      data-remaining-seconds={Math.round(left / 1000)}
    >
      {left < 0 ? `overdue by ${formatDuration(left)}` : `${formatDuration(left)} left`}
    </span>
  );
}
