import { type Provider } from '@nestjs/common';
import { z } from 'zod';
import { loadConfig } from '@app/config';

const accessLogEnv = {
  /**
   * Identical hand-outs (same reader, purpose, section and key version) in
   * one window of this many seconds are logged once. Longer windows log
   * less of a reader's repetition; the log still shows the first read.
   */
  ACCESS_LOG_DEDUPE_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(3_600),
};

export const ACCESS_LOG_SETTINGS = Symbol('ACCESS_LOG_SETTINGS');

export interface AccessLogSettings {
  readonly dedupeWindowMs: number;
  /** The clock entries are stamped and windows are chosen by; tests move it. */
  readonly now: () => Date;
}

export const accessLogSettingsProvider: Provider = {
  provide: ACCESS_LOG_SETTINGS,
  useFactory: (): AccessLogSettings => ({
    dedupeWindowMs: loadConfig(accessLogEnv).ACCESS_LOG_DEDUPE_WINDOW_SECONDS * 1000,
    now: () => new Date(),
  }),
};
