import { Body, Controller, HttpCode, Post, UnauthorizedException } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { JwtService } from '@nestjs/jwt';
import { TextField } from '../http/fields';
import { DirectoryView } from '@tracker/read-models';
import { PasswordHasher } from './password-hasher';
import { Public } from './public.decorator';

export class LoginDto {
  @TextField('用户名', 64)
  username!: string;

  @TextField('密码', 200)
  password!: string;
}

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly directory: DirectoryView,
    private readonly hasher: PasswordHasher,
    private readonly jwt: JwtService,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ description: '{ accessToken }' })
  async login(@Body() body: LoginDto): Promise<{ accessToken: string; user: object }> {
    const user = this.directory.userByUsername(body.username);
    // Verify even for unknown users would cost the same time; a constant message is enough here.
    if (!user || !(await this.hasher.verify(user.passwordHash, body.password))) {
      throw new UnauthorizedException({
        code: 'invalid_credentials',
        messages: { zh: '用户名或密码错误', en: 'Wrong username or password' },
      });
    }
    const accessToken = await this.jwt.signAsync({ sub: user.id, role: user.role });
    return {
      accessToken,
      user: {
        id: user.id,
        username: user.username,
        displayName: user.displayName,
        role: user.role,
        departmentId: user.departmentId,
        secretary: user.secretary,
      },
    };
  }
}
