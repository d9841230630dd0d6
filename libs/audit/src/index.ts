export * from './merkle';
export * from './statement';
export * from './audit-key';
export * from './anchoring';
export * from './anchored-history';
