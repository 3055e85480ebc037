export * from './json-logger';
export * from './telemetry';
export * from './trace-context';
export * from './producer-span';
export * from './launch';
