export * from './measure-line';
export * from './light';
export * from './totals';
export * from './report-sentence';
