export { type AccessLogEntry, type AccessLogEntryBody, GENESIS_HASH, accessLogEntryHash } from './access-log-entry';
export { type AccessLogBreakReason, type AccessLogHead, type AccessLogVerification, verifyAccessLog } from './verify-access-log';
