import { useQueryClient } from '@tanstack/react-query';
import { createRoute } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { $api, type ApiError, type Schemas } from '../../api/client';
import { apiErrorOf, ErrorMessage, Field, formString } from '../../components/forms';
import { requireSignIn, rootRoute } from '../../root';
import { ListState } from '../../components/pager';
import { ApplyToRunning, SavedNotice } from './apply-to-running';
import { FieldReasons } from './form-parts';
import './admin.css';

export const calendarsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/admin/calendars',
  beforeLoad: requireSignIn,
  component: CalendarsPage,
});

type Calendar = Schemas['BusinessCalendarDto'];
type WorkingHours = Schemas['WorkingHoursDoc'];
type Interval = Schemas['WorkingIntervalDoc'];

const WEEKDAYS = [
  { key: 'mon', label: 'Monday' },
  { key: 'tue', label: 'Tuesday' },
  { key: 'wed', label: 'Wednesday' },
  { key: 'thu', label: 'Thursday' },
  { key: 'fri', label: 'Friday' },
  { key: 'sat', label: 'Saturday' },
  { key: 'sun', label: 'Sunday' },
] as const satisfies readonly { key: keyof WorkingHours; label: string }[];
type Weekday = (typeof WEEKDAYS)[number]['key'];

/** What a new calendar starts from: office hours on weekdays, in the browser's time zone. */
function blankCalendar(): Calendar {
  const office = [{ start: '09:00', end: '18:00' }];
  return {
    name: '',
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    workingHours: { mon: office, tue: office, wed: office, thu: office, fri: office },
    holidays: [],
  };
}

/** "Mon–Fri 09:00–18:00", day by day when they differ. */
function weekSummary(hours: WorkingHours): string {
  const parts = WEEKDAYS.flatMap(({ key, label }) => {
    const intervals = hours[key] ?? [];
    return intervals.length
      ? [`${label.slice(0, 3)} ${intervals.map((i) => `${i.start}–${i.end}`).join(', ')}`]
      : [];
  });
  return parts.length ? parts.join('; ') : 'no working time';
}

function CalendarsPage() {
  const calendars = $api.useQuery('get', '/api/calendars');
  /** The calendar being edited: one from the list, a new one, or none. */
  const [editing, setEditing] = useState<{ calendar: Calendar; isNew: boolean } | null>(null);
  const [saved, setSaved] = useState<Schemas['PutCalendarResponseDto'] | null>(null);
  const list = calendars.data ?? [];

  return (
    <section>
      <div className="row">
        <h1>Business calendars</h1>
        <span className="spacer" />
        <button
          type="button"
          className="primary"
          onClick={() => {
            setEditing({ calendar: blankCalendar(), isNew: true });
            setSaved(null);
          }}
        >
          New calendar
        </button>
      </div>
      <p className="muted small">
        A policy with a calendar counts its targets in working time only: outside the working hours and on
        holidays its clocks stand still.
      </p>
      {saved && (
        <SavedNotice what={`calendar ${saved.calendar.name}`} signalledOrders={saved.signalledOrders} />
      )}
      {editing && (
        <CalendarForm
          key={editing.isNew ? 'new' : editing.calendar.name}
          calendar={editing.calendar}
          isNew={editing.isNew}
          onSaved={(answer) => {
            setSaved(answer);
            setEditing(null);
          }}
          onCancel={() => setEditing(null)}
        />
      )}
      <ListState
        isPending={calendars.isPending}
        error={calendars.error}
        isEmpty={list.length === 0}
        emptyText="No calendars yet: every policy runs round the clock."
      />
      {list.length > 0 && (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Time zone</th>
                <th scope="col">Working hours</th>
                <th scope="col">Holidays</th>
                <th scope="col">
                  <span className="admin-visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((calendar) => (
                <tr key={calendar.name}>
                  <th scope="row">{calendar.name}</th>
                  <td>{calendar.timeZone}</td>
                  <td className="small">{weekSummary(calendar.workingHours)}</td>
                  <td className="small">{calendar.holidays.length ? calendar.holidays.join(', ') : '—'}</td>
                  <td>
                    <button
                      type="button"
                      className="link"
                      aria-label={`Edit calendar ${calendar.name}`}
                      onClick={() => {
                        setEditing({ calendar, isNew: false });
                        setSaved(null);
                      }}
                    >
                      Edit
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** Every weekday with its intervals, none where the calendar leaves a day out. */
function everyDay(hours: WorkingHours): Record<Weekday, Interval[]> {
  const { mon = [], tue = [], wed = [], thu = [], fri = [], sat = [], sun = [] } = hours;
  return { mon, tue, wed, thu, fri, sat, sun };
}

/** Every body path the form shows at an input for these intervals and holidays. */
function shownCalendarFields(hours: Record<Weekday, Interval[]>, holidays: string[]): string[] {
  const intervalFields = WEEKDAYS.flatMap(({ key }) => [
    `workingHours.${key}`,
    ...hours[key].flatMap((_, index) => {
      const at = `workingHours.${key}[${index}]`;
      return [at, `${at}.start`, `${at}.end`];
    }),
  ]);
  const holidayFields = holidays.map((_, index) => `holidays[${index}]`);
  return ['name', 'timeZone', 'workingHours', 'holidays', 'reason', ...intervalFields, ...holidayFields];
}

function timeZones(): string[] {
  return typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
}

function CalendarForm({
  calendar,
  isNew,
  onSaved,
  onCancel,
}: {
  calendar: Calendar;
  isNew: boolean;
  onSaved: (answer: Schemas['PutCalendarResponseDto']) => void;
  onCancel: () => void;
}) {
  const queryClient = useQueryClient();
  // Intervals and holidays are lists the admin grows and shrinks, so they live in state.
  const [hours, setHours] = useState(() => everyDay(calendar.workingHours));
  const [holidays, setHolidays] = useState<string[]>(calendar.holidays);
  // The running orders an existing calendar's edit would re-project, listed beside the switch.
  const running = $api.useQuery(
    'get',
    '/api/calendars/{name}/running-orders',
    { params: { path: { name: calendar.name } } },
    { enabled: !isNew, refetchInterval: 10_000 },
  );
  // Told here, not per call: the refetch that follows may remount this form before a per-call callback runs.
  const save = $api.useMutation('put', '/api/calendars/{name}', {
    onSuccess: (answer) => {
      onSaved(answer);
      void queryClient.invalidateQueries();
    },
  });
  const error = apiErrorOf(save.error);
  // The name is part of the path; a bad one is refused by the server as `name` like any other field.
  const [name, setName] = useState(calendar.name);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    save.mutate({
      params: { path: { name: name.trim() } },
      body: {
        timeZone: formString(form, 'timeZone') ?? '',
        // Days without intervals are left out: the API reads a missing day as no working time.
        workingHours: Object.fromEntries(
          WEEKDAYS.filter(({ key }) => hours[key].length).map(({ key }) => [key, hours[key]]),
        ),
        // Sent as shown (blanks too), so the server's `holidays[i]` names the row the admin sees.
        holidays,
        applyToRunning: form.get('applyToRunning') === 'on',
        reason: formString(form, 'reason'),
      },
    });
  }

  const setDay = (day: Weekday, intervals: Interval[]) => setHours({ ...hours, [day]: intervals });
  return (
    <form
      className="card form admin-form"
      onSubmit={submit}
      aria-label={isNew ? 'New calendar' : `Edit calendar ${calendar.name}`}
      noValidate
    >
      <h2>{isNew ? 'New calendar' : `Edit calendar ${calendar.name}`}</h2>
      <div className="admin-grid">
        {isNew && (
          <Field label="Name" name="name" error={error} hint="Letters, digits, _ . or -">
            <input
              name="name"
              value={name}
              onChange={(event) => setName(event.target.value)}
              maxLength={100}
            />
          </Field>
        )}
        <Field label="Time zone" name="timeZone" error={error} hint="IANA name, e.g. Asia/Shanghai">
          <input
            name="timeZone"
            defaultValue={calendar.timeZone}
            list="calendar-time-zones"
            autoComplete="off"
          />
        </Field>
        <datalist id="calendar-time-zones">
          {timeZones().map((zone) => (
            <option key={zone} value={zone} />
          ))}
        </datalist>
      </div>
      <fieldset className="admin-week">
        <legend>Working hours</legend>
        {WEEKDAYS.map(({ key, label }) => (
          <DayHours
            key={key}
            day={key}
            label={label}
            intervals={hours[key]}
            onChange={setDay}
            error={error}
          />
        ))}
        <FieldReasons error={error} field="workingHours" />
      </fieldset>
      <HolidayList holidays={holidays} onChange={setHolidays} error={error} />
      {/* A new calendar has no orders to re-project. */}
      {!isNew && <ApplyToRunning running={running} error={error} />}
      <ErrorMessage error={save.error} shownFields={shownCalendarFields(hours, holidays)} />
      <div className="row">
        <button type="submit" className="primary" disabled={save.isPending}>
          Save calendar
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** One weekday's intervals: "from"–"to" pairs (HH:MM; `24:00` ends at midnight). */
function DayHours({
  day,
  label,
  intervals,
  onChange,
  error,
}: {
  day: Weekday;
  label: string;
  intervals: Interval[];
  onChange: (day: Weekday, intervals: Interval[]) => void;
  error: ApiError | null;
}) {
  const field = `workingHours.${day}`;
  const edit = (index: number, change: Partial<Interval>) =>
    onChange(
      day,
      intervals.map((interval, at) => (at === index ? { ...interval, ...change } : interval)),
    );
  return (
    <div className="admin-day" role="group" aria-label={label}>
      <span className="admin-day-name">{label}</span>
      <div className="stack">
        {intervals.length === 0 && <span className="muted small">Closed</span>}
        {intervals.map((interval, index) => (
          <div key={index} className="row">
            <TimeInput
              label={`${label} from`}
              value={interval.start}
              onChange={(start) => edit(index, { start })}
              field={`${field}[${index}].start`}
              error={error}
            />
            <span aria-hidden="true">–</span>
            <TimeInput
              label={`${label} to`}
              value={interval.end}
              onChange={(end) => edit(index, { end })}
              field={`${field}[${index}].end`}
              error={error}
            />
            <button
              type="button"
              className="link"
              aria-label={`Remove ${label} ${interval.start}–${interval.end}`}
              onClick={() =>
                onChange(
                  day,
                  intervals.filter((_, at) => at !== index),
                )
              }
            >
              Remove
            </button>
            <div className="admin-interval-reasons">
              {['', '.start', '.end'].map((part) => (
                <FieldReasons key={part} error={error} field={`${field}[${index}]${part}`} />
              ))}
            </div>
          </div>
        ))}
        {/* Overlapping intervals are named by the day. */}
        <FieldReasons error={error} field={field} />
      </div>
      <button
        type="button"
        className="link"
        aria-label={`Add hours on ${label}`}
        onClick={() => onChange(day, [...intervals, { start: '09:00', end: '18:00' }])}
      >
        Add hours
      </button>
    </div>
  );
}

function TimeInput({
  label,
  value,
  onChange,
  field,
  error,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  field: string;
  error: ApiError | null;
}) {
  const invalid = error?.fields.some((entry) => entry.field === field) ?? false;
  return (
    <span className={`field ${invalid ? 'invalid' : ''}`} data-field={field}>
      {/* Text, not type=time: `24:00` (to midnight) is a valid end the time picker cannot take. */}
      <input
        aria-label={label}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        placeholder="HH:MM"
        inputMode="numeric"
        size={5}
        aria-invalid={invalid || undefined}
      />
    </span>
  );
}

function HolidayList({
  holidays,
  onChange,
  error,
}: {
  holidays: string[];
  onChange: (holidays: string[]) => void;
  error: ApiError | null;
}) {
  return (
    <fieldset className="admin-holidays">
      <legend>Holidays</legend>
      {holidays.length === 0 && <span className="muted small">None</span>}
      {holidays.map((holiday, index) => (
        <div key={index} className="row">
          <Field label={`Holiday ${index + 1}`} name={`holidays[${index}]`} error={error}>
            <input
              type="date"
              value={holiday}
              onChange={(event) =>
                onChange(holidays.map((day, at) => (at === index ? event.target.value : day)))
              }
            />
          </Field>
          <button
            type="button"
            className="link"
            aria-label={`Remove holiday ${holiday || index + 1}`}
            onClick={() => onChange(holidays.filter((_, at) => at !== index))}
          >
            Remove
          </button>
        </div>
      ))}
      <FieldReasons error={error} field="holidays" />
      <div>
        <button type="button" onClick={() => onChange([...holidays, ''])}>
          Add holiday
        </button>
      </div>
    </fieldset>
  );
}
