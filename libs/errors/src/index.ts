export * from './domain-error';
export * from './error-catalog';
export * from './platform-errors';
export * from './problem-details';
export * from './problem-details.filter';
export * from './validation-errors';
export * from './correlation-id';
export * from './http-status-codes';
