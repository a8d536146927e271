import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'admin', maxLength: 100 })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  readonly username: string;

  @ApiProperty({ example: 'admin-password', maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  readonly password: string;
}

export class LoginResponseDto {
  @ApiProperty({ description: 'JWT to send as `Authorization: Bearer <token>`' })
  readonly accessToken: string;

  @ApiProperty({ example: 'Bearer' })
  readonly tokenType: 'Bearer';

  @ApiProperty({ example: '8h' })
  readonly expiresIn: string;
}
