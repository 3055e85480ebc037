export * from './infra/test-infra';
export * from './wait-for';
export * from './service-process';
export * from './service-config';
export * from './infra/kafka-credentials';
