import { CASE_DIRECTORY_ERRORS } from '@app/case-directory';
import { type ServiceDefinition } from '@app/platform';
import { NotificationsModule } from './notifications.module';

export const notificationsService: ServiceDefinition = {
  name: 'notifications',
  description: 'Tells organizations what they must know (webhooks, email), never with case content in a message.',
  module: (config) => NotificationsModule.forRoot(config),
  errors: [CASE_DIRECTORY_ERRORS],
};
