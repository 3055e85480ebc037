export * from './uuid-v7';
export * from './envelope';
export * from './event-contract';
export * from './vocabulary/routing';
export * from './events/case-opened.v1';
export * from './events/case-routing-updated.v1';
export * from './topics';
