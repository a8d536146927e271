import type { DataConverter } from '@temporalio/common';
import type { AppConfig } from '../config/app-config';
import { EncryptionCodec } from './payload-codec';

/**
 * The data converter every client and worker of the product uses (SPEC §6): with PAYLOAD_ENCRYPTION_KEY set,
 * every payload is encrypted; without it, plain JSON payloads (undefined = the SDK default).
 *
 * Why every payload and not just the fields with customer data: the customer's name, phone and address travel
 * inside order inputs, update/query results, activity inputs and results and notification payloads; a per-field
 * rule would have to follow each new message, and one missed field leaks. AES-GCM on small JSON costs microseconds.
 * Not encrypted, on purpose or by Temporal's design:
 * - search attributes (never passed through codecs; admins filter on them, so they must hold no personal data);
 * - failure messages and stack traces (keep customer data out of error messages; encrypting them needs
 *   `failureConverterPath` with `encodeCommonAttributes`, which must also be bundled into the workflow code);
 * Encrypted too, as a consequence: the readable summaries of timers and activities (user metadata goes through the
 * codec like any payload), so the Web UI shows them only once its codec endpoint is configured.
 */
export function createDataConverter(
  config: Pick<AppConfig, 'PAYLOAD_ENCRYPTION_KEY'> &
    Partial<Pick<AppConfig, 'PAYLOAD_PREVIOUS_ENCRYPTION_KEYS'>>,
): DataConverter | undefined {
  if (!config.PAYLOAD_ENCRYPTION_KEY) return undefined;
  const codec = EncryptionCodec.fromBase64(
    config.PAYLOAD_ENCRYPTION_KEY,
    config.PAYLOAD_PREVIOUS_ENCRYPTION_KEYS ?? [],
  );
  return { payloadCodecs: [codec] };
}
