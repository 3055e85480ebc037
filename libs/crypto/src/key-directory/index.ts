export * from './key-history';
export * from './directory-log';
export * from './directory-head';
