import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsLatitude,
  IsLongitude,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { STAFF_ROLES, type StaffRole } from '../../domain';
import { PageMetaDto, PageQueryDto } from '../common/pagination.dto';
import { QueryBoolean } from '../common/query-boolean';
import { Omittable } from '../common/validation';

const SKILL_PATTERN = /^[A-Za-z0-9_.-]{1,50}$/;

/** Fields shared by create and update; all optional on update. Only email, region, lat and lng clear with null. */
class UserProfileFields {
  @ApiPropertyOptional({
    type: String,
    format: 'email',
    maxLength: 320,
    nullable: true,
    example: 'li.wei@example.com',
  })
  @IsOptional()
  @IsEmail()
  @MaxLength(320)
  readonly email?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    minLength: 1,
    maxLength: 100,
    example: 'north',
    description: 'Dispatchers with a region see only its orders; technicians are matched by it',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  readonly region?: string | null;

  @ApiPropertyOptional({
    type: [String],
    pattern: SKILL_PATTERN.source,
    maxItems: 50,
    uniqueItems: true,
    example: ['hvac', 'electrical'],
    description: "Technician skills, matched against an order's requiredSkills",
  })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @Matches(SKILL_PATTERN, { each: true, message: 'each skill must be 1–50 letters, digits, _ . or -' })
  readonly skills?: string[];

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    maximum: 1000,
    example: 5,
    description: 'Most open orders a technician carries at once',
  })
  @Omittable()
  @IsInt()
  @Min(0)
  @Max(1000)
  readonly capacity?: number;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    minimum: -90,
    maximum: 90,
    example: 31.23,
    description: 'Home location latitude',
  })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsLatitude()
  readonly lat?: number | null;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    minimum: -180,
    maximum: 180,
    example: 121.47,
    description: 'Home location longitude',
  })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsLongitude()
  readonly lng?: number | null;

  @ApiPropertyOptional({ description: 'False while away or departed: never dispatched, cannot sign in' })
  @Omittable()
  @IsBoolean()
  readonly active?: boolean;
}

export class CreateUserDto extends UserProfileFields {
  @ApiProperty({ minLength: 3, maxLength: 100, pattern: '^[A-Za-z0-9._-]{3,100}$', example: 'tech.li' })
  @IsString()
  @Matches(/^[A-Za-z0-9._-]{3,100}$/, { message: 'username must be 3–100 letters, digits, _ . or -' })
  readonly username: string;

  @ApiProperty({ minLength: 8, maxLength: 200, example: 'a-long-password' })
  @IsString()
  @MinLength(8)
  @MaxLength(200)
  readonly password: string;

  @ApiProperty({ maxLength: 200, example: 'Li Wei' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  readonly displayName: string;

  @ApiProperty({ enum: STAFF_ROLES, isArray: true, example: ['technician'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(STAFF_ROLES.length)
  @ArrayUnique()
  @IsIn(STAFF_ROLES, { each: true })
  readonly roles: StaffRole[];
}

export class UpdateUserDto extends UserProfileFields {
  @ApiPropertyOptional({ maxLength: 200, example: 'Li Wei' })
  @Omittable()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  readonly displayName?: string;

  @ApiPropertyOptional({ minLength: 8, maxLength: 200, description: 'A new password' })
  @Omittable()
  @IsString()
  @MinLength(8)
  @MaxLength(200)
  readonly password?: string;

  @ApiPropertyOptional({ enum: STAFF_ROLES, isArray: true })
  @Omittable()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(STAFF_ROLES.length)
  @ArrayUnique()
  @IsIn(STAFF_ROLES, { each: true })
  readonly roles?: StaffRole[];
}

export class ListUsersQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: STAFF_ROLES })
  @IsOptional()
  @IsIn(STAFF_ROLES)
  readonly role?: StaffRole;

  @ApiPropertyOptional({ minLength: 1, maxLength: 100 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  readonly region?: string;

  @ApiPropertyOptional({ type: Boolean, description: '`true` or `false`' })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  readonly active?: boolean;
}

export class UserDto {
  @ApiProperty({ format: 'uuid' })
  readonly id: string;

  @ApiProperty()
  readonly username: string;

  @ApiProperty()
  readonly displayName: string;

  @ApiProperty({ type: String, nullable: true })
  readonly email: string | null;

  @ApiProperty({ enum: STAFF_ROLES, isArray: true })
  readonly roles: string[];

  @ApiProperty({ type: String, nullable: true })
  readonly region: string | null;

  @ApiProperty({ type: [String] })
  readonly skills: string[];

  @ApiProperty({ type: 'integer' })
  readonly capacity: number;

  @ApiProperty({ type: Number, nullable: true })
  readonly lat: number | null;

  @ApiProperty({ type: Number, nullable: true })
  readonly lng: number | null;

  @ApiProperty()
  readonly active: boolean;

  @ApiProperty({ format: 'date-time' })
  readonly createdAt: string;

  @ApiProperty({ format: 'date-time' })
  readonly updatedAt: string;
}

export class UserPageDto extends PageMetaDto {
  @ApiProperty({ type: [UserDto] })
  @Type(() => UserDto)
  readonly items: UserDto[];
}
