import {
  bulletinPath,
  courtDateTime,
  fileNameFromDisposition,
  formatPercentage,
  ledgerPath,
  problemSpans,
  summaryFigures,
  reportPath,
  summaryPath,
} from './reports';

describe('report addresses', () => {
  it('spells the ledger filters once, for the table and its workbook alike', () => {
    expect(ledgerPath({})).toBe('/api/v1/ledger');
    expect(ledgerPath({}, 'xlsx')).toBe('/api/v1/ledger.xlsx');
    const filters = {
      campaignId: 'c 1',
      departmentId: 'd1',
      leaderId: undefined,
      signedOffFrom: '2026-03-01',
      signedOffTo: '2026-03-31',
    };
    expect(ledgerPath(filters)).toBe(
      '/api/v1/ledger?campaignId=c+1&departmentId=d1&signedOffFrom=2026-03-01&signedOffTo=2026-03-31',
    );
    expect(ledgerPath(filters, 'xlsx')).toBe(ledgerPath(filters).replace('/ledger?', '/ledger.xlsx?'));
  });

  it('names a bulletin and its workbook', () => {
    expect(bulletinPath('2026-03-02')).toBe('/api/v1/bulletins/2026-03-02');
    expect(bulletinPath('2026-03-02', 'xlsx')).toBe('/api/v1/bulletins/2026-03-02.xlsx');
  });

  it('asks for a past day as of that day, and for today without asOf', () => {
    expect(summaryPath('c1', '2026-02-01', '2026-03-02')).toBe(
      '/api/v1/campaigns/c1/summary?asOf=2026-02-01',
    );
    expect(summaryPath('c1', '2026-03-02', '2026-03-02')).toBe('/api/v1/campaigns/c1/summary');
    expect(summaryPath('c1', null, '2026-03-02')).toBe('/api/v1/campaigns/c1/summary');
  });

  it('names the progress report (Word) the same way: a past day as of that day, today without asOf', () => {
    expect(reportPath('c 1', '2026-02-01', '2026-03-02')).toBe(
      '/api/v1/campaigns/c%201/report.docx?asOf=2026-02-01',
    );
    expect(reportPath('c1', '2026-03-02', '2026-03-02')).toBe('/api/v1/campaigns/c1/report.docx');
    expect(reportPath('c1', null, '2026-03-02')).toBe('/api/v1/campaigns/c1/report.docx');
    expect(reportPath('c1', '2026-02-01', '2026-03-02', 'summary.xlsx')).toBe(
      '/api/v1/campaigns/c1/summary.xlsx?asOf=2026-02-01',
    );
  });
});

describe('Content-Disposition file names', () => {
  it('prefers the UTF-8 filename* (the Chinese title) over the ASCII filename', () => {
    const header = `attachment; filename="ledger.xlsx"; filename*=UTF-8''${encodeURIComponent('执行难专项整改销号台账.xlsx')}`;
    expect(fileNameFromDisposition(header, 'x.xlsx')).toBe('执行难专项整改销号台账.xlsx');
  });

  it('falls back to filename, then to the given name', () => {
    expect(fileNameFromDisposition('attachment; filename="bulletin-2026-03-02.xlsx"', 'x.xlsx')).toBe(
      'bulletin-2026-03-02.xlsx',
    );
    expect(fileNameFromDisposition('attachment; filename=plain.xlsx', 'x.xlsx')).toBe('plain.xlsx');
    expect(fileNameFromDisposition('attachment', 'x.xlsx')).toBe('x.xlsx');
    expect(fileNameFromDisposition(null, 'x.xlsx')).toBe('x.xlsx');
    // A broken percent-escape is not a name; the plain one still is.
    expect(fileNameFromDisposition(`attachment; filename*=UTF-8''%E4%ZZ; filename="a.xlsx"`, 'x.xlsx')).toBe(
      'a.xlsx',
    );
  });

  it('keeps no directory a header might smuggle in', () => {
    expect(fileNameFromDisposition(`attachment; filename*=UTF-8''..%2F..%2Fevil.xlsx`, 'x.xlsx')).toBe(
      'evil.xlsx',
    );
  });
});

describe('report figures', () => {
  it('prints a bulletin percentage with at most one decimal', () => {
    expect(formatPercentage(66.7)).toBe('66.7%');
    expect(formatPercentage(100)).toBe('100%');
    expect(formatPercentage(0)).toBe('0%');
    expect(formatPercentage(null)).toBe('—');
  });

  it('reads an instant on the court clock', () => {
    expect(courtDateTime('2026-03-02T01:05:00.000Z')).toBe('2026-03-02 09:05');
    expect(courtDateTime('2026-03-02T17:30:00Z')).toBe('2026-03-03 01:30');
    expect(courtDateTime('not a time')).toBe('not a time');
  });
});

describe('ledger layout', () => {
  it('writes each problem once, over the rows of its measures', () => {
    const rows = ['p1', 'p1', 'p1', 'p2', 'p3', 'p3'].map((problemId) => ({ problemId }));
    expect(problemSpans(rows)).toEqual([3, 0, 0, 1, 2, 0]);
    expect(problemSpans([])).toEqual([]);
  });
});

describe('summary figures', () => {
  const summary = {
    campaignId: 'c1',
    asOf: null,
    today: '2026-03-02',
    problems: 3,
    measures: 9,
    signedOff: 4,
    inProgress: 5,
    overdue: 1,
    dueSoon: 2,
    extensionsGranted: 1,
    reopened: 0,
    outcomes: 2,
    completionRate: 0.4444,
    onTimeRate: null,
    sentence: '…',
  };

  it('prints every figure of the report, the rates as percentages', () => {
    const figures = summaryFigures(summary);
    expect(figures.map((f) => f.key)).toEqual([
      'problems',
      'measures',
      'signedOff',
      'inProgress',
      'dueSoon',
      'overdue',
      'extensionsGranted',
      'reopened',
      'outcomes',
      'completionRate',
      'onTimeRate',
    ]);
    const value = Object.fromEntries(figures.map((f) => [f.key, f.value]));
    expect(value).toMatchObject({ problems: '3', measures: '9', reopened: '0', completionRate: '44.4%' });
    expect(value.onTimeRate).toBe('—');
    expect(figures.find((f) => f.key === 'completionRate')?.unit).toBeUndefined();
    expect(figures.find((f) => f.key === 'measures')?.unit).toBe('条');
  });
});
