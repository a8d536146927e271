import { getRouteApi } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { $api, type Schemas } from '../../api/client';
import { apiErrorOf, ErrorMessage, Field, formString, reasonsFor } from '../../components/forms';
import { useSubmissionKey } from '../intake/submission-key';
import { CustomerShell, useCustomerLanguage } from '../customer/customer-shell';
import { dateTimeIn, type CustomerLanguage, type Words } from '../customer/words';
import './self-service.css';

type Verification = Schemas['VerificationSentDto'] & { phone: string };
type Created = Schemas['ServiceRequestCreatedDto'];

/** What a customer can ask for on their own; the rest (training, upgrades) goes through an agent. */
const REQUEST_TYPES = ['REPAIR', 'INSTALLATION', 'MAINTENANCE', 'INSPECTION'] as const;

type Step =
  | { step: 'phone' }
  | { step: 'code'; verification: Verification }
  | { step: 'form'; verification: Verification; code: string }
  | { step: 'created'; created: Created };

const route = getRouteApi('/request');

export function RequestPage() {
  const { model } = route.useSearch();
  const { language, words, pick } = useCustomerLanguage();
  const [state, setState] = useState<Step>({ step: 'phone' });

  return (
    <CustomerShell title={words.request.title} language={language} words={words} onPick={pick}>
      {state.step === 'phone' && (
        <PhoneStep words={words} onSent={(verification) => setState({ step: 'code', verification })} />
      )}
      {state.step === 'code' && (
        <CodeStep
          verification={state.verification}
          words={words}
          onCode={(code) => setState({ step: 'form', verification: state.verification, code })}
          onOtherNumber={() => setState({ step: 'phone' })}
        />
      )}
      {state.step === 'form' && (
        <RequestForm
          verification={state.verification}
          code={state.code}
          model={model}
          language={language}
          words={words}
          onCreated={(created) => setState({ step: 'created', created })}
        />
      )}
      {state.step === 'created' && (
        <CreatedStep created={state.created} words={words} onAnother={() => setState({ step: 'phone' })} />
      )}
    </CustomerShell>
  );
}

function PhoneStep({ words, onSent }: { words: Words; onSent: (verification: Verification) => void }) {
  const send = $api.useMutation('post', '/api/public/service-requests/verification');
  const error = apiErrorOf(send.error);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const phone = formString(new FormData(event.currentTarget), 'phone') ?? '';
    send.mutate({ body: { phone } }, { onSuccess: (sent) => onSent({ ...sent, phone }) });
  }

  return (
    <section className="customer-card" aria-labelledby="phone-heading">
      <p>{words.request.intro}</p>
      <h2 id="phone-heading">{words.request.phoneStep}</h2>
      <form className="form" aria-labelledby="phone-heading" onSubmit={submit}>
        <Field label={words.request.phone} name="phone" error={error} hint={words.request.phoneHint}>
          <input name="phone" type="tel" autoComplete="tel" inputMode="tel" required />
        </Field>
        <ErrorMessage error={send.error} shownFields={['phone']} />
        <button type="submit" className="primary customer-button" disabled={send.isPending}>
          {send.isPending ? words.request.sendingCode : words.request.sendCode}
        </button>
      </form>
    </section>
  );
}

const CODE_PATTERN = /^\d{6}$/;

function CodeStep({
  verification,
  words,
  onCode,
  onOtherNumber,
}: {
  verification: Verification;
  words: Words;
  onCode: (code: string) => void;
  onOtherNumber: () => void;
}) {
  const [wrong, setWrong] = useState(false);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = (formString(new FormData(event.currentTarget), 'code') ?? '').replace(/\s/g, '');
    // Only the form's last step checks the code with the server: it is spent on the order it creates.
    if (!CODE_PATTERN.test(code)) return setWrong(true);
    onCode(code);
  }

  return (
    <section className="customer-card" aria-labelledby="code-heading">
      <h2 id="code-heading">{words.request.codeStep}</h2>
      <p role="status">
        {words.request.codeSentTo(verification.sentTo, dateTimeIn(words, verification.expiresAt))}
      </p>
      <form className="form" aria-labelledby="code-heading" onSubmit={submit}>
        <CodeField words={words} wrong={wrong} error={null} />
        <button type="submit" className="primary customer-button">
          {words.request.next}
        </button>
        <button type="button" className="link" onClick={onOtherNumber}>
          {words.request.otherNumber}
        </button>
      </form>
    </section>
  );
}

function CodeField({
  words,
  wrong,
  error,
  defaultValue,
}: {
  words: Words;
  wrong: boolean;
  error: ReturnType<typeof apiErrorOf>;
  defaultValue?: string;
}) {
  return (
    <Field
      label={words.request.code}
      name="code"
      error={error}
      hint={wrong ? words.request.codeNeeded : words.request.codeHint}
    >
      <input
        name="code"
        inputMode="numeric"
        autoComplete="one-time-code"
        pattern="\d{6}"
        maxLength={6}
        required
        defaultValue={defaultValue}
        aria-invalid={wrong || undefined}
      />
    </Field>
  );
}

/** A `datetime-local` value as an instant, or undefined when empty. */
function instant(form: FormData, name: string): string | undefined {
  const value = formString(form, name);
  return value === undefined ? undefined : new Date(value).toISOString();
}

function RequestForm({
  verification,
  code,
  model,
  language,
  words,
  onCreated,
}: {
  verification: Verification;
  code: string;
  model: string | undefined;
  language: CustomerLanguage;
  words: Words;
  onCreated: (created: Created) => void;
}) {
  const key = useSubmissionKey();
  const create = $api.useMutation('post', '/api/public/service-requests', {
    onSettled: (_data, error) => key.settle(error),
    onSuccess: onCreated,
  });
  const error = apiErrorOf(create.error);
  const t = words.request;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => formString(form, name);
    const start = instant(form, 'preferredStart');
    const end = instant(form, 'preferredEnd');
    const channels = form
      .getAll('messageChannels')
      .filter((value): value is 'SMS' | 'EMAIL' => value === 'SMS' || value === 'EMAIL');
    const equipment = {
      ...(text('model') ? { model: text('model') } : {}),
      ...(text('serialNumber') ? { serialNumber: text('serialNumber') } : {}),
      ...(text('purchaseDate') ? { purchaseDate: text('purchaseDate') } : {}),
    };
    create.mutate({
      body: {
        verificationId: verification.verificationId,
        code: (text('code') ?? '').replace(/\s/g, ''),
        customer: {
          name: text('name') ?? '',
          // The verified number, as the server checks it against the code.
          phone: verification.phone,
          address: text('address') ?? '',
          zone: text('zone') === 'OUT_OF_CITY' ? 'OUT_OF_CITY' : 'IN_CITY',
          ...(text('email') ? { email: text('email') } : {}),
          language,
          messageChannels: channels,
          messageConsent: form.get('messageConsent') === 'on',
        },
        ...(Object.keys(equipment).length > 0 ? { equipment } : {}),
        type: REQUEST_TYPES.find((type) => type === text('type')) ?? 'REPAIR',
        faultDescription: text('faultDescription') ?? '',
        ...(start && end ? { preferredAppointment: { start, end } } : {}),
      },
      headers: { 'Idempotency-Key': key.take() },
    });
  }

  const shown = [
    'code',
    'customer.name',
    'customer.phone',
    'customer.address',
    'customer.zone',
    'customer.email',
    'customer.messageConsent',
    'equipment.model',
    'equipment.serialNumber',
    'equipment.purchaseDate',
    'type',
    'faultDescription',
    'preferredAppointment',
  ];

  return (
    <section className="customer-card" aria-labelledby="request-heading">
      <h2 id="request-heading">{t.formStep}</h2>
      <form className="form" aria-labelledby="request-heading" onSubmit={submit}>
        <CodeField words={words} wrong={false} error={error} defaultValue={code} />
        <p className="small muted">
          {t.phone}: {verification.phone}
        </p>
        <Field label={t.name} name="customer.name" error={error}>
          <input name="name" autoComplete="name" required maxLength={200} />
        </Field>
        <Field label={t.address} name="customer.address" error={error}>
          <textarea name="address" autoComplete="street-address" required maxLength={500} />
        </Field>
        <Field label={t.zone} name="customer.zone" error={error}>
          <select name="zone" defaultValue="IN_CITY">
            <option value="IN_CITY">{t.zones.IN_CITY}</option>
            <option value="OUT_OF_CITY">{t.zones.OUT_OF_CITY}</option>
          </select>
        </Field>
        <Field label={t.email} name="customer.email" error={error}>
          <input name="email" type="email" autoComplete="email" maxLength={200} />
        </Field>
        <Field label={t.type} name="type" error={error}>
          <select name="type" defaultValue="REPAIR">
            {REQUEST_TYPES.map((type) => (
              <option key={type} value={type}>
                {words.orderType[type]}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t.model} name="equipment.model" error={error}>
          <input name="model" defaultValue={model} maxLength={100} />
        </Field>
        <Field label={t.serialNumber} name="equipment.serialNumber" error={error} hint={t.serialHint}>
          <input name="serialNumber" maxLength={100} />
        </Field>
        <Field label={t.purchaseDate} name="equipment.purchaseDate" error={error}>
          <input name="purchaseDate" type="date" />
        </Field>
        <Field label={t.fault} name="faultDescription" error={error}>
          <textarea name="faultDescription" required maxLength={2000} />
        </Field>
        <div className="request-window">
          <Field label={t.preferredStart} name="preferredAppointment" error={error}>
            <input name="preferredStart" type="datetime-local" />
          </Field>
          <Field label={t.preferredEnd} name="preferredAppointment.end" error={null}>
            <input name="preferredEnd" type="datetime-local" />
          </Field>
        </div>
        <fieldset className="request-choices" data-field="customer.messageChannels">
          <legend className="field-label">{t.channels}</legend>
          <label className="check">
            <input type="checkbox" name="messageChannels" value="SMS" defaultChecked /> {t.sms}
          </label>
          <label className="check">
            <input type="checkbox" name="messageChannels" value="EMAIL" /> {t.emailChannel}
          </label>
        </fieldset>
        <div className="field" data-field="customer.messageConsent">
          <label className="check">
            <input type="checkbox" name="messageConsent" aria-describedby="consent-hint" /> {t.consent}
          </label>
          <span id="consent-hint" className="field-hint">
            {t.consentHint}
          </span>
          {reasonsFor(error, 'customer.messageConsent').map((reason) => (
            <span key={reason} className="field-error" role="alert">
              {reason}
            </span>
          ))}
        </div>
        <ErrorMessage error={create.error} shownFields={shown} />
        <button type="submit" className="primary customer-button" disabled={create.isPending}>
          {create.isPending ? t.submitting : t.submit}
        </button>
      </form>
    </section>
  );
}

function CreatedStep({
  created,
  words,
  onAnother,
}: {
  created: Created;
  words: Words;
  onAnother: () => void;
}) {
  const t = words.request;
  return (
    <section className="customer-card" aria-labelledby="created-heading">
      <h2 id="created-heading">{t.created}</h2>
      <p className="customer-status-words" data-order-no={created.orderNo}>
        {t.createdNumber(created.orderNo)}
      </p>
      <p data-status={created.status}>{words.status[created.status]}</p>
      {created.problems.length > 0 && (
        <>
          <p>{t.problems}</p>
          <ul>
            {created.problems.map((problem) => (
              <li key={`${problem.field}: ${problem.problem}`}>{problem.problem}</li>
            ))}
          </ul>
        </>
      )}
      <div className="customer-actions">
        <a className="customer-button request-follow" href={created.link}>
          {t.follow}
        </a>
      </div>
      <button type="button" className="link" onClick={onAnother}>
        {t.another}
      </button>
    </section>
  );
}
