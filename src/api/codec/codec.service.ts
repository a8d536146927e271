import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { createDataConverter } from '../../temporal/data-converter';
import { codecError } from './codec.errors';
import { CODEC_OPTIONS, type CodecModuleOptions } from './codec.options';

/** A Payload as proto3 JSON: every bytes field (metadata values, data) is base64. */
export interface JsonPayload {
  metadata?: Record<string, string>;
  data?: string;
}

/** Body of both requests and both answers of the remote codec protocol. */
export interface CodecPayloadsBody {
  payloads: JsonPayload[];
}

// proto3 JSON accepts standard and URL-safe base64, padded or not.
const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;

/** The remote codec protocol (Temporal samples-go `codec-server`) over the same codecs our clients and workers use. */
@Injectable()
export class CodecService {
  private readonly logger = new Logger(CodecService.name);
  private readonly codecs: PayloadCodec[];
  private readonly namespace: string;

  constructor(@Inject(CODEC_OPTIONS) options: CodecModuleOptions) {
    this.codecs = createDataConverter(options.config)?.payloadCodecs ?? [];
    this.namespace = options.config.TEMPORAL_NAMESPACE;
  }

  async decode(body: unknown, namespace: string | undefined, adminId: string): Promise<CodecPayloadsBody> {
    const payloads = this.readRequest(body, namespace);
    let decoded = payloads;
    try {
      // Codecs decode in the reverse of the order they encode.
      for (const codec of [...this.codecs].reverse()) decoded = await codec.decode(decoded);
    } catch (error) {
      throw codecError(
        400,
        `The payloads could not be decoded: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    // Who read customer data, and how much: the audit trail of SPEC §6.
    this.logger.log(`Admin ${adminId} decoded ${payloads.length} payload(s) of namespace ${this.namespace}`);
    return { payloads: decoded.map(toJson) };
  }

  async encode(body: unknown, namespace: string | undefined): Promise<CodecPayloadsBody> {
    let encoded = this.readRequest(body, namespace);
    try {
      for (const codec of this.codecs) encoded = await codec.encode(encoded);
    } catch (error) {
      throw codecError(
        400,
        `The payloads could not be encoded: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    return { payloads: encoded.map(toJson) };
  }

  private readRequest(body: unknown, namespace: string | undefined): Payload[] {
    // One key serves one namespace; the Web UI says which one in X-Namespace. The CLI sends the header
    // empty (temporal 1.5), which means "not said".
    if (namespace !== undefined && namespace !== '' && namespace !== this.namespace) {
      throw codecError(400, `This codec serves the namespace "${this.namespace}", not "${namespace}"`);
    }
    if (
      typeof body !== 'object' ||
      body === null ||
      !Array.isArray((body as { payloads?: unknown }).payloads)
    ) {
      throw codecError(400, 'The body must be {"payloads": [{"metadata": {...}, "data": "<base64>"}]}');
    }
    return (body as { payloads: unknown[] }).payloads.map((payload, index) => fromJson(payload, index));
  }
}

function fromJson(value: unknown, index: number): Payload {
  const bad = (reason: string) => codecError(400, `payloads[${index}] ${reason}`);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw bad('must be an object');
  const { metadata, data } = value as { metadata?: unknown; data?: unknown };
  if (data !== undefined && data !== null && (typeof data !== 'string' || !BASE64.test(data)))
    throw bad('.data must be base64');
  if (
    metadata !== undefined &&
    metadata !== null &&
    (typeof metadata !== 'object' || Array.isArray(metadata))
  ) {
    throw bad('.metadata must be an object of base64 strings');
  }
  const entries = Object.entries((metadata ?? {}) as Record<string, unknown>).map(
    ([key, encoded]): [string, Uint8Array] => {
      if (typeof encoded !== 'string' || !BASE64.test(encoded)) throw bad(`.metadata.${key} must be base64`);
      return [key, Buffer.from(encoded, 'base64')];
    },
  );
  return {
    metadata: Object.fromEntries(entries),
    data: Buffer.from(typeof data === 'string' ? data : '', 'base64'),
  };
}

function toJson(payload: Payload): JsonPayload {
  const metadata = Object.fromEntries(
    Object.entries(payload.metadata ?? {}).map(([key, bytes]): [string, string] => [
      key,
      Buffer.from(bytes).toString('base64'),
    ]),
  );
  return { metadata, data: Buffer.from(payload.data ?? new Uint8Array()).toString('base64') };
}
