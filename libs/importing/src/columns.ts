/** The columns an import understands, each with the names courts give it. */
export const IMPORT_COLUMNS = {
  serial: ['序号', '编号', '序'],
  problem: [
    '问题',
    '存在问题',
    '问题表现',
    '问题描述',
    '问题清单',
    '主要问题',
    '具体问题',
    '问题内容',
    '反馈问题',
  ],
  category: ['问题类别', '问题类型', '类别', '问题分类'],
  rootCause: ['原因分析', '问题原因', '原因', '问题根源'],
  measure: ['整改措施', '具体措施', '措施', '整改举措', '整改措施内容'],
  target: ['整改目标', '目标', '整改要求', '预期目标'],
  leader: ['责任领导', '牵头领导', '分管领导', '领导', '责任院领导', '牵头院领导'],
  department: ['责任部门', '责任单位', '牵头部门', '牵头单位', '责任庭室', '承办部门', '责任处室'],
  person: ['责任人', '具体责任人', '经办人', '部门责任人'],
  deadline: ['完成时限', '整改时限', '完成时间', '整改期限', '时限', '完成期限', '整改时间'],
  reportPeriod: ['报告周期', '报告周期天', '汇报周期'],
  kind: ['措施类型', '整改类型', '整改方式'],
} as const;
export type ColumnKey = keyof typeof IMPORT_COLUMNS;

/** Columns of the ledger (销号台账) that describe progress, not the plan: read back, they are ignored. */
export const LEDGER_ONLY_COLUMNS = ['整改进展', '完成情况', '销号时间', '销号审核人', '是否按期', '备注'];

/** The Chinese label the messages use for each column when the sheet has none of its names. */
export const COLUMN_LABEL: Record<ColumnKey, string> = Object.fromEntries(
  Object.entries(IMPORT_COLUMNS).map(([key, names]) => [key, names[0]]),
) as Record<ColumnKey, string>;

/** A header as written, stripped of spaces, line breaks and a parenthesised remark: 完成时限（截止） → 完成时限. */
export function headerKey(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/[（(][^）)]*[）)]/g, '')
    .replace(/[*＊:：]/g, '');
}

const BY_NAME = new Map<string, ColumnKey>(
  (Object.entries(IMPORT_COLUMNS) as [ColumnKey, readonly string[]][]).flatMap(([key, names]) =>
    names.map((n) => [n, key] as [string, ColumnKey]),
  ),
);

export function columnFor(header: string): ColumnKey | undefined {
  return BY_NAME.get(headerKey(header));
}
