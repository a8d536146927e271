import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProtected } from '../common/api-errors.decorator';
import { Roles } from '../common/auth.decorators';
import { UuidPipe } from '../common/order-no.pipe';
import { CreateUserDto, ListUsersQueryDto, UpdateUserDto, UserDto, UserPageDto } from './user.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Create a staff member (roles, region, skills, capacity, home location)' })
  @ApiCreatedResponse({ type: UserDto })
  @ApiProtected(400, 409)
  create(@Body() dto: CreateUserDto): Promise<UserDto> {
    return this.users.create(dto);
  }

  @Get()
  @Roles('admin', 'supervisor', 'dispatcher')
  @ApiOperation({ summary: 'List staff, filtered by role, region, active' })
  @ApiOkResponse({ type: UserPageDto })
  @ApiProtected(400)
  list(@Query() query: ListUsersQueryDto): Promise<UserPageDto> {
    return this.users.list(query);
  }

  @Get(':id')
  @Roles('admin', 'supervisor', 'dispatcher')
  @ApiOperation({ summary: 'One staff member' })
  @ApiOkResponse({ type: UserDto })
  @ApiProtected(400, 404)
  get(@Param('id', new UuidPipe()) id: string): Promise<UserDto> {
    return this.users.get(id);
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOperation({
    summary: 'Update profile, roles, password, or set active/away',
    description:
      'Only the fields sent change; `null` clears email, region, lat, lng. The last active admin cannot be demoted or deactivated (409).',
  })
  @ApiOkResponse({ type: UserDto })
  @ApiProtected(400, 404, 409)
  update(@Param('id', new UuidPipe()) id: string, @Body() dto: UpdateUserDto): Promise<UserDto> {
    return this.users.update(id, dto);
  }
}
