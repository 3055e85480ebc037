export * from './referral-id';
export * from './referral-note';
