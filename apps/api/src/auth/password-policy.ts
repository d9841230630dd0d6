import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';
import { IsNotEmpty, IsString, MaxLength, ValidateBy, ValidationArguments } from 'class-validator';

export const PASSWORD_MIN_LENGTH = 10;
const MAX_LENGTH = 200;
/** zxcvbn's score 3: "safely unguessable", about 10^8 guesses and more. */
const MIN_SCORE = 3;

// The common-password and keyboard-pattern lists: built once, on the first password checked, as
// building them takes a while that a start need not wait for.
let strength: ZxcvbnFactory | undefined;

/** Each rule a new password must pass, with the message that names it. */
export const PASSWORD_RULES = {
  isNotBlank: { zh: '密码不能为空或仅含空格', en: 'must not be blank' },
  minLength: {
    zh: `密码不能少于${PASSWORD_MIN_LENGTH}个字符`,
    en: `must be at least ${PASSWORD_MIN_LENGTH} characters`,
  },
  notContainUsername: { zh: '密码不能包含用户名', en: 'must not contain the username' },
  isStrongPassword: {
    zh: '密码太容易被猜到（常见密码、键盘序列或重复字符），请混合使用字母、数字和符号',
    en: 'is too easy to guess (a common password, keyboard pattern or repetition)',
  },
} as const;
export type PasswordRule = keyof typeof PASSWORD_RULES;

/** The first rule a new password breaks, or null; `username` is the account's own. */
export function brokenPasswordRule(password: string, username?: string): PasswordRule | null {
  if (password.trim() === '') return 'isNotBlank';
  if ([...password].length < PASSWORD_MIN_LENGTH) return 'minLength';
  const name = username?.trim().toLowerCase();
  if (name && name.length >= 3 && password.toLowerCase().includes(name)) return 'notContainUsername';
  strength ??= new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs });
  if (strength.check(password, name ? [name] : []).score < MIN_SCORE) return 'isStrongPassword';
  return null;
}

/**
 * A new password's field: the rules above, each a class-validator rule of its own name, so the
 * 400 names the rule that refused it. A sibling `username` field is the account's username.
 */
export function NewPasswordField(label = '密码') {
  const rules = (Object.keys(PASSWORD_RULES) as PasswordRule[]).map((name) =>
    ValidateBy(
      {
        name,
        validator: {
          validate: (value: unknown, args?: ValidationArguments) =>
            typeof value !== 'string' || brokenPasswordRule(value, usernameOf(args)) !== name,
          defaultMessage: () => PASSWORD_RULES[name].en,
        },
      },
      { context: PASSWORD_RULES[name] },
    ),
  );
  return applyDecorators(
    ApiProperty({
      type: String,
      minLength: PASSWORD_MIN_LENGTH,
      maxLength: MAX_LENGTH,
      description: `${label}：至少${PASSWORD_MIN_LENGTH}个字符，不含用户名，不能是常见密码、键盘序列`,
    }),
    IsNotEmpty({ context: { zh: `${label}不能为空`, en: 'is required' } }),
    IsString({ context: { zh: `${label}须为文本`, en: 'must be a string' } }),
    MaxLength(MAX_LENGTH, {
      context: { zh: `${label}不能超过${MAX_LENGTH}个字符`, en: `must be at most ${MAX_LENGTH} characters` },
    }),
    ...rules,
  );
}

function usernameOf(args?: ValidationArguments): string | undefined {
  const username = (args?.object as { username?: unknown } | undefined)?.username;
  return typeof username === 'string' ? username : undefined;
}
