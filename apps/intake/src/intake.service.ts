import { CASE_DIRECTORY_ERRORS } from '@app/case-directory';
import { INTAKE_ERRORS } from './intake-errors';
import { type ServiceDefinition } from '@app/platform';
import { IntakeModule } from './intake.module';

export const intakeService: ServiceDefinition = {
  name: 'intake',
  description:
    'Organizations, clients and cases (routing metadata in plaintext, content end-to-end encrypted), consent and ' +
    'referrals.',
  module: (config) => IntakeModule.forRoot(config),
  errors: [CASE_DIRECTORY_ERRORS, INTAKE_ERRORS],
};
