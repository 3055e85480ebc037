import { CASE_DIRECTORY_ERRORS } from '@app/case-directory';
import { type ServiceDefinition } from '@app/platform';
import { LegalStatusModule } from './legal-status.module';

export const legalStatusService: ServiceDefinition = {
  name: 'legal-status',
  description: 'Asylum case milestones in Mexico (COMAR/INM) and the United States, with a deadline engine.',
  module: (config) => LegalStatusModule.forRoot(config),
  errors: [CASE_DIRECTORY_ERRORS],
};
