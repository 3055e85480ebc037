import { logLevel } from 'kafkajs';

export type ProjectLogLevel = 'error' | 'warn' | 'debug';

/**
 * Messages of the kafkajs protocol errors (kafkajs/src/protocol/error.js,
 * all `retriable: true`) that a broker answers while it or a group is still
 * starting. kafkajs logs each failed response at error level and then retries
 * it itself; if the retries run out, the caller gets the error and logs that.
 */
const RETRIED_WHILE_STARTING = new Set([
  // GROUP_COORDINATOR_NOT_AVAILABLE
  'The group coordinator is not available',
  // GROUP_LOAD_IN_PROGRESS
  "The coordinator is loading and hence can't process requests for this group",
  // NOT_COORDINATOR_FOR_GROUP
  'This is not the correct coordinator for this group',
  // LEADER_NOT_AVAILABLE
  'There is no leader for this topic-partition as we are in the middle of a leadership election',
  // NOT_LEADER_FOR_PARTITION: a fresh topic's leader moved; kafkajs refreshes its metadata
  'This server is not the leader for that topic-partition',
  // UNKNOWN_TOPIC_OR_PARTITION: a topic created a moment ago (see ensure-topics.ts)
  'This server does not host this topic-partition',
  // NOT_CONTROLLER
  'This is not the correct controller for this cluster',
]);

/**
 * A CreateTopics response's errors come as one aggregate: when services start
 * together and race to create the same topic, it holds TOPIC_ALREADY_EXISTS
 * only, which kafkajs then treats as success; any other reason is thrown to
 * ensureTopics's caller, which fails the start and logs it there.
 */
function isCreateTopicsRace(message: unknown, error: unknown): boolean {
  return (
    typeof message === 'string' && message.startsWith('Response CreateTopics') && error === 'Topic creation errors'
  );
}

/**
 * The level a kafkajs entry is logged at: kafkajs's own, except that the
 * failed responses it retries while a broker starts are warnings, not errors.
 */
export function projectLevelOf(level: logLevel, message: unknown, error: unknown): ProjectLogLevel {
  if (level === logLevel.ERROR) {
    const retried =
      (typeof error === 'string' && RETRIED_WHILE_STARTING.has(error)) || isCreateTopicsRace(message, error);
    return retried ? 'warn' : 'error';
  }
  return level === logLevel.WARN ? 'warn' : 'debug';
}
