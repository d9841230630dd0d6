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
  convertMillimetersToTwip,
} from 'docx';
import { ProgressReport } from '@tracker/read-models';
import { chineseDate, DocumentStamp, footerNote } from './print';

/**
 * The fonts GB/T 9704 names for an official document (title, body, headings). Each run names the
 * standard font for Chinese (eastAsia, with the eastAsia hint) and Times New Roman for digits
 * and letters; where a court's machine lacks one, Word and WPS substitute the installed Chinese
 * font of the same kind (宋体 / 仿宋), LibreOffice its CJK replacement (Noto CJK on Debian).
 */
export const REPORT_FONTS = {
  title: { eastAsia: '方正小标宋简体' },
  body: { eastAsia: '仿宋_GB2312' },
  heading: { eastAsia: '黑体' },
} as const;
const LATIN = 'Times New Roman';

/** Sizes in points: 二号 22, 三号 16, 四号 14, 五号 10.5. */
const SIZE = { title: 22, body: 16, page: 14, table: 10.5, note: 8 } as const;

/** An official document's page (公文, GB/T 9704): A4; 天头 37 mm, 订口 28 mm; the text block 156 × 225 mm. */
export const OFFICIAL_PAGE = {
  size: { width: convertMillimetersToTwip(210), height: convertMillimetersToTwip(297) },
  margin: {
    top: convertMillimetersToTwip(37),
    bottom: convertMillimetersToTwip(35),
    left: convertMillimetersToTwip(28),
    right: convertMillimetersToTwip(26),
    footer: convertMillimetersToTwip(20),
  },
};

/** Body text of an official document: 仿宋 三号 (16 pt), Latin in Times New Roman. */
export const OFFICIAL_STYLES = {
  default: {
    document: {
      run: {
        font: { eastAsia: REPORT_FONTS.body.eastAsia, ascii: LATIN, hAnsi: LATIN },
        size: SIZE.body * 2,
      },
    },
  },
};
/** 22 lines to a page: a fixed line of 28.95 pt (579 twips). */
const BODY_LINE = 579;

const run = (text: string, font: { eastAsia: string }, size: number, more: IRunOptions = {}) =>
  new TextRun({
    text,
    size: size * 2,
    font: { eastAsia: font.eastAsia, ascii: LATIN, hAnsi: LATIN, hint: 'eastAsia' },
    ...more,
  });

const body = (text: string, options: { indent?: boolean; align?: 'left' | 'right' } = {}) =>
  new Paragraph({
    children: [run(text, REPORT_FONTS.body, SIZE.body)],
    alignment: options.align === 'right' ? AlignmentType.RIGHT : AlignmentType.JUSTIFIED,
    indent: options.indent === false ? undefined : { firstLine: SIZE.body * 2 * 20 },
    spacing: { line: BODY_LINE, lineRule: LineRuleType.EXACT },
  });

const heading = (text: string) =>
  new Paragraph({
    children: [run(text, REPORT_FONTS.heading, SIZE.body)],
    indent: { firstLine: SIZE.body * 2 * 20 },
    spacing: { line: BODY_LINE, lineRule: LineRuleType.EXACT },
  });

const cell = (
  text: string,
  options: { bold?: boolean; span?: number; width?: number; center?: boolean } = {},
) =>
  new TableCell({
    columnSpan: options.span,
    width: options.width === undefined ? undefined : { size: options.width, type: WidthType.PERCENTAGE },
    verticalAlign: VerticalAlignTable.CENTER,
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    children: [
      new Paragraph({
        alignment: options.center ? AlignmentType.CENTER : AlignmentType.LEFT,
        children: [
          run(text, options.bold ? REPORT_FONTS.heading : REPORT_FONTS.body, SIZE.table, {
            bold: options.bold,
          }),
        ],
      }),
    ],
  });

/** A bordered table filling the text width; the first row is the header. */
function table(header: { text: string; width: number }[], rows: TableCell[][]): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({
        tableHeader: true,
        children: header.map((h) => cell(h.text, { bold: true, width: h.width, center: true })),
      }),
      ...rows.map((children) => new TableRow({ children, cantSplit: true })),
    ],
  });
}

/** The page number as GB/T 9704 prints it: — 1 —, 四号 宋体, odd pages right, even pages left, a character in. */
function pageFooter(align: 'right' | 'left', stamp: DocumentStamp): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: align === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: align === 'right' ? { right: SIZE.page * 20 } : { left: SIZE.page * 20 },
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
            children: [
              `${stamp.courtName}  ${footerNote(stamp)}  第 `,
              PageNumber.CURRENT,
              ' 页 共 ',
              PageNumber.TOTAL_PAGES,
              ' 页',
            ],
            size: SIZE.note * 2,
            color: '808080',
            font: { eastAsia: '宋体', ascii: LATIN, hAnsi: LATIN },
          }),
        ],
      }),
    ],
  });
}

/** The report's title: <court>关于<campaign>整改进展情况的报告 (a campaign title's own 关于 not repeated). */
export const reportTitle = (
  report: Pick<ProgressReport, 'campaignTitle'>,
  stamp: Pick<DocumentStamp, 'courtName'>,
) => `${stamp.courtName}关于${report.campaignTitle.replace(/^关于/, '')}整改进展情况的报告`;

/** 整改情况报告 as a Word document in the layout of an official document (GB/T 9704: A4, its margins, fonts and page numbers). */
export async function reportDocx(report: ProgressReport, stamp: DocumentStamp): Promise<Buffer> {
  const date = chineseDate(report.asOf);
  const children: (Paragraph | Table)[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { line: 700, lineRule: LineRuleType.EXACT },
      children: [run(reportTitle(report, stamp), REPORT_FONTS.title, SIZE.title)],
    }),
    new Paragraph({ children: [] }),
    body(`截至${date}，${report.sentence}现将整改进展情况报告如下。`),
  ];

  children.push(heading('一、整改措施推进情况'));
  const measureRows: TableCell[][] = [];
  for (const problem of report.problems) {
    measureRows.push([cell(`问题${problem.number}：${problem.title}`, { bold: true, span: 5 })]);
    if (problem.measures.length === 0) measureRows.push([cell('尚未制定整改措施', { span: 5 })]);
    for (const m of problem.measures) {
      measureRows.push([
        cell(m.measure),
        cell(m.department, { center: true }),
        cell(m.deadline, { center: true }),
        cell(m.completion, { center: true }),
        cell(m.progress),
      ]);
    }
  }
  children.push(
    table(
      [
        { text: '整改措施', width: 34 },
        { text: '责任部门', width: 13 },
        { text: '完成时限', width: 14 },
        { text: '完成情况', width: 13 },
        { text: '最新进展', width: 26 },
      ],
      measureRows,
    ),
  );

  children.push(heading('二、建章立制成果'));
  if (report.outcomes.length === 0) children.push(body('截至目前尚未形成制度成果。'));
  report.outcomes.forEach((o, i) =>
    children.push(body(`${i + 1}. ${o.title}（${o.department}，措施${o.measure.split(' ')[0]}）`)),
  );

  children.push(heading('三、逾期措施及最新进展'));
  if (report.overdue.length === 0) children.push(body(`截至${date}，无逾期措施。`));
  else
    children.push(
      table(
        [
          { text: '逾期措施', width: 38 },
          { text: '责任部门', width: 14 },
          { text: '完成时限', width: 14 },
          { text: '逾期天数', width: 10 },
          { text: '最新进展', width: 24 },
        ],
        report.overdue.map((o) => [
          cell(o.measure),
          cell(o.department, { center: true }),
          cell(o.dueDate, { center: true }),
          cell(String(o.daysOverdue), { center: true }),
          cell(o.progress),
        ]),
      ),
    );

  children.push(heading('四、延期情况'));
  if (report.extensions.length === 0) children.push(body('无经批准延期的措施。'));
  else
    children.push(
      table(
        [
          { text: '措施', width: 34 },
          { text: '责任部门', width: 14 },
          { text: '原完成时限', width: 13 },
          { text: '延期至', width: 13 },
          { text: '延期理由', width: 26 },
        ],
        report.extensions.map((e) => [
          cell(e.measure),
          cell(e.department, { center: true }),
          cell(e.previousDueDate, { center: true }),
          cell(e.newDueDate, { center: true }),
          cell(e.opinion ? `${e.reason}（审批意见：${e.opinion}）` : e.reason),
        ]),
      ),
    );

  children.push(new Paragraph({ children: [] }));
  children.push(body(stamp.courtName, { indent: false, align: 'right' }));
  children.push(body(date, { indent: false, align: 'right' }));

  const document = new Document({
    creator: stamp.courtName,
    title: `${report.campaignTitle}整改进展情况的报告`,
    evenAndOddHeaderAndFooters: true,
    styles: OFFICIAL_STYLES,
    sections: [
      {
        properties: {
          page: OFFICIAL_PAGE,
        },
        footers: { default: pageFooter('right', stamp), even: pageFooter('left', stamp) },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}
