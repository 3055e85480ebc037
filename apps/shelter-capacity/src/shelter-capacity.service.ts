import { CASE_DIRECTORY_ERRORS } from '@app/case-directory';
import { type ServiceDefinition } from '@app/platform';
import { ShelterCapacityModule } from './shelter-capacity.module';

export const shelterCapacityService: ServiceDefinition = {
  name: 'shelter-capacity',
  description: 'Shelters publish bed availability by category and take holds for referred clients, never overbooked.',
  module: (config) => ShelterCapacityModule.forRoot(config),
  errors: [CASE_DIRECTORY_ERRORS],
};
