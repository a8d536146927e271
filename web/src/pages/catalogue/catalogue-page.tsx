import { useQueryClient } from '@tanstack/react-query';
import { createRoute } from '@tanstack/react-router';
import { useState, type FormEvent, type ReactNode } from 'react';
import { $api, type ApiError } from '../../api/client';
import { hasRole, useClaims } from '../../auth/session';
import { apiErrorOf, ErrorMessage, Field } from '../../components/forms';
import { ListState } from '../../components/pager';
import { formatDateTime } from '../../components/time';
import { enumLabel, ORDER_TYPES } from '../../components/vocabulary';
import { requireSignIn, rootRoute } from '../../root';
import { formatMoney } from '../../../../src/domain/money';
import { FieldReasons } from '../admin/form-parts';
import {
  bodyOf,
  draftOf,
  ITEM_KINDS,
  rowKey,
  ZONES,
  type Catalogue,
  type Draft,
  type ItemDraft,
  type ModelDraft,
} from './catalogue-draft';
import './catalogue.css';

export const catalogueRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/admin/catalogue',
  beforeLoad: requireSignIn,
  component: CataloguePage,
});

/** The catalogue in force, or an older version read-only; admins edit the one in force. */
function CataloguePage() {
  const claims = useClaims();
  const isAdmin = hasRole(claims, 'admin');
  const current = $api.useQuery('get', '/api/price-catalogue');
  const [picked, setPicked] = useState<number | null>(null);
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState<number | null>(null);
  const inForce = current.data?.version;
  const viewingOlder = picked !== null && picked !== inForce;
  const older = $api.useQuery(
    'get',
    '/api/price-catalogue/versions/{version}',
    { params: { path: { version: picked ?? 1 } } },
    { enabled: viewingOlder },
  );
  const shown = viewingOlder ? older.data : current.data;

  return (
    <section className="catalogue">
      <h1>Price catalogue</h1>
      <p className="muted small">
        Every save is a new version; an order keeps the version it was priced with. Amounts are in major units
        of the catalogue&apos;s currency.
      </p>
      {saved !== null && !editing && (
        <p className="notice" role="status">
          Saved as version {saved}.
        </p>
      )}
      <ListState
        isPending={viewingOlder ? older.isPending : current.isPending}
        error={viewingOlder ? older.error : current.error}
        isEmpty={false}
        emptyText=""
      />
      {inForce !== undefined && (
        <div className="row catalogue-toolbar">
          <Field label="Version" name="version" error={null}>
            <select
              value={picked ?? inForce}
              disabled={editing}
              onChange={(event) => {
                const version = Number(event.target.value);
                setPicked(version === inForce ? null : version);
                setSaved(null);
              }}
            >
              {Array.from({ length: inForce }, (_, index) => inForce - index).map((version) => (
                <option key={version} value={version}>
                  {version === inForce ? `${version} (in force)` : version}
                </option>
              ))}
            </select>
          </Field>
          {isAdmin && !viewingOlder && !editing && (
            <button
              type="button"
              className="primary"
              onClick={() => {
                setEditing(true);
                setSaved(null);
              }}
            >
              Edit catalogue
            </button>
          )}
        </div>
      )}
      {shown && (
        <p className="catalogue-meta" aria-live="polite">
          <strong>Version {shown.version}</strong>
          {viewingOlder ? ' (read only, not in force)' : ' (in force)'} · saved by{' '}
          {shown.createdBy ?? 'unknown'} on {formatDateTime(shown.createdAt)} · currency {shown.currency}
        </p>
      )}
      {editing && current.data ? (
        <CatalogueForm
          key={current.data.version}
          catalogue={current.data}
          onSaved={(version) => {
            setSaved(version);
            setEditing(false);
          }}
          onCancel={() => setEditing(false)}
        />
      ) : (
        shown && <CatalogueView catalogue={shown} />
      )}
    </section>
  );
}

function rateIndex(
  rates: readonly { orderType: string; zone: string }[],
  orderType: string,
  zone: string,
): number {
  return rates.findIndex((rate) => rate.orderType === orderType && rate.zone === zone);
}

function CatalogueView({ catalogue }: { catalogue: Catalogue }) {
  const money = (minor: number) => formatMoney(minor, catalogue.currency);
  const settings = catalogue.quoteSettings;
  return (
    <>
      <h2>Items</h2>
      <div className="table-wrap">
        <table aria-label="Items">
          <thead>
            <tr>
              <th scope="col">Code</th>
              <th scope="col">Kind</th>
              <th scope="col">Description</th>
              <th scope="col" className="num">
                Unit price
              </th>
              <th scope="col">Unit</th>
              <th scope="col">Warranty</th>
            </tr>
          </thead>
          <tbody>
            {catalogue.items.map((item) => (
              <tr key={item.code} data-code={item.code}>
                <th scope="row">{item.code}</th>
                <td>{enumLabel(item.kind)}</td>
                <td>{item.description}</td>
                <td className="num" data-column="unitPrice">
                  {money(item.unitPrice)}
                </td>
                <td>{item.unit}</td>
                <td>{item.warranty ?? <span className="muted">none</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>Labour rates per hour</h2>
      <RatesTable
        cell={(orderType, zone) => {
          const index = rateIndex(catalogue.labourRates, orderType, zone);
          return index < 0 ? (
            <span className="muted">none</span>
          ) : (
            money(catalogue.labourRates[index].hourlyRate)
          );
        }}
      />
      <h2>Product models</h2>
      <div className="table-wrap">
        <table aria-label="Product models">
          <thead>
            <tr>
              <th scope="col">Model</th>
              <th scope="col" className="num">
                Warranty (months)
              </th>
            </tr>
          </thead>
          <tbody>
            {catalogue.productModels.map((model) => (
              <tr key={model.model}>
                <th scope="row">{model.model}</th>
                <td className="num">{model.warrantyMonths === 0 ? 'none' : model.warrantyMonths}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>Quote settings</h2>
      <dl className="catalogue-settings">
        <dt>Quote required above</dt>
        <dd>{money(settings.quoteRequiredAbove)}</dd>
        <dt>Estimate tolerance</dt>
        <dd>±{settings.estimateTolerancePercent}%</dd>
        <dt>Self-bought parts tolerance</dt>
        <dd>±{settings.selfBoughtTolerancePercent}%</dd>
        <dt>Diagnosis fee (declined quote)</dt>
        <dd>{settings.diagnosisFee === 0 ? 'none' : money(settings.diagnosisFee)}</dd>
      </dl>
    </>
  );
}

/** Order types down, zones across: exactly one rate for each. */
function RatesTable({ cell }: { cell: (orderType: string, zone: string) => ReactNode }) {
  return (
    <div className="table-wrap">
      <table aria-label="Labour rates">
        <thead>
          <tr>
            <th scope="col">Order type</th>
            {ZONES.map((zone) => (
              <th key={zone} scope="col" className="num">
                {enumLabel(zone)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {ORDER_TYPES.map((orderType) => (
            <tr key={orderType}>
              <th scope="row">{enumLabel(orderType)}</th>
              {ZONES.map((zone) => (
                <td key={zone} className="num">
                  {cell(orderType, zone)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function CatalogueForm({
  catalogue,
  onSaved,
  onCancel,
}: {
  catalogue: Catalogue;
  onSaved: (version: number) => void;
  onCancel: () => void;
}) {
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Draft>(() => draftOf(catalogue));
  const [local, setLocal] = useState<ApiError | null>(null);
  const save = $api.useMutation('put', '/api/price-catalogue', {
    onSuccess: (answer) => {
      onSaved(answer.version);
      void queryClient.invalidateQueries();
    },
  });
  const error = local ?? apiErrorOf(save.error);
  const currency = catalogue.currency;

  /** Rows moved: the reasons named their old indexes, so they go. */
  function restructure(change: (draft: Draft) => Draft) {
    setDraft(change);
    setLocal(null);
    save.reset();
  }
  function setItem(index: number, patch: Partial<ItemDraft>) {
    setDraft((old) => ({
      ...old,
      items: old.items.map((item, at) => (at === index ? { ...item, ...patch } : item)),
    }));
  }
  function setModel(index: number, patch: Partial<ModelDraft>) {
    setDraft((old) => ({
      ...old,
      productModels: old.productModels.map((model, at) => (at === index ? { ...model, ...patch } : model)),
    }));
  }
  function setSetting(key: keyof Draft['quoteSettings'], value: string) {
    setDraft((old) => ({ ...old, quoteSettings: { ...old.quoteSettings, [key]: value } }));
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = bodyOf(draft, currency);
    if ('problems' in result) {
      save.reset();
      setLocal(result.problems);
      return;
    }
    setLocal(null);
    save.mutate({ body: result.body });
  }

  const priceHint = `${currency}, e.g. 123.45`;
  return (
    <form className="card form catalogue-edit" onSubmit={submit} aria-label="Edit price catalogue" noValidate>
      <h2>
        Edit the catalogue <span className="muted small">(saves as version {catalogue.version + 1})</span>
      </h2>
      <fieldset>
        <legend>Items</legend>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Code</th>
                <th scope="col">Kind</th>
                <th scope="col">Description</th>
                <th scope="col">Unit price ({currency})</th>
                <th scope="col">Unit</th>
                <th scope="col">Warranty (parts)</th>
                <th scope="col">
                  <span className="catalogue-hidden">Remove</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {draft.items.map((item, index) => {
                const name = item.code.trim() || `new item ${index + 1}`;
                const path = `items[${index}]`;
                return (
                  <tr key={item.key}>
                    <td>
                      <Field label={`Code, ${name}`} name={`${path}.code`} error={error}>
                        <input
                          value={item.code}
                          onChange={(event) => setItem(index, { code: event.target.value })}
                          size={14}
                          spellCheck={false}
                        />
                      </Field>
                    </td>
                    <td>
                      <Field label={`Kind, ${name}`} name={`${path}.kind`} error={error}>
                        <select
                          value={item.kind}
                          onChange={(event) =>
                            setItem(index, {
                              kind: ITEM_KINDS.find((kind) => kind === event.target.value) ?? item.kind,
                            })
                          }
                        >
                          {ITEM_KINDS.map((kind) => (
                            <option key={kind} value={kind}>
                              {enumLabel(kind)}
                            </option>
                          ))}
                        </select>
                      </Field>
                    </td>
                    <td>
                      <Field label={`Description, ${name}`} name={`${path}.description`} error={error}>
                        <input
                          value={item.description}
                          onChange={(event) => setItem(index, { description: event.target.value })}
                          size={28}
                        />
                      </Field>
                    </td>
                    <td>
                      <Field label={`Unit price, ${name}`} name={`${path}.unitPrice`} error={error}>
                        <input
                          value={item.unitPrice}
                          onChange={(event) => setItem(index, { unitPrice: event.target.value })}
                          inputMode="decimal"
                          size={9}
                          title={priceHint}
                        />
                      </Field>
                    </td>
                    <td>
                      <Field label={`Unit, ${name}`} name={`${path}.unit`} error={error}>
                        <input
                          value={item.unit}
                          onChange={(event) => setItem(index, { unit: event.target.value })}
                          size={4}
                        />
                      </Field>
                    </td>
                    <td>
                      <Field label={`Warranty, ${name}`} name={`${path}.warranty`} error={error}>
                        <input
                          value={item.warranty}
                          onChange={(event) => setItem(index, { warranty: event.target.value })}
                          size={6}
                          placeholder="180d"
                        />
                      </Field>
                    </td>
                    <td>
                      <button
                        type="button"
                        className="link"
                        aria-label={`Remove ${name}`}
                        onClick={() =>
                          restructure((old) => ({ ...old, items: old.items.filter((_, at) => at !== index) }))
                        }
                      >
                        Remove
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <FieldReasons error={error} field="items" />
        <div className="row">
          <button
            type="button"
            onClick={() =>
              restructure((old) => ({
                ...old,
                items: [
                  ...old.items,
                  {
                    key: rowKey(),
                    code: '',
                    kind: 'PART',
                    description: '',
                    unitPrice: '',
                    unit: 'pc',
                    warranty: '',
                  },
                ],
              }))
            }
          >
            Add item
          </button>
        </div>
      </fieldset>
      <fieldset>
        <legend>Labour rates per hour ({currency})</legend>
        <RatesTable
          cell={(orderType, zone) => {
            const index = rateIndex(draft.labourRates, orderType, zone);
            if (index < 0) return <span className="muted">none</span>;
            return (
              <Field
                label={`Hourly rate, ${enumLabel(orderType)}, ${enumLabel(zone).toLowerCase()}`}
                name={`labourRates[${index}].hourlyRate`}
                error={error}
              >
                <input
                  value={draft.labourRates[index].hourlyRate}
                  onChange={(event) => {
                    const hourlyRate = event.target.value;
                    setDraft((old) => ({
                      ...old,
                      labourRates: old.labourRates.map((rate, at) =>
                        at === index ? { ...rate, hourlyRate } : rate,
                      ),
                    }));
                  }}
                  inputMode="decimal"
                  size={9}
                  title={priceHint}
                />
              </Field>
            );
          }}
        />
        <FieldReasons error={error} field="labourRates" />
      </fieldset>
      <fieldset>
        <legend>Product models</legend>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Model</th>
                <th scope="col">Warranty (months, 0: none)</th>
                <th scope="col">
                  <span className="catalogue-hidden">Remove</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {draft.productModels.map((model, index) => {
                const name = model.model.trim() || `new model ${index + 1}`;
                const path = `productModels[${index}]`;
                return (
                  <tr key={model.key}>
                    <td>
                      <Field label={`Model, ${name}`} name={`${path}.model`} error={error}>
                        <input
                          value={model.model}
                          onChange={(event) => setModel(index, { model: event.target.value })}
                          size={16}
                        />
                      </Field>
                    </td>
                    <td>
                      <Field label={`Warranty months, ${name}`} name={`${path}.warrantyMonths`} error={error}>
                        <input
                          value={model.warrantyMonths}
                          onChange={(event) => setModel(index, { warrantyMonths: event.target.value })}
                          inputMode="numeric"
                          size={4}
                        />
                      </Field>
                    </td>
                    <td>
                      <button
                        type="button"
                        className="link"
                        aria-label={`Remove ${name}`}
                        onClick={() =>
                          restructure((old) => ({
                            ...old,
                            productModels: old.productModels.filter((_, at) => at !== index),
                          }))
                        }
                      >
                        Remove
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <FieldReasons error={error} field="productModels" />
        <div className="row">
          <button
            type="button"
            onClick={() =>
              restructure((old) => ({
                ...old,
                productModels: [...old.productModels, { key: rowKey(), model: '', warrantyMonths: '12' }],
              }))
            }
          >
            Add model
          </button>
        </div>
      </fieldset>
      <fieldset className="catalogue-settings-form">
        <legend>Quote settings</legend>
        <Field
          label={`Quote required above (${currency})`}
          name="quoteSettings.quoteRequiredAbove"
          error={error}
          hint="Covered work above this needs the customer's approval; paid work always does"
        >
          <input
            value={draft.quoteSettings.quoteRequiredAbove}
            onChange={(event) => setSetting('quoteRequiredAbove', event.target.value)}
            inputMode="decimal"
          />
        </Field>
        <Field label="Estimate tolerance (%)" name="quoteSettings.estimateTolerancePercent" error={error}>
          <input
            value={draft.quoteSettings.estimateTolerancePercent}
            onChange={(event) => setSetting('estimateTolerancePercent', event.target.value)}
            inputMode="decimal"
          />
        </Field>
        <Field
          label="Self-bought parts tolerance (%)"
          name="quoteSettings.selfBoughtTolerancePercent"
          error={error}
        >
          <input
            value={draft.quoteSettings.selfBoughtTolerancePercent}
            onChange={(event) => setSetting('selfBoughtTolerancePercent', event.target.value)}
            inputMode="decimal"
          />
        </Field>
        <Field
          label={`Diagnosis fee (${currency})`}
          name="quoteSettings.diagnosisFee"
          error={error}
          hint="Charged when the customer declines a quote; 0: none"
        >
          <input
            value={draft.quoteSettings.diagnosisFee}
            onChange={(event) => setSetting('diagnosisFee', event.target.value)}
            inputMode="decimal"
          />
        </Field>
        <FieldReasons error={error} field="quoteSettings" />
      </fieldset>
      <ErrorMessage error={error} shownFields={SHOWN_FIELDS} />
      <div className="row">
        <button type="submit" className="primary" disabled={save.isPending}>
          Save catalogue
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** Every part of the body this form shows reasons for, at a row's input or below its table. */
const SHOWN_FIELDS = ['items', 'labourRates', 'productModels', 'quoteSettings'];
