import { Body, Controller, HttpCode, Inject, Post, UseInterceptors } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import type { AppConfig } from '../../config/app-config';
import { customerAddressesFor, isTerminalStatus, maskedAddress } from '../../domain';
import { checkCustomerLink, customerLinkSecret } from '../../notifications/customer-link';
import { sendCustomerLink } from '../../workflows/service-order/service-order.messages';
import { ApiErrorCode, ApiException } from '../common/api-error';
import { AddressLimit } from '../common/address-limit';
import { ApiProtected } from '../common/api-errors.decorator';
import { Public } from '../common/auth.decorators';
import { ClientAddress } from '../common/client-address';
import { RetryAfterInterceptor } from '../common/retry-after.interceptor';
import { APP_CONFIG } from '../common/tokens';
import { OrderAccessService } from './order-access.service';
import { OrdersService } from './orders.service';

const LINK_REQUESTS_PER_ADDRESS = { requests: 10, windowMs: 15 * 60_000 };

export class CustomerLinkRequestDto {
  @ApiProperty({ description: 'The token of the link the customer has (expired or not), from its `#t=`' })
  @IsString()
  @MinLength(10)
  @MaxLength(2000)
  readonly token: string;
}

export class CustomerLinkSentDto {
  @ApiProperty({
    type: String,
    isArray: true,
    description: 'Where the fresh link went, masked (`+86 •••• 0001`)',
  })
  readonly sentTo: string[];
}

/**
 * A fresh link for a customer whose link expired. It takes the old link as proof: only a link this
 * server signed for the order asks for one, and the new one goes to the contacts on file, never to an
 * address given here. The order allows one request a minute, a client address ten in 15 minutes.
 */
@ApiTags('customer')
@Controller('customer-links')
@UseInterceptors(RetryAfterInterceptor)
export class CustomerLinksController {
  /** Per client address, besides the order's own one a minute: a guessing client is cut off early. */
  private readonly addresses = new AddressLimit(LINK_REQUESTS_PER_ADDRESS);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly access: OrderAccessService,
    private readonly orders: OrdersService,
  ) {}

  @Post()
  @Public()
  @HttpCode(202)
  @ApiOperation({
    summary: "Send a fresh link to the customer's phone or e-mail on file (the old link proves who asks)",
  })
  @ApiAcceptedResponse({ type: CustomerLinkSentDto })
  @ApiProtected(400, 401, 404, 409, 422, 429, 503)
  async request(
    @Body() dto: CustomerLinkRequestDto,
    @ClientAddress() address: string,
  ): Promise<CustomerLinkSentDto> {
    const admission = this.addresses.admit(address);
    if (!admission.admitted) {
      throw new ApiException(
        ApiErrorCode.RATE_LIMITED,
        `Too many links were asked for from this address; try again in ${admission.retryAfterSeconds} s`,
        { retryAfterSeconds: admission.retryAfterSeconds },
      );
    }
    const link = checkCustomerLink(customerLinkSecret(this.config), dto.token);
    if (link.kind === 'INVALID') throw ApiException.unauthenticated('The link is not valid');
    const { view } = await this.access.load(link.orderNo);
    if (isTerminalStatus(view.status)) {
      throw new ApiException(
        ApiErrorCode.ACTION_NOT_ALLOWED,
        `Order ${view.orderNo} is ${view.status}; it sends no more links`,
        { status: view.status, allowedActions: [] },
      );
    }
    const addresses = customerAddressesFor(view.details.customer).filter((address) =>
      address.channel === 'SMS' ? this.config.SMS_PROVIDER !== 'none' : Boolean(this.config.SMTP_URL),
    );
    if (addresses.length === 0) {
      throw new ApiException(
        ApiErrorCode.UNPROCESSABLE,
        'The order has no phone or e-mail the customer agreed to be written to; call the service desk',
        { field: 'customer.messageConsent' },
      );
    }
    await this.orders.command(
      { kind: 'customer', orderNo: view.orderNo },
      view.orderNo,
      [],
      sendCustomerLink,
      {},
    );
    return { sentTo: addresses.map(maskedAddress) };
  }
}
