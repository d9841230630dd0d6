/** Someone or something in the court's directory, as the sheet may name it. */
export interface Named {
  id: string;
  name: string;
}

/** Edit distance (insertions, deletions, substitutions) between two short names. */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}

/** Whitespace and punctuation people put around a name, and a leading court name. */
function bare(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/^.*?人民法院(?=.)/, '')
    .replace(/^[“"']|[”"']$/g, '');
}

const ORDINAL = '[一二三四五六七八九十]+';

/**
 * The short form courts use for a department: 民事审判第一庭 → 民一庭, 刑事审判第二庭 → 刑二庭,
 * 行政审判庭 → 行政庭, 审判监督庭 → 审监庭, 审判管理办公室 → 审管办, 某某人民法庭 → 某某法庭.
 * A name already short stays as it is, so comparing the short forms of both sides matches either way.
 */
export function shortForm(name: string): string {
  const n = bare(name);
  const division = new RegExp(`^(民事|刑事|行政|商事)审判第(${ORDINAL})(庭|厅)$`).exec(n);
  if (division) return `${division[1][0]}${division[2]}庭`;
  const single = /^(民事|刑事|行政|商事|少年|环境资源|知识产权)审判(庭|厅)$/.exec(n);
  if (single) return `${single[1].length === 2 && single[1] !== '行政' ? single[1][0] : single[1]}庭`;
  const table: Record<string, string> = {
    审判监督庭: '审监庭',
    审判管理办公室: '审管办',
    研究室: '研究室',
    司法警察大队: '法警大队',
    执行指挥中心: '执行指挥中心',
    诉讼服务中心: '诉服中心',
    办公室: '办公室',
    院办公室: '办公室',
    院办: '办公室',
    机关党委: '机关党委',
    纪检组: '纪检监察室',
  };
  if (table[n]) return table[n];
  return n.replace(/人民法庭$/, '法庭');
}

export type Match = { found: Named } | { found: null; suggestion: string | null };

/**
 * Finds a department by its name or short form; else the closest name within one edit per three
 * characters (民一厅 → 民一庭), offered as a suggestion, never chosen silently.
 */
export class DepartmentMatcher {
  private readonly byKey = new Map<string, Named>();

  constructor(private readonly departments: readonly Named[]) {
    for (const d of departments) {
      this.byKey.set(bare(d.name), d);
      if (!this.byKey.has(shortForm(d.name))) this.byKey.set(shortForm(d.name), d);
    }
  }

  find(written: string): Match {
    const found = this.byKey.get(bare(written)) ?? this.byKey.get(shortForm(written));
    if (found) return { found };
    return {
      found: null,
      suggestion: closest(bare(written), this.departments, (d) => [d.name, shortForm(d.name)]),
    };
  }
}

/** Leaders by their display name (spaces and a title after the name ignored: 李敏副院长, 李 敏). */
export class PersonMatcher {
  private readonly byName = new Map<string, Named>();

  constructor(private readonly people: readonly Named[]) {
    for (const p of people) this.byName.set(bare(p.name), p);
  }

  find(written: string): Match {
    const name = bare(written)
      .replace(/[（(][^）)]*[）)]/g, '')
      .replace(/(?:同志|党组书记|书记|院长|副院长|常务副院长|专职委员|政治部主任|主任|庭长|局长)+$/, '');
    const found = this.byName.get(name) ?? this.byName.get(bare(written));
    if (found) return { found };
    return { found: null, suggestion: closest(name, this.people, (p) => [p.name]) };
  }
}

function closest(
  written: string,
  candidates: readonly Named[],
  names: (n: Named) => string[],
): string | null {
  let best: { name: string; distance: number } | null = null;
  for (const candidate of candidates) {
    for (const name of names(candidate)) {
      const distance = editDistance(written, bare(name));
      if (
        distance <= Math.max(1, Math.floor(Math.max(written.length, name.length) / 3)) &&
        (!best || distance < best.distance)
      )
        best = { name: candidate.name === name ? name : name, distance };
    }
  }
  return best?.name ?? null;
}

/** Several names in one cell: 民一庭、民二庭 / 民一庭，民二庭 / 民一庭 民二庭 / 民一庭和民二庭. */
export function splitNames(text: string): string[] {
  return text
    .split(/[、，,；;/\\|\n]|\s+|(?<=[庭局室部处科委办组队心])(?:和|及|与)/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}
