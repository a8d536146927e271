import { Inject, Injectable } from '@nestjs/common';
import { DataSource, QueryFailedError } from 'typeorm';
import { UserEntity } from '../../persistence/entities';
import { sameRegionSql } from '../../domain';
import { ApiErrorCode, ApiException } from '../common/api-error';
import { hashPassword } from '../auth/password';
import { ChangeFeed } from '../../persistence/change-feed';
import { notifyUserChanged, USERS_CHANGED } from '../common/user-cache';
import { CreateUserDto, ListUsersQueryDto, UpdateUserDto, UserDto, UserPageDto } from './user.dto';

export function toUserDto(user: UserEntity): UserDto {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    email: user.email,
    roles: user.roles,
    region: user.region,
    skills: user.skills,
    capacity: user.capacity,
    lat: user.lat,
    lng: user.lng,
    active: user.active,
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
  };
}

const UNIQUE_VIOLATION = '23505';

/** How long an edit waits for every API process to acknowledge its change before it answers anyway. */
const ANNOUNCEMENT_WAIT_MS = 2_000;

@Injectable()
export class UsersService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    private readonly feed: ChangeFeed,
  ) {}

  private get users() {
    return this.dataSource.getRepository(UserEntity);
  }

  async create(dto: CreateUserDto): Promise<UserDto> {
    const entity = this.users.create({
      username: dto.username,
      passwordHash: await hashPassword(dto.password),
      displayName: dto.displayName,
      email: dto.email ?? null,
      roles: dto.roles,
      region: dto.region ?? null,
      skills: dto.skills ?? [],
      capacity: dto.capacity ?? 0,
      lat: dto.lat ?? null,
      lng: dto.lng ?? null,
      active: dto.active ?? true,
    });
    try {
      // Announced too, although nothing can have cached a user who did not exist: every write of a users
      // row tells the caches, so none of them has to know which writes matter.
      const saved = await this.dataSource.transaction(async (manager) => {
        const row = await manager.getRepository(UserEntity).save(entity);
        await notifyUserChanged(manager, row.id);
        return row;
      });
      return toUserDto(saved);
    } catch (error) {
      if (
        error instanceof QueryFailedError &&
        (error.driverError as { code?: string }).code === UNIQUE_VIOLATION
      ) {
        throw new ApiException(ApiErrorCode.CONFLICT, `The username ${dto.username} is taken`);
      }
      throw error;
    }
  }

  async list(query: ListUsersQueryDto): Promise<UserPageDto> {
    const qb = this.users.createQueryBuilder('u');
    if (query.role) qb.andWhere(':role = ANY(u.roles)', { role: query.role });
    if (query.region) qb.andWhere(sameRegionSql('u.region', ':region'), { region: query.region });
    if (query.active !== undefined) qb.andWhere('u.active = :active', { active: query.active });
    qb.orderBy('u.username', 'ASC')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize);
    const [rows, total] = await qb.getManyAndCount();
    return {
      items: rows.map(toUserDto),
      page: query.page,
      pageSize: query.pageSize,
      total,
      totalCapped: false,
    };
  }

  async get(id: string): Promise<UserDto> {
    const user = await this.users.findOne({ where: { id } });
    if (!user) throw ApiException.notFound(`No user ${id}`);
    return toUserDto(user);
  }

  async update(id: string, dto: UpdateUserDto): Promise<UserDto> {
    // Answered once every API process has heard of the change, so the next request of a deactivated user
    // is refused wherever it lands.
    return this.feed.untilHeardEverywhere(
      USERS_CHANGED,
      id.toLowerCase(),
      () => this.write(id, dto),
      ANNOUNCEMENT_WAIT_MS,
    );
  }

  private write(id: string, dto: UpdateUserDto): Promise<UserDto> {
    return this.dataSource.transaction(async (manager) => {
      const repo = manager.getRepository(UserEntity);
      const user = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw ApiException.notFound(`No user ${id}`);
      const wasActiveAdmin = user.active && user.roles.includes('admin');
      const { password, ...profile } = dto;
      for (const [key, value] of Object.entries(profile)) {
        if (value !== undefined) (user as unknown as Record<string, unknown>)[key] = value;
      }
      if (password) user.passwordHash = await hashPassword(password);
      if (wasActiveAdmin && !(user.active && user.roles.includes('admin'))) {
        // Never lock everybody out: the last active admin keeps the role and stays active.
        const otherAdmins = await repo
          .createQueryBuilder('u')
          .where(`'admin' = ANY(u.roles)`)
          .andWhere('u.active = true')
          .andWhere('u.id <> :id', { id })
          .getCount();
        if (otherAdmins === 0) {
          throw new ApiException(
            ApiErrorCode.CONFLICT,
            'This is the last active admin; add another admin first',
          );
        }
      }
      const saved = await repo.save(user);
      // In the transaction, so every API process drops its copy of the row when (and only if) it commits.
      await notifyUserChanged(manager, saved.id);
      return toUserDto(saved);
    });
  }
}
