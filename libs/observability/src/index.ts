export * from './logging/log-options';
export * from './logging/json-logger';
export * from './telemetry';
export * from './trace-context';
export * from './producer-span';
export * from './launch';
