export { type AccessLogEntry, type AccessLogEntryBody, GENESIS_HASH, accessLogEntryHash } from './access-log-entry';
export {
  ACCESS_LOG_BREAK_REASONS,
  type AccessLogBreakReason,
  type AccessLogHead,
  type AccessLogVerification,
  verifyAccessLog,
} from './verify-access-log';
