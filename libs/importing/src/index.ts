export * from './grid';
export * from './read-table';
export * from './dates';
export * from './matching';
export * from './columns';
export * from './plan';
