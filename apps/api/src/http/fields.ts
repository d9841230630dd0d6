import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
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

const presence = (optional: boolean, label: string) =>
  optional ? [IsOptional()] : [IsNotEmpty(says(`${label}不能为空`, 'is required'))];

export function TextField(
  label: string,
  max: number,
  options: { optional?: boolean; example?: string; min?: number } = {},
) {
  const optional = options.optional ?? false;
  const min = options.min ?? 0;
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
