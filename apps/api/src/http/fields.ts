import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Max,
  Matches,
  MaxLength,
  MinLength,
  Min,
  ValidateBy,
  ValidateNested,
  ValidationOptions,
} from 'class-validator';
import { isCalendarDate } from '@tracker/domain';

/**
 * Field decorators for request bodies. Each rule carries its Chinese and English message in
 * the validator's `context`, so a 400 names the field and the rule in the caller's language.
 */
const says = (zh: string, en: string): ValidationOptions => ({ context: { zh, en } });

function IsCalendarDate(options: ValidationOptions): PropertyDecorator {
  // A default message is required: class-validator attaches `context` only to non-empty messages.
  return ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: (value: unknown) => isCalendarDate(value),
        defaultMessage: () => 'must be a real calendar date YYYY-MM-DD',
      },
    },
    options,
  );
}

/**
 * Characters no court text needs and an attacker uses: C0/C1 controls other than tab and line
 * breaks, zero-width characters, and the bidi embeddings, overrides and isolates (an RTL
 * override once reversed "（68%）" in a printed ledger).
 */
const HIDDEN =
  // eslint-disable-next-line no-control-regex -- the control characters are what it finds
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/u;

function IsPlainText(options: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isPlainText',
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || !HIDDEN.test(value),
        defaultMessage: () => 'must not contain control, zero-width or bidi-control characters',
      },
    },
    options,
  );
}

/** One way to write each character: text typed on different systems compares and sorts alike. */
const NormalizedNfc = () =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.normalize('NFC') : value));

const presence = (optional: boolean, label: string) =>
  optional ? [IsOptional()] : [IsNotEmpty(says(`${label}不能为空`, 'is required'))];

export function TextField(
  label: string,
  max: number,
  /** `secret`: a password, compared as typed — never normalised or screened. */
  options: { optional?: boolean; example?: string; min?: number; secret?: boolean } = {},
) {
  const optional = options.optional ?? false;
  const min = options.min ?? 0;
  const screened = options.secret
    ? []
    : [
        NormalizedNfc(),
        IsPlainText(
          says(
            `${label}不能包含控制字符、零宽字符或文字方向控制符`,
            'must not contain control, zero-width or bidi-control characters',
          ),
        ),
      ];
  return applyDecorators(
    (optional ? ApiPropertyOptional : ApiProperty)({
      type: String,
      maxLength: max,
      minLength: min || undefined,
      description: label,
      example: options.example,
    }),
    ...presence(optional, label),
    IsString(says(`${label}须为文本`, 'must be a string')),
    MaxLength(max, says(`${label}不能超过${max}个字符`, `must be at most ${max} characters`)),
    ...(min > 0
      ? [MinLength(min, says(`${label}不能少于${min}个字符`, `must be at least ${min} characters`))]
      : []),
    ...screened,
  );
}

const USERNAME = /^[a-z0-9._-]{2,64}$/;

/** A username: what is typed at login, so only what every keyboard types one way. */
export function UsernameField() {
  return applyDecorators(
    ApiProperty({
      type: String,
      maxLength: 64,
      pattern: USERNAME.source,
      description: '用户名：小写英文字母、数字及 . _ -，2到64个字符',
      example: 'zhangsan',
    }),
    ...presence(false, '用户名'),
    IsString(says('用户名须为文本', 'must be a string')),
    Matches(
      USERNAME,
      says(
        '用户名只能由小写英文字母、数字及 . _ - 组成，2到64个字符',
        'must be 2-64 lower-case ASCII letters, digits, ".", "_" or "-"',
      ),
    ),
  );
}

export function DateField(label: string, options: { optional?: boolean } = {}) {
  const optional = options.optional ?? false;
  return applyDecorators(
    (optional ? ApiPropertyOptional : ApiProperty)({
      type: String,
      format: 'date',
      description: label,
      example: '2026-12-31',
    }),
    ...presence(optional, label),
    IsCalendarDate(says(`${label}须为有效日期（YYYY-MM-DD）`, 'must be a real calendar date YYYY-MM-DD')),
  );
}

export function EnumField<T extends string>(
  label: string,
  values: readonly T[],
  options: { optional?: boolean } = {},
) {
  const optional = options.optional ?? false;
  return applyDecorators(
    (optional ? ApiPropertyOptional : ApiProperty)({ enum: values, description: label }),
    ...presence(optional, label),
    IsIn(
      values as T[],
      says(`${label}须为以下之一：${values.join('、')}`, `must be one of: ${values.join(', ')}`),
    ),
  );
}

export function IntField(label: string, min: number, max: number, options: { optional?: boolean } = {}) {
  const optional = options.optional ?? false;
  return applyDecorators(
    (optional ? ApiPropertyOptional : ApiProperty)({
      type: Number,
      minimum: min,
      maximum: max,
      description: label,
    }),
    ...(optional ? [IsOptional()] : []),
    IsInt(says(`${label}须为整数`, 'must be an integer')),
    Min(min, says(`${label}不能小于${min}`, `must be at least ${min}`)),
    Max(max, says(`${label}不能大于${max}`, `must be at most ${max}`)),
  );
}

export function BooleanField(label: string) {
  return applyDecorators(
    ApiPropertyOptional({ type: Boolean, description: label }),
    IsOptional(),
    IsBoolean(says(`${label}须为 true 或 false`, 'must be true or false')),
  );
}

export function IdField(label: string) {
  return TextField(label, 64);
}

export function IdListField(label: string, maxItems: number) {
  return applyDecorators(
    ApiProperty({ type: [String], description: label }),
    IsArray(says(`${label}须为数组`, 'must be an array')),
    ArrayMinSize(1, says(`${label}至少填写一项`, 'must list at least one')),
    ArrayMaxSize(maxItems, says(`${label}最多${maxItems}项`, `must list at most ${maxItems}`)),
    IsString({ each: true, ...says(`${label}的每一项须为文本`, 'must contain strings only') }),
    MaxLength(64, {
      each: true,
      ...says(`${label}的每一项不能超过64个字符`, 'items must be at most 64 characters'),
    }),
  );
}

/** A list of ids that may be left out or empty (e.g. the evidence files a report cites). */
export function OptionalIdListField(label: string, maxItems: number) {
  return applyDecorators(
    ApiPropertyOptional({ type: [String], description: label }),
    IsOptional(),
    IsArray(says(`${label}须为数组`, 'must be an array')),
    ArrayMaxSize(maxItems, says(`${label}最多${maxItems}项`, `must list at most ${maxItems}`)),
    IsString({ each: true, ...says(`${label}的每一项须为文本`, 'must contain strings only') }),
    MaxLength(64, {
      each: true,
      ...says(`${label}的每一项不能超过64个字符`, 'items must be at most 64 characters'),
    }),
  );
}

export function NestedListField(label: string, type: () => new () => object, maxItems: number) {
  return applyDecorators(
    ApiPropertyOptional({ type: [type()], description: label }),
    IsOptional(),
    IsArray(says(`${label}须为数组`, 'must be an array')),
    ArrayMaxSize(maxItems, says(`${label}最多${maxItems}项`, `must list at most ${maxItems}`)),
    ValidateNested({ each: true, ...says(`${label}格式不正确`, 'has an invalid item') }),
    Type(type),
  );
}
