import { CellValue } from './grid';

/** What a 完成时限 cell says: a date, 立行立改 or 长期坚持 (with a period if it names one), or nothing readable. */
export type Deadline =
  | { kind: 'date'; date: string; immediate: boolean }
  | { kind: 'immediate' }
  | { kind: 'long_term'; reportEveryDays: number | null }
  | { kind: 'invalid'; message: string }
  | { kind: 'blank' };

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const CN_DIGITS: Record<string, number> = {
  〇: 0,
  零: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** 十二 → 12, 三十一 → 31, 二〇二六 → 2026; Arabic digits pass through. */
function number(text: string): number {
  if (/^\d+$/.test(text)) return Number(text);
  if (text.includes('十')) {
    const [tens, ones] = text.split('十');
    return (tens === '' ? 1 : (CN_DIGITS[tens] ?? NaN)) * 10 + (ones === '' ? 0 : (CN_DIGITS[ones] ?? NaN));
  }
  return Number([...text].map((c) => CN_DIGITS[c] ?? 'x').join(''));
}

/** Excel's day 1 is 1900-01-01 and it counts a 1900-02-29 that never was, hence 25569 at 1970-01-01. */
function fromSerial(serial: number): string {
  const d = new Date(Math.round((serial - 25569) * 86_400_000));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

function checked(y: number, m: number, d: number, written: string): Deadline {
  if (!(y >= 1900 && y <= 2999 && m >= 1 && m <= 12 && d >= 1 && d <= lastDay(y, m))) {
    return { kind: 'invalid', message: `${written} 不是有效日期` };
  }
  return { kind: 'date', date: `${y}-${pad(m)}-${pad(d)}`, immediate: false };
}

const N = '(\\d{1,4}|[〇零一二两三四五六七八九十]{1,4})';
const FULL = new RegExp(`^${N}\\s*[-/.．年]\\s*${N}\\s*[-/.．月]\\s*${N}\\s*[日号]?$`);
const MONTH_END = new RegExp(`^(?:${N}\\s*年\\s*)?${N}\\s*月(?:底|末|份|)$`);
const YEAR_END = new RegExp(`^(?:${N}\\s*年)?(?:年)?(?:底|末)$`);
const MONTH_DAY = new RegExp(`^${N}\\s*月\\s*${N}\\s*[日号]$`);
const QUARTER_END: Record<string, number> = { 一: 3, 二: 6, 三: 9, 四: 12, '1': 3, '2': 6, '3': 9, '4': 12 };

/**
 * Reads a deadline as courts write it: 2026-03-31, 2026/3/31, 2026.3.31, 2026年3月31日,
 * 2026年3月底, 3月底前 (the year from the campaign: the first such date on or after it is issued),
 * 年底前, an Excel date or serial; 立行立改 and 长期坚持 name the kind instead, and may come with a
 * date (立行立改，3月底前) or a period (长期坚持（每30天报告）).
 */
export function readDeadline(value: CellValue, issuedOn: string): Deadline {
  if (value === null) return { kind: 'blank' };
  if (value instanceof Date) {
    return checked(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate(), '');
  }
  if (typeof value === 'number') {
    if (value >= 20000 && value <= 80000) return { kind: 'date', date: fromSerial(value), immediate: false };
    return { kind: 'invalid', message: `无法识别的日期「${value}」，请写成 2026-03-31 或 2026年3月31日` };
  }
  const text = value.replace(/\s+/g, ' ').trim();
  if (text === '') return { kind: 'blank' };
  if (/长期坚持|长期执行|持续推进|常态化/.test(text)) {
    return {
      kind: 'long_term',
      reportEveryDays: readPeriod(text.replace(/长期坚持|长期执行|持续推进|常态化/, '')),
    };
  }
  const immediate = /立行立改|立即整改|立查立改|即知即改/.test(text);
  const rest = text
    // 2026-05-31（原2026-04-30）: the ledger's extended deadline and the one it replaced.
    .replace(/[（(]原[^）)]*[）)]$/, '')
    .replace(/立行立改|立即整改|立查立改|即知即改/g, '')
    .replace(/^[\s，,、;；:：（()）]+|[\s，,、;；:：（()）]+$/g, '')
    .replace(/(?:之前|以前|前|止)$/, '')
    .replace(/^(?:于|在)/, '')
    .trim();
  if (rest === '') return immediate ? { kind: 'immediate' } : { kind: 'blank' };
  const date = readDate(rest, issuedOn);
  if (date.kind === 'date') return { ...date, immediate };
  if (date.kind === 'invalid' && date.message.includes('不是有效日期')) return date;
  return {
    kind: 'invalid',
    message: `无法识别的日期「${text}」，请写成 2026-03-31、2026年3月31日、3月底前、立行立改或长期坚持`,
  };
}

function readDate(text: string, issuedOn: string): Deadline {
  const [iy, im, id] = issuedOn.split('-').map(Number);
  // A date without its year is the first such date on or after the campaign was issued.
  const yearFor = (m: number, d: number) => (m < im || (m === im && d < id) ? iy + 1 : iy);
  let m = FULL.exec(text);
  if (m) {
    const y = number(m[1]);
    if (/^\d{1,2}$/.test(m[1]) && /^\d{4}$/.test(m[3]))
      return checked(number(m[3]), number(m[1]), number(m[2]), text);
    return checked(y < 100 ? 2000 + y : y, number(m[2]), number(m[3]), text);
  }
  m = MONTH_DAY.exec(text);
  if (m) {
    const [mo, d] = [number(m[1]), number(m[2])];
    return checked(yearFor(mo, d), mo, d, text);
  }
  m = MONTH_END.exec(text);
  if (m) {
    const mo = number(m[2]);
    if (!(mo >= 1 && mo <= 12)) return { kind: 'invalid', message: `${text} 不是有效日期` };
    const y = m[1] ? number(m[1]) : yearFor(mo, lastDay(iy, mo));
    return checked(y, mo, lastDay(y, mo), text);
  }
  m = YEAR_END.exec(text);
  if (m) {
    const y = m[1] ? number(m[1]) : iy;
    return checked(y, 12, 31, text);
  }
  m = /^(?:(\d{4})\s*年\s*)?(?:第)?([一二三四1-4])季度(?:末|底)?$/.exec(text);
  if (m) {
    const mo = QUARTER_END[m[2]];
    const y = m[1] ? Number(m[1]) : yearFor(mo, lastDay(iy, mo));
    return checked(y, mo, lastDay(y, mo), text);
  }
  m = /^(\d{4})\s*年\s*(上半年|年中)$/.exec(text);
  if (m) return checked(Number(m[1]), 6, 30, text);
  return { kind: 'invalid', message: '' };
}

/** 报告周期 as written: 30, 30天, 每30天报告, 每周, 每两周, 每月, 每季度, 每半年, 每年. */
export function readPeriod(value: CellValue): number | null {
  if (value === null) return null;
  if (typeof value === 'number') return Number.isInteger(value) ? value : null;
  const text = String(value).replace(/[\s（()）]/g, '');
  if (text === '') return null;
  const days = /(\d+)\s*(?:个)?(天|日|周|个月|月)/.exec(text) ?? /^(\d+)$/.exec(text);
  if (days) {
    const n = Number(days[1]);
    const unit = days[2] ?? '天';
    return unit === '周' ? n * 7 : unit === '月' || unit === '个月' ? n * 30 : n;
  }
  if (/每(?:一)?周|每星期/.test(text)) return 7;
  if (/每(?:两|二)周|半月/.test(text)) return 14;
  if (/每(?:个)?季度/.test(text)) return 90;
  if (/每半年/.test(text)) return 182;
  if (/每(?:一)?年/.test(text)) return 365;
  if (/每(?:个)?月/.test(text)) return 30;
  return null;
}
