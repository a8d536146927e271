import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Dependency-injection tokens for what createApp hands to the module. */
export const APP_CONFIG = Symbol('APP_CONFIG');
export const TEMPORAL_CLIENT = Symbol('TEMPORAL_CLIENT');
export const APP_OPTIONS = Symbol('APP_OPTIONS');

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function sameHex(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && left.length > 0 && timingSafeEqual(left, right);
}

export function randomNonce(): string {
  return randomBytes(16).toString('hex');
}

/**
 * The customer token of an order: HMAC of a stored random nonce under the server secret. Only its
 * sha256 is stored; an idempotent replay of the intake re-derives the same token from the nonce.
 */
export function deriveCustomerToken(secret: string, orderNo: string, nonce: string): string {
  return createHmac('sha256', secret).update(`customer-token:${orderNo}:${nonce}`).digest('base64url');
}
