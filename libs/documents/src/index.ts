export * from './bulletin-xlsx';
export * from './ledger-xlsx';
