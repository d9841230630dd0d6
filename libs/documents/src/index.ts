export * from './bulletin-xlsx';
export * from './ledger-xlsx';
export * from './print';
export * from './report-docx';
export * from './figures-xlsx';
export * from './history-xlsx';
export * from './import-template-xlsx';
export * from './notice-docx';
