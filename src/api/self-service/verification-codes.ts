import { createHmac, randomInt, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import {
  CODES_PER_PHONE,
  formatVerificationCode,
  MAX_WRONG_CODE_ATTEMPTS,
  VERIFICATION_CODE_DIGITS,
  VERIFICATION_CODE_TTL_MS,
} from '../../domain/self-service';
import { VerificationCodeEntity } from '../../persistence/entities';
import { sameHex } from '../common/tokens';

export interface IssuedCode {
  id: string;
  /** Only ever in memory, on its way into the SMS. */
  code: string;
  expiresAt: Date;
}

export type IssueOutcome = { issued: IssuedCode } | { limited: true; retryAfterSeconds: number };

/** The key codes are hashed under: derived from JWT_SECRET, so it needs no setting of its own. */
export function verificationKey(config: { JWT_SECRET: string }): Buffer {
  return createHmac('sha256', config.JWT_SECRET).update('verification-codes').digest();
}

/**
 * The verification_codes table. Every change a race could get wrong is one conditional UPDATE, so two
 * requests can neither both use a code nor get more tries than MAX_WRONG_CODE_ATTEMPTS between them.
 * Times are the database's (now()), the one clock every API instance shares.
 */
export class VerificationCodes {
  constructor(
    private readonly dataSource: DataSource,
    private readonly key: Buffer,
  ) {}

  /** A new code for the phone, unless CODES_PER_PHONE.codes went to it within the window. */
  issue(phone: string, requesterIp: string): Promise<IssueOutcome> {
    return this.dataSource.transaction(async (manager) => {
      // One issuer per phone at a time, so two concurrent requests cannot both see room for one more code.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`verification-codes:${phone}`]);
      const [recent] = (await manager.query(
        `SELECT count(*)::int AS codes,
                EXTRACT(EPOCH FROM min(created_at) + $2 * interval '1 millisecond' - now())::float8 AS opens_in
           FROM verification_codes
          WHERE phone = $1 AND created_at > now() - $2 * interval '1 millisecond'`,
        [phone, CODES_PER_PHONE.windowMs],
      )) as { codes: number; opens_in: number | null }[];
      if (recent.codes >= CODES_PER_PHONE.codes) {
        return { limited: true, retryAfterSeconds: Math.max(1, Math.ceil(recent.opens_in ?? 1)) };
      }
      const id = randomUUID();
      const code = formatVerificationCode(randomInt(0, 10 ** VERIFICATION_CODE_DIGITS));
      const [row] = (await manager.query(
        `INSERT INTO verification_codes (id, phone, code_hash, expires_at, requester_ip)
         VALUES ($1, $2, $3, now() + $4 * interval '1 millisecond', $5) RETURNING expires_at`,
        [id, phone, this.hash(id, code), VERIFICATION_CODE_TTL_MS, requesterIp],
      )) as { expires_at: Date }[];
      return { issued: { id, code, expiresAt: row.expires_at } };
    });
  }

  find(id: string): Promise<VerificationCodeEntity | null> {
    return this.dataSource.getRepository(VerificationCodeEntity).findOne({ where: { id } });
  }

  /** Constant-time: how long the comparison takes says nothing about how close a guess was. */
  matches(row: VerificationCodeEntity, code: string): boolean {
    return sameHex(this.hash(row.id, code), row.codeHash);
  }

  /**
   * Counts a try before the code is compared; the tries so far, or null when the code may not be tried
   * (used, dead or expired: read the row again to say which).
   */
  async reserveTry(id: string): Promise<number | null> {
    const rows = await this.update<{ attempts: number }>(
      `UPDATE verification_codes SET attempts = attempts + 1
        WHERE id = $1 AND used_at IS NULL AND attempts < $2 AND expires_at > now() RETURNING attempts`,
      [id, MAX_WRONG_CODE_ATTEMPTS],
    );
    return rows[0]?.attempts ?? null;
  }

  /** Marks the code used; false when another request did first. */
  async claim(id: string): Promise<boolean> {
    const rows = await this.update(
      `UPDATE verification_codes SET used_at = now() WHERE id = $1 AND used_at IS NULL RETURNING id`,
      [id],
    );
    return rows.length > 0;
  }

  /** Gives a claimed code back when its request failed before any order existed, so a retry may use it. */
  async release(id: string): Promise<void> {
    await this.update(`UPDATE verification_codes SET used_at = NULL WHERE id = $1 AND order_no IS NULL`, [
      id,
    ]);
  }

  async recordOrder(id: string, orderNo: string): Promise<void> {
    await this.update(`UPDATE verification_codes SET order_no = $2 WHERE id = $1`, [id, orderNo]);
  }

  private hash(id: string, code: string): string {
    return createHmac('sha256', this.key).update(`${id}:${code}`).digest('hex');
  }

  // TypeORM's PostgreSQL driver answers an UPDATE with [rows, rowCount].
  private async update<Row = unknown>(sql: string, parameters: unknown[]): Promise<Row[]> {
    const [rows] = (await this.dataSource.query(sql, parameters)) as [Row[], number];
    return rows;
  }
}
