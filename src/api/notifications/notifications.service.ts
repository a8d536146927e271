import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EscalationEntity, NotificationEntity } from '../../persistence/entities';
import { ApiException } from '../common/api-error';
import { hasRole, type StaffPrincipal } from '../common/principal';
import type {
  EscalationDto,
  EscalationPageDto,
  EscalationQueryDto,
  InboxPageDto,
  InboxQueryDto,
  NotificationDto,
} from './notification.dto';

function toNotificationDto(n: NotificationEntity): NotificationDto {
  return {
    id: n.id,
    orderNo: n.orderNo,
    kind: n.kind,
    title: n.title,
    body: n.body,
    readAt: n.readAt?.toISOString() ?? null,
    createdAt: n.createdAt.toISOString(),
  };
}

function toEscalationDto(e: EscalationEntity): EscalationDto {
  return {
    id: e.id,
    orderNo: e.orderNo,
    stage: e.stage,
    stageKey: e.stageKey,
    level: e.level,
    dueAt: e.dueAt.toISOString(),
    firedAt: e.firedAt.toISOString(),
    recipients: e.recipients,
    acknowledgedBy: e.acknowledgedBy,
    acknowledgedAt: e.acknowledgedAt?.toISOString() ?? null,
  };
}

/** Supervisors and admins oversee every escalation; everyone else sees those addressed to them. */
function seesAllEscalations(staff: StaffPrincipal): boolean {
  return hasRole(staff, 'supervisor', 'admin');
}

@Injectable()
export class NotificationsService {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async inbox(staff: StaffPrincipal, query: InboxQueryDto): Promise<InboxPageDto> {
    const repo = this.dataSource.getRepository(NotificationEntity);
    const qb = repo.createQueryBuilder('n').where('n.user_id = :me', { me: staff.userId });
    if (query.unreadOnly) qb.andWhere('n.read_at IS NULL');
    qb.orderBy('(n.read_at IS NULL)', 'DESC')
      .addOrderBy('n.created_at', 'DESC')
      .addOrderBy('n.id', 'ASC')
      .offset((query.page - 1) * query.pageSize)
      .limit(query.pageSize);
    const [rows, total] = await qb.getManyAndCount();
    const unread = await repo
      .createQueryBuilder('n')
      .where('n.user_id = :me AND n.read_at IS NULL', { me: staff.userId })
      .getCount();
    return {
      items: rows.map(toNotificationDto),
      page: query.page,
      pageSize: query.pageSize,
      total,
      totalCapped: false,
      unread,
    };
  }

  async markRead(staff: StaffPrincipal, id: string): Promise<NotificationDto> {
    const repo = this.dataSource.getRepository(NotificationEntity);
    // Reading twice keeps the first read time.
    await repo
      .createQueryBuilder()
      .update()
      .set({ readAt: () => 'now()' })
      .where('id = :id AND user_id = :me AND read_at IS NULL', { id, me: staff.userId })
      .execute();
    const row = await repo.findOne({ where: { id, userId: staff.userId } });
    if (!row) throw ApiException.notFound(`No notification ${id} in your inbox`);
    return toNotificationDto(row);
  }

  async escalations(staff: StaffPrincipal, query: EscalationQueryDto): Promise<EscalationPageDto> {
    const qb = this.dataSource.getRepository(EscalationEntity).createQueryBuilder('e');
    if (query.state === 'open') qb.andWhere('e.acknowledged_at IS NULL');
    if (query.state === 'acknowledged') qb.andWhere('e.acknowledged_at IS NOT NULL');
    if (query.stage) qb.andWhere('e.stage = :stage', { stage: query.stage });
    if (query.level !== undefined) qb.andWhere('e.level = :level', { level: query.level });
    if (query.orderNo) qb.andWhere('e.order_no = :orderNo', { orderNo: query.orderNo });
    if (!seesAllEscalations(staff)) {
      qb.andWhere('e.recipients @> CAST(:me AS jsonb)', { me: JSON.stringify([{ userId: staff.userId }]) });
    }
    qb.orderBy('e.fired_at', 'DESC')
      .addOrderBy('e.id', 'ASC')
      .offset((query.page - 1) * query.pageSize)
      .limit(query.pageSize);
    const [rows, total] = await qb.getManyAndCount();
    return {
      items: rows.map(toEscalationDto),
      page: query.page,
      pageSize: query.pageSize,
      total,
      totalCapped: false,
    };
  }

  async acknowledge(staff: StaffPrincipal, id: string): Promise<EscalationDto> {
    const repo = this.dataSource.getRepository(EscalationEntity);
    const row = await repo.findOne({ where: { id } });
    if (!row) throw ApiException.notFound(`No escalation ${id}`);
    const isRecipient = row.recipients.some((r) => r.userId === staff.userId);
    if (!isRecipient && !seesAllEscalations(staff))
      throw ApiException.forbidden('Only its recipients, supervisors and admins acknowledge an escalation');
    // The first acknowledgement stands; acknowledging again answers with it.
    await repo
      .createQueryBuilder()
      .update()
      .set({ acknowledgedBy: staff.username, acknowledgedAt: () => 'now()' })
      .where('id = :id AND acknowledged_at IS NULL', { id })
      .execute();
    return toEscalationDto(await repo.findOneOrFail({ where: { id } }));
  }
}
