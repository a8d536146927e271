import { useQueryClient } from '@tanstack/react-query';
import { createRoute } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { $api, type ApiError, type Schemas } from '../../api/client';
import { apiErrorOf, ErrorMessage, Field, formNumber, formString } from '../../components/forms';
import { requireSignIn, rootRoute } from '../../root';
import { ListState } from '../../components/pager';
import { enumLabel, oneOf, ORDER_TYPES, PRIORITIES, type OrderType } from '../../components/vocabulary';
import { OPTIONAL_TARGET_DEFAULTS } from '../../../../src/domain/sla-policy';
import { ApplyToRunning, SavedNotice } from './apply-to-running';
import { CheckGroup, FieldReasons } from './form-parts';
import './admin.css';

export const policiesRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/admin/policies',
  beforeLoad: requireSignIn,
  component: PoliciesPage,
});

type Policy = Schemas['SlaPolicyDto'];
type Targets = Schemas['SlaTargetsDoc'];
/** Targets a policy may leave out (priced work, issue 11): blank keeps the default. */
type OptionalTarget = keyof typeof OPTIONAL_TARGET_DEFAULTS & keyof Targets;
type FlatTarget = Exclude<keyof Targets, 'dispatch' | 'completion' | OptionalTarget>;

/** The single-duration targets, in the order an order meets them. */
const FLAT_TARGETS: { key: FlatTarget; label: string }[] = [
  { key: 'infoCompletion', label: 'Info completion' },
  { key: 'review', label: 'Review' },
  { key: 'approval', label: 'Approval' },
  { key: 'technicianAcceptance', label: 'Technician acceptance' },
  { key: 'firstContact', label: 'First contact' },
  { key: 'progressReply', label: 'Progress reply' },
  { key: 'chaseResponse', label: 'Chase response' },
  { key: 'qc', label: 'Quality check (and rework decision)' },
  { key: 'customerAcceptanceWindow', label: 'Customer acceptance window' },
  { key: 'callback', label: 'Callback' },
  { key: 'feedbackClosure', label: 'Feedback closure' },
  { key: 'closureReminderEvery', label: 'Closure reminder every' },
  { key: 'settlement', label: 'Settlement' },
  { key: 'warranty', label: 'Warranty period' },
];
const OPTIONAL_TARGETS: { key: OptionalTarget; label: string }[] = [
  { key: 'quoteApproval', label: 'Customer answer to a quote' },
  { key: 'addedWorkApproval', label: 'Customer answer to added work' },
];
const ZONES = ['IN_CITY', 'OUT_OF_CITY'] as const satisfies readonly (keyof Targets['completion'])[];

const DURATION_HINT = 'e.g. 30m, 4h, 3d, 1h30m';

function PoliciesPage() {
  const policies = $api.useQuery('get', '/api/sla-policies');
  const [editing, setEditing] = useState<OrderType | null>(null);
  const [saved, setSaved] = useState<Schemas['PutPolicyResponseDto'] | null>(null);
  const list = policies.data ?? [];
  const policy = list.find((candidate) => candidate.orderType === editing);

  return (
    <section>
      <h1>SLA policies</h1>
      <p className="muted small">
        One policy per order type. Each save is a new version: new orders take it, running orders keep theirs
        unless the save applies to them.
      </p>
      {saved && (
        <SavedNotice
          what={`${enumLabel(saved.policy.orderType)} policy version ${saved.policy.version}`}
          signalledOrders={saved.signalledOrders}
        />
      )}
      {policy && (
        <PolicyForm
          key={policy.orderType}
          policy={policy}
          onSaved={(answer) => {
            setSaved(answer);
            setEditing(null);
          }}
          onCancel={() => setEditing(null)}
        />
      )}
      <ListState
        isPending={policies.isPending}
        error={policies.error}
        isEmpty={list.length === 0}
        emptyText="No policies stored."
      />
      {list.length > 0 && (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Order type</th>
                <th scope="col">Version</th>
                <th scope="col">Calendar</th>
                <th scope="col">Review</th>
                <th scope="col">Dispatch (urgent / normal)</th>
                <th scope="col">Completion (in / out of city)</th>
                <th scope="col">Max reworks</th>
                <th scope="col">
                  <span className="admin-visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((row) => (
                <tr key={row.orderType} data-order-type={row.orderType}>
                  <th scope="row">{enumLabel(row.orderType)}</th>
                  <td>v{row.version}</td>
                  <td>{row.calendar ?? <span className="muted">none</span>}</td>
                  <td>{row.targets.review}</td>
                  <td>
                    {row.targets.dispatch.URGENT} / {row.targets.dispatch.NORMAL}
                  </td>
                  <td>
                    {row.targets.completion.IN_CITY} / {row.targets.completion.OUT_OF_CITY}
                  </td>
                  <td>{row.maxReworks}</td>
                  <td>
                    <button
                      type="button"
                      className="link"
                      aria-label={`Edit ${enumLabel(row.orderType)} policy`}
                      onClick={() => {
                        setEditing(row.orderType);
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

/** The request body from the form; every input is named by the body path the server's errors use. */
function policyFrom(form: FormData): Schemas['PutPolicyDto'] {
  const target = (path: string) => formString(form, `targets.${path}`) ?? '';
  const amountOver = formNumber(form, 'approvalRequired.amountOver');
  return {
    calendar: formString(form, 'calendar') ?? null,
    targets: {
      infoCompletion: target('infoCompletion'),
      review: target('review'),
      approval: target('approval'),
      dispatch: {
        URGENT: target('dispatch.URGENT'),
        HIGH: target('dispatch.HIGH'),
        NORMAL: target('dispatch.NORMAL'),
        LOW: target('dispatch.LOW'),
      },
      technicianAcceptance: target('technicianAcceptance'),
      firstContact: target('firstContact'),
      progressReply: target('progressReply'),
      completion: { IN_CITY: target('completion.IN_CITY'), OUT_OF_CITY: target('completion.OUT_OF_CITY') },
      chaseResponse: target('chaseResponse'),
      qc: target('qc'),
      customerAcceptanceWindow: target('customerAcceptanceWindow'),
      callback: target('callback'),
      feedbackClosure: target('feedbackClosure'),
      closureReminderEvery: target('closureReminderEvery'),
      settlement: target('settlement'),
      warranty: target('warranty'),
      // Blank: left out, so the server's default applies.
      ...Object.fromEntries(
        OPTIONAL_TARGETS.flatMap(({ key }) => {
          const value = formString(form, `targets.${key}`);
          return value === undefined ? [] : [[key, value]];
        }),
      ),
    },
    onAcceptanceWindowExpiry:
      oneOf(formString(form, 'onAcceptanceWindowExpiry'), ['AUTO_ACCEPT', 'ESCALATE'] as const) ?? 'ESCALATE',
    maxReworks: formNumber(form, 'maxReworks') ?? Number.NaN,
    pauseWhileWaitingParts: form.get('pauseWhileWaitingParts') === 'on',
    checkInRadiusMeters: formNumber(form, 'checkInRadiusMeters') ?? Number.NaN,
    approvalRequired: {
      amountOver: amountOver ?? null,
      priorities: form
        .getAll('approvalRequired.priorities')
        .flatMap((value) => oneOf(value, PRIORITIES) ?? []),
      types: form.getAll('approvalRequired.types').flatMap((value) => oneOf(value, ORDER_TYPES) ?? []),
      vipCustomer: form.get('approvalRequired.vipCustomer') === 'on',
    },
    applyToRunning: form.get('applyToRunning') === 'on',
    reason: formString(form, 'reason'),
  };
}

function PolicyForm({
  policy,
  onSaved,
  onCancel,
}: {
  policy: Policy;
  onSaved: (answer: Schemas['PutPolicyResponseDto']) => void;
  onCancel: () => void;
}) {
  const queryClient = useQueryClient();
  const calendars = $api.useQuery('get', '/api/calendars');
  // Orders start and finish while the admin edits: the list stays current.
  const running = $api.useQuery(
    'get',
    '/api/sla-policies/{orderType}/running-orders',
    { params: { path: { orderType: policy.orderType } } },
    { refetchInterval: 10_000 },
  );
  // Told here, not per call: the refetch that follows may remount this form before a per-call callback runs.
  const save = $api.useMutation('put', '/api/sla-policies/{orderType}', {
    onSuccess: (answer) => {
      onSaved(answer);
      void queryClient.invalidateQueries();
    },
  });
  const error = apiErrorOf(save.error);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    save.mutate({
      params: { path: { orderType: policy.orderType } },
      body: policyFrom(new FormData(event.currentTarget)),
    });
  }

  const title = `${enumLabel(policy.orderType)} policy`;
  return (
    <form className="card form admin-form" onSubmit={submit} aria-label={`Edit ${title}`} noValidate>
      <h2>
        Edit {title} <span className="muted small">(now version {policy.version})</span>
      </h2>
      <fieldset>
        <legend>Clock</legend>
        <Field
          label="Business calendar"
          name="calendar"
          error={error}
          hint="With a calendar the targets count working time only (1d = 24 working hours)"
        >
          <select name="calendar" defaultValue={policy.calendar ?? ''}>
            <option value="">None: round the clock</option>
            {(calendars.data ?? []).map((calendar) => (
              <option key={calendar.name} value={calendar.name}>
                {calendar.name} ({calendar.timeZone})
              </option>
            ))}
            {/* A calendar named by the policy but not listed still shows as chosen. */}
            {policy.calendar && !calendars.data?.some((calendar) => calendar.name === policy.calendar) && (
              <option value={policy.calendar}>{policy.calendar}</option>
            )}
          </select>
        </Field>
        <label className="check">
          <input
            type="checkbox"
            name="pauseWhileWaitingParts"
            defaultChecked={policy.pauseWhileWaitingParts}
          />
          Pause the completion clock while waiting for parts
        </label>
      </fieldset>
      <fieldset>
        <legend>Targets</legend>
        <p className="field-hint admin-whole-row">
          Durations in whole d, h, m, s ({DURATION_HINT}). A day is 24 hours, also under a calendar: write one
          working day as its hours (8h).
        </p>
        {FLAT_TARGETS.map(({ key, label }) => (
          <DurationField key={key} label={label} path={key} value={policy.targets[key]} error={error} />
        ))}
        {OPTIONAL_TARGETS.map(({ key, label }) => (
          <DurationField
            key={key}
            label={label}
            path={key}
            value={policy.targets[key] ?? ''}
            hint={`Blank: the default, ${OPTIONAL_TARGET_DEFAULTS[key]}`}
            placeholder={OPTIONAL_TARGET_DEFAULTS[key]}
            error={error}
          />
        ))}
        {PRIORITIES.map((priority) => (
          <DurationField
            key={priority}
            label={`Dispatch, ${priority.toLowerCase()} priority`}
            path={`dispatch.${priority}`}
            value={policy.targets.dispatch[priority]}
            error={error}
          />
        ))}
        {ZONES.map((zone) => (
          <DurationField
            key={zone}
            label={`Completion, ${enumLabel(zone).toLowerCase()}`}
            path={`completion.${zone}`}
            value={policy.targets.completion[zone]}
            error={error}
          />
        ))}
        <FieldReasons error={error} field="targets" />
      </fieldset>
      <fieldset>
        <legend>Approval needed for</legend>
        <Field
          label="Orders with a total above"
          name="approvalRequired.amountOver"
          error={error}
          hint="Empty: no amount limit"
        >
          <input
            name="approvalRequired.amountOver"
            type="number"
            min={0}
            step="any"
            defaultValue={policy.approvalRequired.amountOver ?? ''}
          />
        </Field>
        <CheckGroup
          legend="Priorities"
          name="approvalRequired.priorities"
          options={PRIORITIES}
          checked={policy.approvalRequired.priorities}
          error={error}
        />
        <CheckGroup
          legend="Order types"
          name="approvalRequired.types"
          options={ORDER_TYPES}
          checked={policy.approvalRequired.types}
          error={error}
        />
        <label className="check">
          <input
            type="checkbox"
            name="approvalRequired.vipCustomer"
            defaultChecked={policy.approvalRequired.vipCustomer}
          />
          VIP customers
        </label>
      </fieldset>
      <fieldset>
        <legend>Visits and acceptance</legend>
        <Field label="Most rework rounds" name="maxReworks" error={error}>
          <input name="maxReworks" type="number" min={0} step={1} defaultValue={policy.maxReworks} />
        </Field>
        <Field label="Check-in radius (metres)" name="checkInRadiusMeters" error={error}>
          <input
            name="checkInRadiusMeters"
            type="number"
            min={1}
            step="any"
            defaultValue={policy.checkInRadiusMeters}
          />
        </Field>
        <Field
          label="When the customer does not answer in time"
          name="onAcceptanceWindowExpiry"
          error={error}
        >
          <select name="onAcceptanceWindowExpiry" defaultValue={policy.onAcceptanceWindowExpiry}>
            <option value="AUTO_ACCEPT">Accept automatically</option>
            <option value="ESCALATE">Escalate</option>
          </select>
        </Field>
      </fieldset>
      <ApplyToRunning running={running} error={error} />
      <ErrorMessage error={save.error} shownFields={shownPolicyFields} />
      <div className="row">
        <button type="submit" className="primary" disabled={save.isPending}>
          Save policy
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** Every body path this form shows at an input; the server's other reasons go to the message. */
const shownPolicyFields = [
  'calendar',
  'pauseWhileWaitingParts',
  'targets',
  ...FLAT_TARGETS.map(({ key }) => `targets.${key}`),
  ...OPTIONAL_TARGETS.map(({ key }) => `targets.${key}`),
  ...PRIORITIES.map((priority) => `targets.dispatch.${priority}`),
  ...ZONES.map((zone) => `targets.completion.${zone}`),
  'approvalRequired.amountOver',
  'approvalRequired.priorities',
  'approvalRequired.types',
  'approvalRequired.vipCustomer',
  'maxReworks',
  'checkInRadiusMeters',
  'onAcceptanceWindowExpiry',
  'reason',
];

function DurationField({
  label,
  path,
  value,
  hint,
  placeholder,
  error,
}: {
  label: string;
  /** Below `targets.` */
  path: string;
  value: string;
  hint?: string;
  /** For an optional target: the default a blank keeps. */
  placeholder?: string;
  error: ApiError | null;
}) {
  return (
    <Field label={label} name={`targets.${path}`} error={error} hint={hint}>
      <input
        name={`targets.${path}`}
        defaultValue={value}
        size={8}
        autoComplete="off"
        spellCheck={false}
        placeholder={placeholder}
      />
    </Field>
  );
}
