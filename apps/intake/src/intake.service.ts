import { type ServiceDefinition } from '@app/platform';
import { IntakeModule } from './intake.module';

export const intakeService: ServiceDefinition = {
  name: 'intake',
  description:
    'Organizations, clients and cases (routing metadata in plaintext, content end-to-end encrypted), consent and ' +
    'referrals.',
  module: (config) => IntakeModule.forRoot(config),
};
