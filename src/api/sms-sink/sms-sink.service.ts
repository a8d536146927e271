import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../config/app-config';
import { SmsSinkMessageEntity } from '../../persistence/entities';
import { ApiException } from '../common/api-error';
import { APP_CONFIG } from '../common/tokens';
import type { SmsSinkMessageDto, SmsSinkPageDto, SmsSinkQueryDto } from './sms-sink.dto';

function toDto(row: SmsSinkMessageEntity): SmsSinkMessageDto {
  return {
    id: row.id,
    to: row.recipient,
    sender: row.sender,
    text: row.text,
    createdAt: row.createdAt.toISOString(),
  };
}

@Injectable()
export class SmsSinkService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(DataSource) private readonly dataSource: DataSource,
  ) {}

  async list(query: SmsSinkQueryDto): Promise<SmsSinkPageDto> {
    // With another provider the table holds nothing current: say why instead of answering an empty list.
    if (this.config.SMS_PROVIDER !== 'sink') {
      throw ApiException.notFound(
        `The SMS sink is off (SMS_PROVIDER is ${this.config.SMS_PROVIDER}); start the API and worker with SMS_PROVIDER=sink`,
      );
    }
    const rows = await this.dataSource.getRepository(SmsSinkMessageEntity).find({
      where: query.to ? { recipient: query.to } : {},
      order: { createdAt: 'DESC', id: 'DESC' },
      take: query.limit,
    });
    return { items: rows.map(toDto) };
  }
}
