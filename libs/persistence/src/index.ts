export * from './connection';
export * from './connection.token';
export * from './test-database-guard';
export * from './outbox/outbox-entry';
export * from './outbox/outbox-store';
export * from './projection/apply-once';
