import { METADATA_ENCODING_KEY, type Payload, ValueError, defaultPayloadConverter } from '@temporalio/common';
import { randomBytes } from 'node:crypto';
import { ConfigError, loadConfig } from '../config/app-config';
import { createDataConverter } from './data-converter';
import { ENCRYPTED_ENCODING, EncryptionCodec, METADATA_ENCRYPTION_KEY_ID, keyIdOf } from './payload-codec';

const text = (bytes: Uint8Array | null | undefined) =>
  Buffer.from(bytes ?? new Uint8Array()).toString('utf8');
const customer = { name: 'Zhang Wei', phone: '+86 138 0013 8000', address: '88 Renmin Road, Shanghai' };

describe(EncryptionCodec.name, () => {
  const key = randomBytes(32);
  const codec = new EncryptionCodec(key);
  const payload = (value: unknown): Payload => defaultPayloadConverter.toPayload(value);

  it('round-trips payloads, restoring their original metadata', async () => {
    const originals = [payload({ orderNo: 'SO-1', customer }), payload('a summary'), payload(undefined)];
    const encoded = await codec.encode(originals);
    expect(encoded).toHaveLength(3);
    for (const sealed of encoded) {
      expect(text(sealed.metadata?.[METADATA_ENCODING_KEY])).toBe(ENCRYPTED_ENCODING);
      expect(text(sealed.metadata?.[METADATA_ENCRYPTION_KEY_ID])).toBe(keyIdOf(key));
      expect(Object.keys(sealed.metadata ?? {})).toHaveLength(2);
    }
    expect(text(encoded[0].data)).not.toContain('Zhang Wei');

    const decoded = await codec.decode(encoded);
    expect(decoded.map((p) => defaultPayloadConverter.fromPayload(p))).toEqual([
      { orderNo: 'SO-1', customer },
      'a summary',
      undefined,
    ]);
    expect(text(decoded[0].metadata?.[METADATA_ENCODING_KEY])).toBe('json/plain');
  });

  it('uses a fresh IV for each payload, so equal values give different ciphertexts', async () => {
    const [first, second] = await codec.encode([payload(customer), payload(customer)]);
    expect(Buffer.from(first.data ?? []).equals(Buffer.from(second.data ?? []))).toBe(false);
    expect(
      Buffer.from(first.data ?? [])
        .subarray(0, 12)
        .equals(Buffer.from(second.data ?? []).subarray(0, 12)),
    ).toBe(false);
  });

  it.each([
    ['ciphertext byte', (data: Buffer) => (data[20] ^= 0x01)],
    ['IV', (data: Buffer) => (data[0] ^= 0x01)],
    ['auth tag', (data: Buffer) => (data[data.length - 1] ^= 0x01)],
  ])('refuses a payload with an altered %s', async (_part, tamper) => {
    const [sealed] = await codec.encode([payload(customer)]);
    const data = Buffer.from(sealed.data ?? []);
    tamper(data);
    await expect(codec.decode([{ ...sealed, data }])).rejects.toThrow(ValueError);
    await expect(codec.decode([{ ...sealed, data }])).rejects.toThrow(/failed authentication/);
  });

  it('refuses a truncated payload', async () => {
    const [sealed] = await codec.encode([payload(customer)]);
    await expect(
      codec.decode([{ ...sealed, data: Buffer.from(sealed.data ?? []).subarray(0, 20) }]),
    ).rejects.toThrow(/too short/);
  });

  it('leaves payloads it did not encrypt untouched (histories written before the key was set)', async () => {
    const plain = [payload({ customer }), payload(null), { metadata: {}, data: new Uint8Array([1, 2]) }, {}];
    const decoded = await codec.decode(plain);
    decoded.forEach((p, i) => expect(p).toBe(plain[i]));
  });

  it('names the key id it does not hold, and refuses a payload without one', async () => {
    const [sealed] = await new EncryptionCodec(randomBytes(32)).encode([payload(customer)]);
    const foreignId = text(sealed.metadata?.[METADATA_ENCRYPTION_KEY_ID]);
    await expect(codec.decode([sealed])).rejects.toThrow(
      new ValueError(`Payload was encrypted with key "${foreignId}", which this codec does not hold`),
    );

    const { [METADATA_ENCRYPTION_KEY_ID]: _dropped, ...withoutId } = sealed.metadata ?? {};
    await expect(codec.decode([{ ...sealed, metadata: withoutId }])).rejects.toThrow(/no encryption-key-id/);
  });

  it('binds the key id to the ciphertext: relabelling a payload with another held key fails', async () => {
    const other = randomBytes(32);
    const both = new EncryptionCodec(key, [other]);
    const [sealed] = await both.encode([payload(customer)]);
    const relabelled = {
      ...sealed,
      metadata: { ...sealed.metadata, [METADATA_ENCRYPTION_KEY_ID]: Buffer.from(keyIdOf(other)) },
    };
    await expect(both.decode([relabelled])).rejects.toThrow(/failed authentication/);
  });

  it('decrypts with a previous key after rotation and encrypts with the current one', async () => {
    const [old] = await codec.encode([payload(customer)]);
    const rotated = new EncryptionCodec(randomBytes(32), [key]);
    expect(defaultPayloadConverter.fromPayload((await rotated.decode([old]))[0])).toEqual(customer);
    const [fresh] = await rotated.encode([payload(customer)]);
    expect(text(fresh.metadata?.[METADATA_ENCRYPTION_KEY_ID])).toBe(rotated.currentKeyId);
  });

  it('refuses keys that are not 32 bytes', () => {
    expect(() => new EncryptionCodec(randomBytes(16))).toThrow(RangeError);
    expect(() => EncryptionCodec.fromBase64(randomBytes(31).toString('base64'))).toThrow(
      /PAYLOAD_ENCRYPTION_KEY/,
    );
  });
});

describe(createDataConverter.name, () => {
  it('returns undefined without a key, so payloads stay plain', () => {
    expect(createDataConverter({ PAYLOAD_ENCRYPTION_KEY: undefined })).toBeUndefined();
  });

  it('encrypts every payload with the configured key', async () => {
    const key = randomBytes(32).toString('base64');
    const converter = createDataConverter({ PAYLOAD_ENCRYPTION_KEY: key });
    const [sealed] = await converter!.payloadCodecs![0].encode([defaultPayloadConverter.toPayload(customer)]);
    expect(text(sealed.metadata?.[METADATA_ENCRYPTION_KEY_ID])).toBe(keyIdOf(Buffer.from(key, 'base64')));
  });
});

describe('key rotation through configuration', () => {
  it('reads payloads of a previous key and writes with the current one', async () => {
    const oldKey = randomBytes(32).toString('base64');
    const newKey = randomBytes(32).toString('base64');
    const before = createDataConverter(loadConfig({ PAYLOAD_ENCRYPTION_KEY: oldKey }))!.payloadCodecs![0];
    const [sealedBefore] = await before.encode([defaultPayloadConverter.toPayload(customer)]);

    const config = loadConfig({
      PAYLOAD_ENCRYPTION_KEY: newKey,
      PAYLOAD_PREVIOUS_ENCRYPTION_KEYS: ` ${oldKey} `,
    });
    const after = createDataConverter(config)!.payloadCodecs![0];
    expect(defaultPayloadConverter.fromPayload((await after.decode([sealedBefore]))[0])).toEqual(customer);
    const [sealedAfter] = await after.encode([defaultPayloadConverter.toPayload(customer)]);
    expect(text(sealedAfter.metadata?.[METADATA_ENCRYPTION_KEY_ID])).toBe(
      keyIdOf(Buffer.from(newKey, 'base64')),
    );
    // Without the previous key the old payloads cannot be read.
    const forgetful = createDataConverter(loadConfig({ PAYLOAD_ENCRYPTION_KEY: newKey }))!.payloadCodecs![0];
    await expect(forgetful.decode([sealedBefore])).rejects.toThrow();
  });

  it('refuses a malformed previous key naming the variable', () => {
    expect(() =>
      loadConfig({
        PAYLOAD_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
        PAYLOAD_PREVIOUS_ENCRYPTION_KEYS: 'not-a-key',
      }),
    ).toThrow(/PAYLOAD_PREVIOUS_ENCRYPTION_KEYS/);
  });
});

describe('PAYLOAD_ENCRYPTION_KEY and CODEC_CORS_ORIGINS validation', () => {
  it('accepts the base64 of 32 bytes and comma-separated origins', () => {
    const key = randomBytes(32).toString('base64');
    const config = loadConfig({
      PAYLOAD_ENCRYPTION_KEY: key,
      CODEC_CORS_ORIGINS: 'http://localhost:8233, https://temporal.example.com',
    });
    expect(config.PAYLOAD_ENCRYPTION_KEY).toBe(key);
    expect(loadConfig({ PAYLOAD_ENCRYPTION_KEY: '' }).PAYLOAD_ENCRYPTION_KEY).toBeUndefined();
  });

  it.each([
    ['16 bytes', { PAYLOAD_ENCRYPTION_KEY: randomBytes(16).toString('base64') }, 'PAYLOAD_ENCRYPTION_KEY'],
    ['33 bytes', { PAYLOAD_ENCRYPTION_KEY: randomBytes(33).toString('base64') }, 'PAYLOAD_ENCRYPTION_KEY'],
    [
      'a passphrase',
      { PAYLOAD_ENCRYPTION_KEY: 'correct horse battery staple correct horse!!' },
      'PAYLOAD_ENCRYPTION_KEY',
    ],
    ['non-canonical base64', { PAYLOAD_ENCRYPTION_KEY: `${'A'.repeat(42)}B=` }, 'PAYLOAD_ENCRYPTION_KEY'],
    ['an origin with a path', { CODEC_CORS_ORIGINS: 'http://localhost:8233/ui' }, 'CODEC_CORS_ORIGINS'],
    ['a bare host', { CODEC_CORS_ORIGINS: 'localhost:8233' }, 'CODEC_CORS_ORIGINS'],
  ])('refuses %s', (_what, env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(variable);
  });
});
