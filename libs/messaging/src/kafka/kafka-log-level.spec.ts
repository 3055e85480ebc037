import { type LoggerService } from '@nestjs/common';
import { logLevel } from 'kafkajs';
import { kafkaLogCreator } from './kafka-factory';
import { projectLevelOf } from './kafka-log-level';

describe('projectLevelOf', () => {
  it('logs the failed responses kafkajs retries while a broker starts as warnings', () => {
    const coordinator = 'Response GroupCoordinator(key: 10, version: 2)';
    expect(projectLevelOf(logLevel.ERROR, coordinator, 'The group coordinator is not available')).toBe('warn');
    const leader = 'There is no leader for this topic-partition as we are in the middle of a leadership election';
    expect(projectLevelOf(logLevel.ERROR, 'Response Metadata(key: 3, version: 6)', leader)).toBe('warn');
    const moved = 'This server is not the leader for that topic-partition';
    expect(projectLevelOf(logLevel.ERROR, 'Response ListOffsets(key: 2, version: 3)', moved)).toBe('warn');
  });

  it('logs the CreateTopics race between services starting together as a warning', () => {
    const createTopics = 'Response CreateTopics(key: 19, version: 3)';
    expect(projectLevelOf(logLevel.ERROR, createTopics, 'Topic creation errors')).toBe('warn');
  });

  it('keeps every other error an error', () => {
    expect(projectLevelOf(logLevel.ERROR, 'Response Produce(key: 0, version: 7)', 'Topic creation errors')).toBe(
      'error',
    );
    const sasl = 'SASL PLAIN authentication failed';
    expect(projectLevelOf(logLevel.ERROR, 'Response SaslAuthenticate(key: 36, version: 1)', sasl)).toBe('error');
    expect(projectLevelOf(logLevel.ERROR, 'Crash: KafkaJSNumberOfRetriesExceeded', undefined)).toBe('error');
  });

  it('keeps warnings warnings and the rest debug', () => {
    expect(projectLevelOf(logLevel.WARN, 'Could not create topics', 'x')).toBe('warn');
    expect(projectLevelOf(logLevel.INFO, 'Consumer has joined the group', undefined)).toBe('debug');
  });
});

describe('kafkaLogCreator', () => {
  function logged(entry: { level: logLevel; message: string; error?: string }): Record<string, unknown[]> {
    const calls: Record<string, unknown[]> = { error: [], warn: [], debug: [] };
    const logger: LoggerService = {
      log: () => undefined,
      error: (message: unknown) => calls.error!.push(message),
      warn: (message: unknown) => calls.warn!.push(message),
      debug: (message: unknown) => calls.debug!.push(message),
    };
    const log = kafkaLogCreator(logger)(logLevel.WARN);
    log({
      namespace: 'Connection',
      level: entry.level,
      label: 'ERROR',
      log: { timestamp: '2026-12-01T00:00:00.000Z', message: entry.message, error: entry.error, broker: 'b:9092' },
    });
    return calls;
  }

  it('writes a coordinator retry as a warning carrying the message and the error', () => {
    const calls = logged({
      level: logLevel.ERROR,
      message: 'Response GroupCoordinator(key: 10, version: 2)',
      error: 'The group coordinator is not available',
    });
    expect(calls.error).toEqual([]);
    expect(calls.warn).toEqual([
      {
        msg: 'Response GroupCoordinator(key: 10, version: 2)',
        namespace: 'Connection',
        kafkaError: 'The group coordinator is not available',
        broker: 'b:9092',
        groupId: undefined,
      },
    ]);
  });

  it('writes an unknown failure as an error', () => {
    const calls = logged({ level: logLevel.ERROR, message: 'Response Produce(key: 0, version: 7)', error: 'boom' });
    expect(calls.error).toHaveLength(1);
    expect(calls.warn).toEqual([]);
  });
});
