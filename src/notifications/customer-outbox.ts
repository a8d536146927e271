// The customer's messages: one outbox row per channel the customer agreed to and has an address for,
// each holding the message exactly as sent (with its own fresh link), under a key that names the order,
// the message and the channel, so a retried activity adds no row and `deliver` never sends one twice.
import type { DataSource } from 'typeorm';
import type { CustomerMessageInput, CustomerMessageResult } from '../activities/notification.contract';
import { customerAddressesFor, customerLanguageOf, maskedAddress, type CustomerAddress } from '../domain';
import { mintCustomerLink, type CustomerLinkSettings } from './customer-link';
import { renderCustomerMessage, type CustomerMessageFormat } from './customer-templates';
import type { EmailPayload } from './email';
import { boundedKey, deliveryKey, messageIdFor } from './idempotency';
import { insertDeliveries, type OutboxRow } from './outbox';
import type { SmsPayload } from './sms';

export interface CustomerOutboxSettings {
  emailEnabled: boolean;
  smsEnabled: boolean;
  messageIdDomain: string;
  link: CustomerLinkSettings;
  format: CustomerMessageFormat;
}

/** The recipient part of a customer row's key: one customer per order. */
export const CUSTOMER_RECIPIENT = 'customer';

export async function recordCustomerMessage(
  dataSource: DataSource,
  input: CustomerMessageInput,
  settings: CustomerOutboxSettings,
  now = Date.now(),
): Promise<CustomerMessageResult> {
  const addresses = customerAddressesFor(input.customer).filter((address) =>
    address.channel === 'SMS' ? settings.smsEnabled : settings.emailEnabled,
  );
  if (addresses.length === 0) return { deliveryIds: [], sentTo: [] };
  const link = mintCustomerLink(settings.link, input.orderNo, now);
  const message = renderCustomerMessage(
    input.kind,
    customerLanguageOf(input.customer),
    { ...input.facts, orderNo: input.orderNo, customerName: input.customer.name },
    link,
    settings.format,
  );
  const sourceKey = boundedKey(input.idempotencyKey);
  const rows = addresses.map((address): OutboxRow => {
    const key = deliveryKey(sourceKey, CUSTOMER_RECIPIENT, address.channel);
    return { key, channel: address.channel, recipient: address.to, payload: payloadFor(address, key) };
  });
  const deliveryIds = await dataSource.transaction((manager) =>
    insertDeliveries(manager, sourceKey, input.orderNo, rows),
  );
  return { deliveryIds, sentTo: addresses.map(maskedAddress) };

  function payloadFor(address: CustomerAddress, key: string): EmailPayload | SmsPayload {
    return address.channel === 'SMS'
      ? { to: address.to, text: message.sms }
      : {
          to: address.to,
          subject: message.subject,
          text: message.text,
          html: message.html,
          messageId: messageIdFor(key, settings.messageIdDomain),
        };
  }
}
