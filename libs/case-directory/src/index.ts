export * from './case-directory.module';
export * from './persistence/known-case.repository';
export * from './http/case-id.param';
export * from './case-directory-errors';
