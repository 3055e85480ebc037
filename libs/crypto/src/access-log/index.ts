export {
  type AccessLogEntry,
  type AccessLogEntryBody,
  type OwnerAccessLogEntry,
  ACCESS_LOG_HASH_BYTES,
  GENESIS_HASH,
  accessLogEntryHash,
} from './access-log-entry';
export { type AccessLogEntryV1, type AccessLogEntryV1Body } from './entry-v1';
export {
  type AccessLogEntryV2,
  type AccessLogEntryV2Body,
  type ActorSubDisclosure,
  type DisclosedAccessLogEntryV2,
  ACTOR_SALT_BYTES,
  v2BodyOf,
} from './entry-v2';
export { type ReceiptAccessLogEntry, type WithheldAccessLogEntry, toReceiptHolderEntry } from './withheld-entry';
export { accessLogActorSubDigest, newActorSalt, verifyActorSub } from './actor-sub';
export {
  ACCESS_LOG_BREAK_REASONS,
  type AccessLogBreakReason,
  type AccessLogHead,
  type AccessLogVerification,
  GENESIS_CHECKPOINT,
} from './verification';
export { verifyAccessLog } from './verify-access-log';
export {
  type AccessLogPageOptions,
  type AccessLogPageVerification,
  verifyAccessLogPage,
} from './verify-access-log-page';
export {
  type AccessLogPageFetcher,
  type AccessLogPagesOptions,
  type AccessLogPagesVerification,
  verifyAccessLogPages,
} from './verify-access-log-pages';
