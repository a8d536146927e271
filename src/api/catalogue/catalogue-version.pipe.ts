import { Injectable, PipeTransform } from '@nestjs/common';
import { ApiException } from '../common/api-error';

/** `{version}` of GET /api/price-catalogue/versions/{version}: a positive integer. */
@Injectable()
export class CatalogueVersionPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    const version = /^\d{1,9}$/.test(value) ? Number(value) : Number.NaN;
    if (!(version >= 1)) {
      throw ApiException.validation([{ field: 'version', reasons: ['must be a positive whole number'] }]);
    }
    return version;
  }
}
