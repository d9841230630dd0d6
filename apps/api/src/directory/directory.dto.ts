import { ROLES, Role } from '@tracker/domain';
import { BooleanField, EnumField, IdField, TextField, UsernameField } from '../http/fields';
import { IsOptional } from 'class-validator';
import { NewPasswordField } from '../auth/password-policy';

export class CreateDepartmentDto {
  @TextField('部门名称', 50, { example: '立案庭' })
  name!: string;
}

export class RenameDepartmentDto {
  @TextField('部门名称', 50, { example: '立案一庭' })
  name!: string;
}

export class RegisterUserDto {
  @UsernameField()
  username!: string;

  @NewPasswordField()
  password!: string;

  @TextField('姓名', 50)
  displayName!: string;

  @EnumField('角色', ROLES)
  role!: Role;

  @IsOptional()
  @IdField('所在部门')
  departmentId?: string;

  @BooleanField('是否党组书记')
  secretary?: boolean;
}

/** What the administrator changes of an account; whatever is left out stays as it is. */
export class ChangeUserDto {
  @IsOptional()
  @TextField('姓名', 50)
  displayName?: string;

  /** null: no department (a leader, an inspector). */
  @IsOptional()
  @IdField('所在部门')
  departmentId?: string | null;

  @IsOptional()
  @EnumField('角色', ROLES)
  role?: Role;

  @IsOptional()
  @BooleanField('是否党组书记')
  secretary?: boolean;
}
