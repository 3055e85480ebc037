export * from './platform.tokens';
export * from './service-config';
export * from './platform.module';
export * from './readiness.service';
export * from './outbox-relay.host';
export * from './request-context';
export * from './bootstrap';
export * from './rate-limit/token-buckets';
