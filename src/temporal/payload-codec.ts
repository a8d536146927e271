import { METADATA_ENCODING_KEY, type Payload, type PayloadCodec, ValueError } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/** Metadata `encoding` of a payload this codec encrypted (the value Temporal's samples use in every SDK). */
export const ENCRYPTED_ENCODING = 'binary/encrypted';
/** Metadata key naming the key that encrypted a payload, so a rotated-out key can still decrypt old histories. */
export const METADATA_ENCRYPTION_KEY_ID = 'encryption-key-id';

const CIPHER = 'aes-256-gcm';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();

/**
 * AES-256-GCM over whole payloads. The original payload (its metadata, e.g. `json/plain`, and its data) is
 * serialised and encrypted, so the server stores only `binary/encrypted` + key id + `iv ‖ ciphertext ‖ tag`.
 * The key id is bound as additional authenticated data: swapping it on a stored payload fails decryption.
 *
 * Runs in clients and workers (outside the workflow sandbox), hence node:crypto.
 */
export class EncryptionCodec implements PayloadCodec {
  private readonly keys: ReadonlyMap<string, Buffer>;
  /** Id written into `encryption-key-id`: a short fingerprint of the key, so a wrong key is named, not guessed at. */
  readonly currentKeyId: string;

  /** `current` encrypts; `previous` keys only decrypt (histories written before a rotation). Keys are raw 32 bytes. */
  constructor(current: Buffer, previous: readonly Buffer[] = []) {
    const keys = new Map<string, Buffer>();
    for (const key of [current, ...previous]) {
      if (key.length !== KEY_BYTES)
        throw new RangeError(`An AES-256 key has ${KEY_BYTES} bytes, got ${key.length}`);
      keys.set(keyIdOf(key), key);
    }
    this.keys = keys;
    this.currentKeyId = keyIdOf(current);
  }

  /** From PAYLOAD_ENCRYPTION_KEY-style values: base64 of 32 random bytes (`openssl rand -base64 32`). */
  static fromBase64(current: string, previous: readonly string[] = []): EncryptionCodec {
    return new EncryptionCodec(decodeKey(current), previous.map(decodeKey));
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    const key = this.keys.get(this.currentKeyId) as Buffer;
    const aad = utf8.encode(this.currentKeyId);
    return payloads.map((payload) => ({
      metadata: {
        [METADATA_ENCODING_KEY]: utf8.encode(ENCRYPTED_ENCODING),
        [METADATA_ENCRYPTION_KEY_ID]: aad,
      },
      data: encrypt(temporal.api.common.v1.Payload.encode(payload).finish(), key, aad),
    }));
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      const encoding = payload.metadata?.[METADATA_ENCODING_KEY];
      // Payloads written before a key was configured (or by another codec) pass through untouched.
      if (!encoding || fromUtf8.decode(encoding) !== ENCRYPTED_ENCODING) return payload;

      const keyIdBytes = payload.metadata?.[METADATA_ENCRYPTION_KEY_ID];
      if (!keyIdBytes) throw new ValueError(`Encrypted payload has no ${METADATA_ENCRYPTION_KEY_ID}`);
      const keyId = fromUtf8.decode(keyIdBytes);
      const key = this.keys.get(keyId);
      if (!key)
        throw new ValueError(`Payload was encrypted with key "${keyId}", which this codec does not hold`);
      if (!payload.data) throw new ValueError('Encrypted payload has no data');
      return temporal.api.common.v1.Payload.decode(decrypt(payload.data, key, keyIdBytes, keyId));
    });
  }
}

export function keyIdOf(key: Uint8Array): string {
  return `sha256:${createHash('sha256').update(key).digest('hex').slice(0, 16)}`;
}

function decodeKey(base64: string): Buffer {
  const key = Buffer.from(base64.trim(), 'base64');
  if (key.length !== KEY_BYTES) {
    throw new RangeError(
      `PAYLOAD_ENCRYPTION_KEY must be the base64 of ${KEY_BYTES} bytes; it decodes to ${key.length}`,
    );
  }
  return key;
}

function encrypt(plaintext: Uint8Array, key: Buffer, aad: Uint8Array): Uint8Array {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(CIPHER, key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad);
  return Buffer.concat([iv, cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
}

function decrypt(sealed: Uint8Array, key: Buffer, aad: Uint8Array, keyId: string): Uint8Array {
  if (sealed.length < IV_BYTES + TAG_BYTES) throw new ValueError('Encrypted payload is too short');
  const bytes = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
  const decipher = createDecipheriv(CIPHER, key, bytes.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
  decipher.setAAD(aad);
  decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
  try {
    return Buffer.concat([
      decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)),
      decipher.final(),
    ]);
  } catch {
    // GCM says only "unable to authenticate": the bytes or the key id were altered, or the key is not the one named.
    throw new ValueError(`Encrypted payload failed authentication with key "${keyId}" (tampered or corrupt)`);
  }
}
