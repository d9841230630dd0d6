import { bulletinIssueLabel } from './bulletin-xlsx';
import { chineseDate, exportTime, footerNote, linesIn, printSetup, textValue } from './print';

const stamp = {
  courtName: 'A&B人民法院',
  exportedAt: new Date('2026-03-01T16:30:00Z'),
  timeZone: 'Asia/Shanghai',
  anchor: null,
};

describe('what every document prints', () => {
  it('prints the export time in the court’s time zone and the date the Chinese way', () => {
    expect(exportTime(stamp)).toBe('2026-03-02 00:30');
    expect(chineseDate('2026-03-02')).toBe('2026年3月2日');
  });

  it('puts the latest audit anchor’s 校验码 and time in the footer note, and nothing before the first anchor', () => {
    expect(footerNote(stamp)).toBe('导出时间：2026-03-02 00:30');
    const anchor = { fingerprint: '3F9A-C2E1-7B04-D5E8', anchoredAt: new Date('2026-03-01T16:05:00Z') };
    expect(footerNote({ ...stamp, anchor })).toBe(
      '导出时间：2026-03-02 00:30  校验码 3F9A-C2E1-7B04-D5E8（锚点 2026-03-02 00:05）',
    );
  });

  it('sets up A4, fit to one page wide, repeated rows and the page fields; a literal & is escaped', () => {
    const { pageSetup, headerFooter } = printSetup('landscape', 3, stamp);
    expect(pageSetup).toMatchObject({
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '1:3',
    });
    expect(headerFooter.oddFooter).toBe(
      '&L&9A&&B人民法院&C&9第 &P 页 共 &N 页&R&9导出时间：2026-03-02 00:30',
    );
    expect(printSetup('portrait', 0, stamp).pageSetup.printTitlesRow).toBeUndefined();
  });

  it('keeps text as text: = + - @ stay as typed, control characters an xlsx cannot hold go', () => {
    for (const note of ['=1+1', '+86', '-3', '@SUM(A1)']) expect(textValue(note)).toBe(note);
    expect(textValue('a\u0000b\u0007c\nd\te')).toBe('abc\nd\te');
    expect(textValue(null)).toBe('');
    expect(textValue(3)).toBe(3);
  });

  it('counts the lines a text takes in a column: Chinese about 1.75 units a character at 10 pt', () => {
    expect(linesIn('', 10)).toBe(1);
    expect(linesIn('一二三四五', 10)).toBe(1); // 8.75 units in 9.2
    expect(linesIn('一二三四五六', 10)).toBe(2);
    expect(linesIn('第一行\n第二行', 20)).toBe(2);
    expect(linesIn('一二三四五六', 10, 5)).toBe(1); // smaller type, more to a line
  });

  it('names a bulletin by its number, or by its date before numbering', () => {
    expect(bulletinIssueLabel({ year: 2026, number: 3, asOf: '2026-03-02' })).toBe('2026年第3期');
    expect(bulletinIssueLabel({ year: null, number: null, asOf: '2026-03-02' })).toBe('（2026年3月2日）');
  });
});
