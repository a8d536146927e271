import { Injectable, PipeTransform } from '@nestjs/common';
import { ORDER_TYPES, type OrderType } from '../../domain';
import { ApiException } from '../common/api-error';
import { isOrderType } from './policies.service';
import { CALENDAR_NAME_PATTERN } from './policy.dto';

/** `{orderType}` path parameters of the policy routes: one of the order types. */
@Injectable()
export class OrderTypePipe implements PipeTransform<string, OrderType> {
  transform(value: string): OrderType {
    if (!isOrderType(value)) {
      throw ApiException.validation([
        { field: 'orderType', reasons: [`must be one of ${ORDER_TYPES.join(', ')}`] },
      ]);
    }
    return value;
  }
}

/** `{name}` path parameters of the calendar routes. */
@Injectable()
export class CalendarNamePipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!CALENDAR_NAME_PATTERN.test(value)) {
      throw ApiException.validation([
        { field: 'name', reasons: ['must be 1–100 letters, digits, _ . or -'] },
      ]);
    }
    return value;
  }
}
