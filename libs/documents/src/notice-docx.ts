import {
  AlignmentType,
  Document,
  Footer,
  IRunOptions,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import { noticeNumberText } from '@tracker/domain';
import { NoticeRecord } from '@tracker/read-models';
import { chineseDate, DocumentStamp, footerNote } from './print';
import { OFFICIAL_PAGE, OFFICIAL_STYLES, REPORT_FONTS } from './report-docx';

const LATIN = 'Times New Roman';
/** Points: 二号 22 (title), 三号 16 (body), 四号 14 (page number), 五号 10.5 (table), 8 (footer note). */
const SIZE = { title: 22, body: 16, page: 14, table: 12, note: 8 } as const;
/** 22 lines to a page: a fixed line of 28.95 pt. */
const LINE = 579;

/** The notice's kind, as the step that issued it names it (before that: by the default ladder's level). */
export function noticeTitle(notice: Pick<NoticeRecord, 'level' | 'title'>): string {
  if (notice.title) return notice.title;
  return notice.level === 'escalated' ? '督办通知书（升级督办）' : '督办通知书';
}

const run = (text: string, font: { eastAsia: string }, size: number, more: IRunOptions = {}) =>
  new TextRun({
    text,
    size: size * 2,
    // 方正小标宋简体 / 仿宋_GB2312 where installed; Word and WPS fall back to 宋体 / 仿宋, LibreOffice to Noto CJK.
    font: { eastAsia: font.eastAsia, ascii: LATIN, hAnsi: LATIN, hint: 'eastAsia' },
    ...more,
  });

const para = (text: string, options: { indent?: boolean; align?: 'left' | 'right' | 'center' } = {}) =>
  new Paragraph({
    children: [run(text, REPORT_FONTS.body, SIZE.body)],
    alignment:
      options.align === 'right'
        ? AlignmentType.RIGHT
        : options.align === 'center'
          ? AlignmentType.CENTER
          : AlignmentType.JUSTIFIED,
    indent: options.indent === false ? undefined : { firstLine: SIZE.body * 2 * 20 },
    spacing: { line: LINE, lineRule: LineRuleType.EXACT },
  });

const cell = (text: string, options: { bold?: boolean; width?: number } = {}) =>
  new TableCell({
    width: options.width === undefined ? undefined : { size: options.width, type: WidthType.PERCENTAGE },
    verticalAlign: VerticalAlignTable.CENTER,
    margins: { top: 60, bottom: 60, left: 100, right: 100 },
    children: [
      new Paragraph({
        children: [
          run(text, options.bold ? REPORT_FONTS.heading : REPORT_FONTS.body, SIZE.table, {
            bold: options.bold,
          }),
        ],
      }),
    ],
  });

function footer(stamp: DocumentStamp): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          new TextRun({
            children: ['— ', PageNumber.CURRENT, ' —'],
            size: SIZE.page * 2,
            font: { eastAsia: '宋体', ascii: LATIN, hAnsi: LATIN },
          }),
        ],
      }),
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          new TextRun({
            // The DocumentStamp slot: export time, and the audit anchor once it exists (issue 15).
            text: `${stamp.courtName}  ${footerNote(stamp)}`,
            size: SIZE.note * 2,
            color: '808080',
            font: { eastAsia: '宋体', ascii: LATIN, hAnsi: LATIN },
          }),
        ],
      }),
    ],
  });
}

/**
 * 督办单 as a Word document in the layout of an official document (GB/T 9704: A4; margins top
 * 37 mm, bottom 35 mm, left 28 mm, right 26 mm; title 方正小标宋简体 二号, body 仿宋_GB2312 三号):
 * the number, the problem and the measure with its five fixes, the deadline and the days
 * overdue, what is required and the date to reply by.
 */
export async function noticeDocx(
  notice: NoticeRecord,
  issuer: string,
  stamp: DocumentStamp,
): Promise<Buffer> {
  const m = notice.measure;
  const number = noticeNumberText(notice.year, notice.number);
  const overdue = notice.daysOverdue > 0 ? `已逾期${notice.daysOverdue}天` : '已到期';
  const rows: [string, string][] = [
    ['问题', m.problemTitle ?? '—'],
    ['整改措施', `${m.number} ${m.content}`],
    ['整改目标', m.target ?? '—'],
    ['责任领导', m.responsibleLeaderName ?? '—'],
    ['责任部门', m.departmentName ?? '—'],
    ['责任人', m.responsiblePerson],
    ['完成时限', chineseDate(m.dueDate)],
    ['逾期情况', `截至${chineseDate(notice.issuedOn)}${overdue}`],
  ];
  const children: (Paragraph | Table)[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { line: 700, lineRule: LineRuleType.EXACT },
      children: [run(noticeTitle(notice), REPORT_FONTS.title, SIZE.title)],
    }),
    para(number, { indent: false, align: 'center' }),
    new Paragraph({ children: [] }),
    para(`${m.departmentName ?? '责任部门'}：`, { indent: false }),
    para(
      `你部门承担的整改措施“${m.number} ${m.content}”完成时限为${chineseDate(m.dueDate)}，截至${chineseDate(notice.issuedOn)}尚未完成销号，${overdue}。根据整改督办工作要求，现予督办。有关情况如下：`,
    ),
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: rows.map(
        ([label, value]) =>
          new TableRow({
            cantSplit: true,
            children: [cell(label, { bold: true, width: 22 }), cell(value, { width: 78 })],
          }),
      ),
    }),
    new Paragraph({ children: [] }),
    para(
      `请你部门收到本通知书后即行签收，认真分析逾期原因，明确整改措施和完成时限，于${chineseDate(notice.replyBy)}前书面回复整改进展、逾期原因及下一步措施，并附佐证材料。`,
    ),
    para('逾期不回复或整改不力的，将按规定升级督办，并报纪检监察部门。'),
    new Paragraph({ children: [] }),
    para(issuer, { indent: false, align: 'right' }),
    para(chineseDate(notice.issuedOn), { indent: false, align: 'right' }),
  ];
  const document = new Document({
    creator: stamp.courtName,
    title: `${noticeTitle(notice)} ${number}`,
    styles: OFFICIAL_STYLES,
    sections: [
      {
        properties: {
          page: OFFICIAL_PAGE,
        },
        footers: { default: footer(stamp) },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}
