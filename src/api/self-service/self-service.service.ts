import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import QRCode from 'qrcode';
import type { DataSource } from 'typeorm';
import { maskedAddress, parseDuration, type IntakeProblem } from '../../domain';
import {
  attemptsLeft,
  codeRefusal,
  selfServiceOrderDetails,
  type CodeRefusal,
} from '../../domain/self-service';
import {
  customerLinkSecret,
  mintCustomerLink,
  type CustomerLinkSettings,
} from '../../notifications/customer-link';
import { createSmsSender, type SmsSender } from '../../notifications/sms';
import { OrderIntakeEntity, type VerificationCodeEntity } from '../../persistence/entities';
import type { Actor } from '../../workflows/service-order/service-order.messages';
import { ApiErrorCode, ApiException } from '../common/api-error';
import { IntakeService } from '../orders/intake.service';
import type { RequestVerificationDto } from './dto/request-verification.dto';
import type { ServiceRequestCreatedDto } from './dto/service-request-created.dto';
import type { ServiceRequestDto } from './dto/service-request.dto';
import type { VerificationSentDto } from './dto/verification-sent.dto';
import { AddressLimit } from '../common/address-limit';
import { SELF_SERVICE_OPTIONS, type SelfServiceOptions } from './self-service.options';
import { verificationSms } from './verification-message';
import { VerificationCodes } from './verification-codes';

/** Who creates a self-service order: the customer, who has no account (so no id). */
const CUSTOMER: Actor = { id: null, role: 'customer', name: 'customer' };

/** Why a code was refused, in the 422's details; the request page words its message by it. */
export type CodeRefusalReason = CodeRefusal | 'UNKNOWN' | 'PHONE_MISMATCH' | 'WRONG';

function codeRefused(
  field: string,
  reason: CodeRefusalReason,
  message: string,
  extra: Record<string, unknown> = {},
): ApiException {
  return new ApiException(ApiErrorCode.UNPROCESSABLE, message, { field, reason, ...extra });
}

function rateLimited(message: string, retryAfterSeconds: number): ApiException {
  return new ApiException(ApiErrorCode.RATE_LIMITED, `${message}; try again in ${retryAfterSeconds} s`, {
    retryAfterSeconds,
  });
}

const IN_USE = () =>
  new ApiException(
    ApiErrorCode.CONFLICT,
    'This code is being used for a request right now; repeat the request in a moment to get its answer',
  );

/**
 * The public self-service request (docs/customer.md): a one-time code by SMS, then the order through the
 * clerk's intake path, so the same check decides INFO_REQUIRED or PENDING_REVIEW.
 */
@Injectable()
export class SelfServiceService implements OnModuleInit {
  private readonly logger = new Logger(SelfServiceService.name);
  private readonly sms: SmsSender | null;
  private readonly link: CustomerLinkSettings;
  private readonly requestPageUrl: string;
  private readonly dataSource: DataSource;
  private intake!: IntakeService;

  constructor(
    @Inject(SELF_SERVICE_OPTIONS) { config, dataSource }: SelfServiceOptions,
    private readonly codes: VerificationCodes,
    private readonly addresses: AddressLimit,
    private readonly moduleRef: ModuleRef,
  ) {
    this.dataSource = dataSource;
    this.sms = createSmsSender(config, dataSource);
    this.link = {
      publicBaseUrl: config.PUBLIC_BASE_URL,
      secret: customerLinkSecret(config),
      ttlSeconds: Math.floor(parseDuration(config.CUSTOMER_LINK_TTL) / 1000),
    };
    this.requestPageUrl = `${config.PUBLIC_BASE_URL}/request`;
  }

  // IntakeService belongs to the root AppModule, which this module cannot import; every provider exists by now.
  onModuleInit(): void {
    this.intake = this.moduleRef.get(IntakeService, { strict: false });
  }

  async sendCode(dto: RequestVerificationDto, address: string): Promise<VerificationSentDto> {
    const phone = this.intake.e164(dto.phone, 'phone');
    const admission = this.addresses.admit(address);
    if (!admission.admitted) {
      throw rateLimited('Too many codes were asked for from this address', admission.retryAfterSeconds);
    }
    if (!this.sms) {
      throw new ApiException(
        ApiErrorCode.UNAVAILABLE,
        'This server sends no SMS (SMS_PROVIDER is none), so no code can be sent; please call us instead',
      );
    }
    const outcome = await this.codes.issue(phone, address);
    if ('limited' in outcome) {
      throw rateLimited('Too many codes were sent to this phone', outcome.retryAfterSeconds);
    }
    const { id, code, expiresAt } = outcome.issued;
    try {
      await this.sms.send({ to: phone, text: verificationSms(code, dto.language) }, `verification:${id}`);
    } catch (error) {
      // The code still counts against the phone: the gateway may have delivered it after all.
      this.logger.warn(
        `Verification code ${id} not sent: ${error instanceof Error ? error.message : String(error)}`,
      );
      throw new ApiException(
        ApiErrorCode.UNAVAILABLE,
        'The code could not be sent by SMS; try again shortly',
      );
    }
    return {
      verificationId: id,
      expiresAt: expiresAt.toISOString(),
      sentTo: maskedAddress({ channel: 'SMS', to: phone }),
    };
  }

  async submit(dto: ServiceRequestDto): Promise<ServiceRequestCreatedDto> {
    const phone = this.intake.e164(dto.customer.phone, 'customer.phone');
    const row = await this.codes.find(dto.verificationId);
    if (!row) {
      throw codeRefused('verificationId', 'UNKNOWN', 'No such verification; ask for a new code');
    }
    if (row.phone !== phone) {
      throw codeRefused(
        'customer.phone',
        'PHONE_MISMATCH',
        'customer.phone must be the number the code was sent to',
      );
    }
    if (row.usedAt !== null) return this.repeat(row, dto.code);

    const tries = await this.codes.reserveTry(row.id);
    if (tries === null) {
      const current = (await this.codes.find(row.id)) ?? row;
      if (current.usedAt !== null) return this.repeat(current, dto.code);
      throw this.refusalOf(current);
    }
    if (!this.codes.matches(row, dto.code)) {
      const left = attemptsLeft(tries);
      throw left > 0
        ? codeRefused('code', 'WRONG', `Wrong code; ${left} ${left === 1 ? 'try' : 'tries'} left`, {
            attemptsLeft: left,
          })
        : codeRefused('code', 'TOO_MANY_ATTEMPTS', 'Wrong code, and no tries are left; ask for a new code', {
            attemptsLeft: 0,
          });
    }
    if (!(await this.codes.claim(row.id))) throw IN_USE();

    const details = selfServiceOrderDetails({
      type: dto.type,
      customer: { ...dto.customer, phone },
      equipment: dto.equipment,
      faultDescription: dto.faultDescription,
      preferredAppointment: dto.preferredAppointment,
    });
    let created: { orderNo: string; status: string; problems: IntakeProblem[] };
    try {
      // The JSON round-trip turns the validated DTO instances into the plain data the workflow receives.
      created = await this.intake.intake(JSON.parse(JSON.stringify(details)), CUSTOMER, null, dto);
    } catch (error) {
      // No order: the code goes back, so the customer can repeat the request with it.
      await this.codes
        .release(row.id)
        .catch((release: unknown) =>
          this.logger.warn(`Verification ${row.id} not released: ${String(release)}`),
        );
      throw error;
    }
    await this.codes.recordOrder(row.id, created.orderNo);
    return this.answer(created.orderNo, created.status, created.problems);
  }

  /** The poster's QR code: the request page, with the product model filled in when given. */
  /** The request page as customers reach it (`PUBLIC_BASE_URL`), with the model filled in when given. */
  requestPageUrlFor(model: string | undefined): string {
    return model === undefined
      ? this.requestPageUrl
      : `${this.requestPageUrl}?model=${encodeURIComponent(model)}`;
  }

  qrCodeSvg(model: string | undefined): Promise<string> {
    return QRCode.toString(this.requestPageUrlFor(model), {
      type: 'svg',
      errorCorrectionLevel: 'M',
      margin: 2,
    });
  }

  /** A used code: with the right code, the order it created (a repeat after a lost answer). */
  private async repeat(row: VerificationCodeEntity, code: string): Promise<ServiceRequestCreatedDto> {
    if (row.orderNo === null) throw IN_USE();
    if (!this.codes.matches(row, code)) {
      throw codeRefused('code', 'USED', 'This code has been used; ask for a new code for another request');
    }
    const intake = await this.dataSource
      .getRepository(OrderIntakeEntity)
      .findOneOrFail({ where: { orderNo: row.orderNo } });
    const first = intake.response as { status: string; problems: IntakeProblem[] };
    return this.answer(row.orderNo, first.status, first.problems);
  }

  /** An unused code that may not be tried: dead or expired. */
  private refusalOf(row: VerificationCodeEntity): ApiException {
    if (codeRefusal(row, new Date()) === 'TOO_MANY_ATTEMPTS') {
      return codeRefused('code', 'TOO_MANY_ATTEMPTS', 'Too many wrong codes; ask for a new code', {
        attemptsLeft: 0,
      });
    }
    // Expired by the database's clock, even where this server's clock is a little behind.
    return codeRefused('code', 'EXPIRED', 'This code has expired; ask for a new code');
  }

  private answer(orderNo: string, status: string, problems: IntakeProblem[]): ServiceRequestCreatedDto {
    const link = mintCustomerLink(this.link, orderNo);
    return {
      orderNo,
      status: status as ServiceRequestCreatedDto['status'],
      link: link.url,
      linkExpiresAt: link.expiresAt,
      problems,
    };
  }
}
