import { Injectable, PipeTransform } from '@nestjs/common';
import { ORDER_NO_PATTERN } from '../../domain';
import { ApiException } from './api-error';

/** `orderNo` path parameters must look like `SO-YYYYMMDD-NNNNNN`. */
@Injectable()
export class OrderNoPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!ORDER_NO_PATTERN.test(value)) {
      throw ApiException.validation([{ field: 'orderNo', reasons: ['must look like SO-YYYYMMDD-NNNNNN'] }]);
    }
    return value;
  }
}

/** uuid path parameters (users, escalations, notifications). */
@Injectable()
export class UuidPipe implements PipeTransform<string, string> {
  constructor(private readonly field = 'id') {}

  transform(value: string): string {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)) {
      throw ApiException.validation([{ field: this.field, reasons: ['must be a uuid'] }]);
    }
    return value;
  }
}
