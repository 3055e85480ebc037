import { Logger } from '@nestjs/common';
import { jsonLogger, type LogLevel } from '@app/observability';

/**
 * Jest set-up file: Nest's default logger writes coloured, human-format
 * lines; apps that tests build without a logger of their own log the
 * services' JSON lines instead, so a run's output has one format.
 */
const levels: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];
const wanted = levels.find((level) => level === process.env.LOG_LEVEL) ?? 'info';
Logger.overrideLogger(jsonLogger('test', wanted));
