import { type ServiceEnv } from '@app/config';

export interface ServiceConfig extends ServiceEnv {
  /** Service name: producer id in events, consumer group, log `service` field. */
  serviceName: string;
}
