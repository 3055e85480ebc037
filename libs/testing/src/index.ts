export * from './infra/test-infra';
export * from './wait-for';
