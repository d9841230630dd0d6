import { Messages } from '@tracker/domain';

export type Language = keyof Messages;

/** Chinese by default; English when the caller's Accept-Language prefers it. */
export function languageOf(acceptLanguage: string | undefined): Language {
  return acceptLanguage?.trim().toLowerCase().startsWith('en') ? 'en' : 'zh';
}
