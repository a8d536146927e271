// The order form's fields, one component per section, shared by the intake page and the supply-info form
// of the queues. Each input is named by its request-body path so the server's reasons and the automatic
// check's problems land at it (see field-reasons.ts).
import { createContext, useContext, useId, type ReactNode } from 'react';
import { $api, type ApiError } from '../../api/client';
import { Field, reasonsFor } from '../../components/forms';
import {
  CHANNEL_LABELS,
  DISPATCH_MODE_LABELS,
  emptyServiceItem,
  formatMoney,
  lineAmount,
  ORDER_TYPE_LABELS,
  orderTotal,
  PRIORITY_LABELS,
  ZONE_LABELS,
  type OrderDraft,
  type ServiceItemDraft,
} from './order-draft';
import type { PlacedReasons } from './field-reasons';
import {
  CUSTOMER_CHANNEL_LABELS,
  CUSTOMER_CHANNELS,
  CUSTOMER_LANGUAGE_LABELS,
  CUSTOMER_LANGUAGES,
} from '../../components/vocabulary';

interface FormPlace {
  /** The body path the fields sit under: '' at intake, 'details.' in a supply-info body. */
  prefix: string;
  reasons: PlacedReasons;
}

const FormPlaceContext = createContext<FormPlace>({
  prefix: '',
  reasons: { atInputs: null, atSections: null, elsewhere: null },
});

/** A labelled input of the order form, showing the reasons for its body path. */
function OrderField({
  label,
  path,
  hint,
  children,
}: {
  label: string;
  path: string;
  hint?: string;
  children: ReactNode;
}) {
  const { prefix, reasons } = useContext(FormPlaceContext);
  return (
    <Field label={label} name={prefix + path} error={reasons.atInputs} hint={hint}>
      {children}
    </Field>
  );
}

/** The reasons for a whole section (`appointment`: "an appointment window is required"). */
function SectionReasons({ path }: { path: string }) {
  const { prefix, reasons } = useContext(FormPlaceContext);
  const found = exactReasons(reasons.atSections, prefix + path);
  if (found.length === 0) return null;
  return (
    <div className="intake-section-reasons" data-field={prefix + path}>
      {found.map((reason) => (
        <span key={reason} className="field-error" role="alert">
          {reason}
        </span>
      ))}
    </div>
  );
}

function exactReasons(error: ApiError | null, path: string): string[] {
  return (error?.fields ?? []).filter((entry) => entry.field === path).flatMap((entry) => entry.reasons);
}

function Options<Value extends string>({ labels }: { labels: Record<Value, string> }) {
  return (
    <>
      {(Object.entries(labels) as [Value, string][]).map(([value, label]) => (
        <option key={value} value={value}>
          {label}
        </option>
      ))}
    </>
  );
}

type Change = (next: OrderDraft) => void;

interface SectionProps {
  draft: OrderDraft;
  onChange: Change;
}

function BasicsFields({ draft, onChange, typeLocked }: SectionProps & { typeLocked: boolean }) {
  return (
    <fieldset>
      <legend>Order</legend>
      <OrderField
        label="Order type"
        path="type"
        hint={typeLocked ? 'The type cannot change after intake' : undefined}
      >
        <select
          name="type"
          value={draft.type}
          disabled={typeLocked}
          onChange={(event) => onChange({ ...draft, type: event.target.value as OrderDraft['type'] })}
        >
          <Options labels={ORDER_TYPE_LABELS} />
        </select>
      </OrderField>
      <OrderField label="Priority" path="priority">
        <select
          name="priority"
          value={draft.priority}
          onChange={(event) => onChange({ ...draft, priority: event.target.value as OrderDraft['priority'] })}
        >
          <Options labels={PRIORITY_LABELS} />
        </select>
      </OrderField>
      <OrderField label="Channel" path="channel">
        <select
          name="channel"
          value={draft.channel}
          onChange={(event) => onChange({ ...draft, channel: event.target.value as OrderDraft['channel'] })}
        >
          <Options labels={CHANNEL_LABELS} />
        </select>
      </OrderField>
    </fieldset>
  );
}

function CustomerFields({ draft, onChange }: SectionProps) {
  const customer = draft.customer;
  const set = (patch: Partial<OrderDraft['customer']>) =>
    onChange({ ...draft, customer: { ...customer, ...patch } });
  return (
    <fieldset>
      <legend>Customer</legend>
      <SectionReasons path="customer" />
      <OrderField label="Customer name" path="customer.name">
        <input
          name="customer.name"
          value={customer.name}
          onChange={(e) => set({ name: e.target.value })}
          required
        />
      </OrderField>
      <OrderField label="Customer phone" path="customer.phone">
        <input
          name="customer.phone"
          type="tel"
          value={customer.phone}
          onChange={(e) => set({ phone: e.target.value })}
          placeholder="+86 138 0000 0000"
          required
        />
      </OrderField>
      <OrderField label="Email" path="customer.email" hint="Optional">
        <input
          name="customer.email"
          type="email"
          value={customer.email}
          onChange={(e) => set({ email: e.target.value })}
        />
      </OrderField>
      <div className="intake-wide">
        <OrderField label="Address" path="customer.address">
          <input
            name="customer.address"
            value={customer.address}
            onChange={(e) => set({ address: e.target.value })}
            required
          />
        </OrderField>
      </div>
      <OrderField label="Zone" path="customer.zone">
        <select
          name="customer.zone"
          value={customer.zone}
          onChange={(e) => set({ zone: e.target.value as OrderDraft['customer']['zone'] })}
        >
          <Options labels={ZONE_LABELS} />
        </select>
      </OrderField>
      <OrderField label="Region" path="customer.region" hint="The dispatch region, e.g. north">
        <input
          name="customer.region"
          value={customer.region}
          onChange={(e) => set({ region: e.target.value })}
        />
      </OrderField>
      <OrderField label="Latitude" path="customer.lat" hint="Optional">
        <input
          name="customer.lat"
          type="number"
          step="any"
          min={-90}
          max={90}
          value={customer.lat}
          onChange={(e) => set({ lat: e.target.value })}
        />
      </OrderField>
      <OrderField label="Longitude" path="customer.lng" hint="Optional">
        <input
          name="customer.lng"
          type="number"
          step="any"
          min={-180}
          max={180}
          value={customer.lng}
          onChange={(e) => set({ lng: e.target.value })}
        />
      </OrderField>
      <label className="check" data-field="customer.vip">
        <input
          type="checkbox"
          name="customer.vip"
          checked={customer.vip}
          onChange={(e) => set({ vip: e.target.checked })}
        />
        VIP customer
      </label>
      <fieldset className="intake-wide customer-messages" data-field="customer.messageConsent">
        <legend>Messages to the customer</legend>
        <label className="check">
          <input
            type="checkbox"
            name="customer.messageConsent"
            checked={customer.messageConsent}
            onChange={(e) => set({ messageConsent: e.target.checked })}
          />
          The customer agrees to service messages about this order (SMS / e-mail)
        </label>
        {customer.messageConsent && (
          <>
            <div className="check-row" data-field="customer.messageChannels">
              {CUSTOMER_CHANNELS.map((channel) => (
                <label className="check" key={channel}>
                  <input
                    type="checkbox"
                    name={`customer.messageChannels.${channel}`}
                    checked={customer.messageChannels.includes(channel)}
                    onChange={(e) =>
                      set({
                        messageChannels: e.target.checked
                          ? [...customer.messageChannels, channel]
                          : customer.messageChannels.filter((c) => c !== channel),
                      })
                    }
                  />
                  {CUSTOMER_CHANNEL_LABELS[channel]}
                </label>
              ))}
              <span className="field-hint">None ticked: every channel with an address above.</span>
            </div>
            <OrderField label="Language" path="customer.language">
              <select
                name="customer.language"
                value={customer.language}
                onChange={(e) => set({ language: e.target.value as OrderDraft['customer']['language'] })}
              >
                {CUSTOMER_LANGUAGES.map((language) => (
                  <option key={language} value={language}>
                    {CUSTOMER_LANGUAGE_LABELS[language]}
                  </option>
                ))}
              </select>
            </OrderField>
          </>
        )}
      </fieldset>
    </fieldset>
  );
}

function EquipmentFields({ draft, onChange }: SectionProps) {
  const equipment = draft.equipment;
  const set = (patch: Partial<OrderDraft['equipment']>) =>
    onChange({ ...draft, equipment: { ...equipment, ...patch } });
  return (
    <fieldset>
      <legend>Equipment and fault</legend>
      <SectionReasons path="equipment" />
      <OrderField label="Equipment model" path="equipment.model">
        <input
          name="equipment.model"
          value={equipment.model}
          onChange={(e) => set({ model: e.target.value })}
        />
      </OrderField>
      <OrderField label="Serial number" path="equipment.serialNumber">
        <input
          name="equipment.serialNumber"
          value={equipment.serialNumber}
          onChange={(e) => set({ serialNumber: e.target.value })}
        />
      </OrderField>
      <OrderField label="Purchase date" path="equipment.purchaseDate">
        <input
          name="equipment.purchaseDate"
          type="date"
          value={equipment.purchaseDate}
          onChange={(e) => set({ purchaseDate: e.target.value })}
        />
      </OrderField>
      <OrderField
        label="Proof of purchase"
        path="equipment.proofRef"
        hint="Invoice number or scan reference; the warranty needs one"
      >
        <input
          name="equipment.proofRef"
          value={equipment.proofRef}
          onChange={(e) => set({ proofRef: e.target.value })}
        />
      </OrderField>
      <div className="intake-wide">
        <OrderField label="Fault description" path="faultDescription">
          <textarea
            name="faultDescription"
            value={draft.faultDescription}
            maxLength={5000}
            onChange={(e) => onChange({ ...draft, faultDescription: e.target.value })}
          />
        </OrderField>
      </div>
    </fieldset>
  );
}

function ServiceItemRow({
  item,
  index,
  onChange,
  onRemove,
}: {
  item: ServiceItemDraft;
  index: number;
  onChange: (item: ServiceItemDraft) => void;
  onRemove?: () => void;
}) {
  const row = `Item ${index + 1}`;
  const path = (name: string) => `serviceItems[${index}].${name}`;
  const amount = lineAmount(item);
  return (
    <tr>
      <td>
        <OrderField label={`${row} code`} path={path('code')}>
          <input value={item.code} onChange={(e) => onChange({ ...item, code: e.target.value })} required />
        </OrderField>
      </td>
      <td>
        <OrderField label={`${row} description`} path={path('description')}>
          <input
            value={item.description}
            onChange={(e) => onChange({ ...item, description: e.target.value })}
          />
        </OrderField>
      </td>
      <td>
        <OrderField label={`${row} quantity`} path={path('quantity')}>
          <input
            type="number"
            min={0}
            step="any"
            inputMode="decimal"
            value={item.quantity}
            onChange={(e) => onChange({ ...item, quantity: e.target.value })}
          />
        </OrderField>
      </td>
      <td>
        <OrderField label={`${row} unit price`} path={path('unitPrice')}>
          <input
            type="number"
            min={0}
            step="0.01"
            inputMode="decimal"
            value={item.unitPrice}
            onChange={(e) => onChange({ ...item, unitPrice: e.target.value })}
          />
        </OrderField>
      </td>
      <td className="intake-amount">{amount === null ? '—' : formatMoney(amount)}</td>
      <td>
        {onRemove && (
          <button type="button" onClick={onRemove} aria-label={`Remove item ${index + 1}`}>
            Remove
          </button>
        )}
      </td>
    </tr>
  );
}

function ServiceItemsFields({ draft, onChange }: SectionProps) {
  const { prefix, reasons } = useContext(FormPlaceContext);
  const items = draft.serviceItems;
  const setItems = (serviceItems: ServiceItemDraft[]) => onChange({ ...draft, serviceItems });
  const totalReasons = reasonsFor(reasons.atInputs, `${prefix}totalAmount`);
  return (
    <fieldset className="intake-items">
      <legend>Service items</legend>
      <SectionReasons path="serviceItems" />
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th>Code</th>
              <th>Description</th>
              <th>Quantity</th>
              <th>Unit price</th>
              <th>Amount</th>
              <th>
                <span className="intake-visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((item, index) => (
              <ServiceItemRow
                key={item.rowId}
                item={item}
                index={index}
                onChange={(next) => setItems(items.map((each) => (each.rowId === item.rowId ? next : each)))}
                onRemove={
                  items.length > 1
                    ? () => setItems(items.filter((each) => each.rowId !== item.rowId))
                    : undefined
                }
              />
            ))}
          </tbody>
          <tfoot>
            <tr>
              <td colSpan={4}>
                <button type="button" onClick={() => setItems([...items, emptyServiceItem()])}>
                  Add service item
                </button>
              </td>
              <th scope="row" className="intake-amount" data-field={`${prefix}totalAmount`}>
                <span className="muted small">Total</span>{' '}
                <strong data-testid="intake-total">{formatMoney(orderTotal(draft))}</strong>
              </th>
              <td />
            </tr>
          </tfoot>
        </table>
      </div>
      {draft.isWarranty && <p className="muted small">In-warranty work: the order total is 0.</p>}
      {totalReasons.map((reason) => (
        <span key={reason} className="field-error" role="alert">
          Total: {reason}
        </span>
      ))}
    </fieldset>
  );
}

const PAYMENT_METHODS = ['CASH', 'CARD', 'BANK_TRANSFER', 'MOBILE_PAYMENT'];

function PaymentAndAppointmentFields({ draft, onChange }: SectionProps) {
  const paymentMethods = useId();
  const appointment = draft.appointment;
  const setAppointment = (patch: Partial<OrderDraft['appointment']>) =>
    onChange({ ...draft, appointment: { ...appointment, ...patch } });
  return (
    <fieldset>
      <legend>Payment and appointment</legend>
      <SectionReasons path="appointment" />
      <OrderField label="Payment method" path="paymentMethod" hint="e.g. CASH, CARD">
        <input
          name="paymentMethod"
          list={paymentMethods}
          value={draft.paymentMethod}
          onChange={(e) => onChange({ ...draft, paymentMethod: e.target.value })}
        />
      </OrderField>
      <datalist id={paymentMethods}>
        {PAYMENT_METHODS.map((method) => (
          <option key={method} value={method} />
        ))}
      </datalist>
      <OrderField label="Appointment start" path="appointment.start">
        <input
          name="appointment.start"
          type="datetime-local"
          value={appointment.start}
          onChange={(e) => setAppointment({ start: e.target.value })}
        />
      </OrderField>
      <OrderField label="Appointment end" path="appointment.end">
        <input
          name="appointment.end"
          type="datetime-local"
          value={appointment.end}
          min={appointment.start || undefined}
          onChange={(e) => setAppointment({ end: e.target.value })}
        />
      </OrderField>
    </fieldset>
  );
}

/** The technicians to name on a DIRECT order, with their region, skills and room (GET /api/technicians/workload). */
function TechnicianOptions() {
  const technicians = $api.useQuery('get', '/api/technicians/workload', {});
  return (
    <>
      <option value="">
        {technicians.isPending
          ? 'Loading technicians…'
          : technicians.error
            ? 'Technicians unavailable'
            : 'Choose…'}
      </option>
      {(technicians.data ?? []).map((technician) => (
        <option key={technician.technicianId} value={technician.technicianId} disabled={!technician.active}>
          {technician.displayName} · {technician.region ?? 'no region'} ·{' '}
          {technician.skills.join(', ') || 'no skills'} ·{' '}
          {technician.active ? `${technician.freeCapacity} free` : 'away'}
        </option>
      ))}
    </>
  );
}

function DispatchFields({ draft, onChange }: SectionProps) {
  return (
    <fieldset>
      <legend>Dispatch</legend>
      <OrderField label="Required skills" path="requiredSkills" hint="Comma-separated, e.g. hvac, electrical">
        <input
          name="requiredSkills"
          value={draft.requiredSkills}
          onChange={(e) => onChange({ ...draft, requiredSkills: e.target.value })}
        />
      </OrderField>
      <OrderField label="Dispatch mode" path="dispatchMode">
        <select
          name="dispatchMode"
          value={draft.dispatchMode}
          onChange={(e) => onChange({ ...draft, dispatchMode: e.target.value as OrderDraft['dispatchMode'] })}
        >
          <Options labels={DISPATCH_MODE_LABELS} />
        </select>
      </OrderField>
      {draft.dispatchMode === 'DIRECT' && (
        <OrderField label="Technician" path="directTechnicianId" hint="Who the customer asked for">
          <select
            name="directTechnicianId"
            value={draft.directTechnicianId}
            onChange={(e) => onChange({ ...draft, directTechnicianId: e.target.value })}
          >
            <TechnicianOptions />
          </select>
        </OrderField>
      )}
    </fieldset>
  );
}

export type SectionName = 'order' | 'customer' | 'equipment' | 'items' | 'schedule' | 'dispatch';

/** The section that holds a body path (without prefix), or null when no section does. */
export function sectionOf(path: string): SectionName | null {
  const head = /^[A-Za-z]+/.exec(path)?.[0] ?? '';
  const sections: Record<string, SectionName> = {
    type: 'order',
    priority: 'order',
    channel: 'order',
    customer: 'customer',
    equipment: 'equipment',
    faultDescription: 'equipment',
    serviceItems: 'items',
    totalAmount: 'items',
    paymentMethod: 'schedule',
    appointment: 'schedule',
    requiredSkills: 'dispatch',
    dispatchMode: 'dispatch',
    directTechnicianId: 'dispatch',
  };
  return sections[head] ?? null;
}

const SECTIONS: Record<SectionName, (props: SectionProps & { typeLocked: boolean }) => ReactNode> = {
  order: BasicsFields,
  customer: CustomerFields,
  equipment: EquipmentFields,
  items: ServiceItemsFields,
  schedule: PaymentAndAppointmentFields,
  dispatch: DispatchFields,
};

/** The sections of the order form (all, or `only` these), with the reasons placed at their fields. */
export function OrderFields({
  draft,
  onChange,
  prefix,
  reasons,
  typeLocked = false,
  only,
}: SectionProps & {
  prefix: string;
  reasons: PlacedReasons;
  typeLocked?: boolean;
  only?: readonly SectionName[];
}) {
  const shown = (Object.keys(SECTIONS) as SectionName[]).filter((name) => !only || only.includes(name));
  return (
    <FormPlaceContext.Provider value={{ prefix, reasons }}>
      <div className="intake-sections">
        {shown.map((name) => {
          const Section = SECTIONS[name];
          return <Section key={name} draft={draft} onChange={onChange} typeLocked={typeLocked} />;
        })}
      </div>
    </FormPlaceContext.Provider>
  );
}
