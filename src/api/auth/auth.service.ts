import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../config/app-config';
import { UserEntity } from '../../persistence/entities';
import { ApiException } from '../common/api-error';
import type { JwtClaims } from '../common/access.guard';
import { APP_CONFIG } from '../common/tokens';
import { LoginDto, LoginResponseDto } from './login.dto';
import { hashPassword, verifyPassword } from './password';

@Injectable()
export class AuthService implements OnApplicationBootstrap {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** First start: the admin from ADMIN_USERNAME / ADMIN_PASSWORD (loadConfig refuses the default password in production). */
  async onApplicationBootstrap(): Promise<void> {
    await this.ensureAdmin();
  }

  async ensureAdmin(): Promise<void> {
    const users = this.dataSource.getRepository(UserEntity);
    const username = this.config.ADMIN_USERNAME;
    if (await users.exists({ where: { username } })) return;
    const passwordHash = await hashPassword(this.config.ADMIN_PASSWORD);
    // Two API processes starting together: the unique username makes the second insert a no-op.
    const inserted = await users
      .createQueryBuilder()
      .insert()
      .values({
        username,
        passwordHash,
        displayName: 'Administrator',
        roles: ['admin'],
        skills: [],
        capacity: 0,
        active: true,
      })
      .orIgnore()
      .execute();
    // `raw` holds the RETURNING rows: none when the other process won.
    if ((inserted.raw as unknown[]).length > 0) this.logger.log(`Created the admin account "${username}"`);
  }

  async login(dto: LoginDto): Promise<LoginResponseDto> {
    const user = await this.dataSource
      .getRepository(UserEntity)
      .findOne({ where: { username: dto.username } });
    const valid = await verifyPassword(dto.password, user?.passwordHash ?? null);
    if (!user || !valid || !user.active) {
      throw ApiException.unauthenticated('Wrong username or password, or the account is inactive');
    }
    const claims: JwtClaims = { sub: user.id, username: user.username, roles: user.roles };
    const accessToken = await this.jwt.signAsync(claims);
    return { accessToken, tokenType: 'Bearer', expiresIn: this.config.JWT_EXPIRES_IN };
  }
}
