import { Inject, Injectable } from '@nestjs/common';
import { DataSource, QueryFailedError } from 'typeorm';
import { UserEntity } from '../../persistence/entities';
import { sameRegionSql } from '../../domain';
import { ApiErrorCode, ApiException } from '../common/api-error';
import { hashPassword } from '../auth/password';
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

@Injectable()
export class UsersService {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

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
      return toUserDto(await this.users.save(entity));
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
    return { items: rows.map(toUserDto), page: query.page, pageSize: query.pageSize, total };
  }

  async get(id: string): Promise<UserDto> {
    const user = await this.users.findOne({ where: { id } });
    if (!user) throw ApiException.notFound(`No user ${id}`);
    return toUserDto(user);
  }

  async update(id: string, dto: UpdateUserDto): Promise<UserDto> {
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
      return toUserDto(await repo.save(user));
    });
  }
}
