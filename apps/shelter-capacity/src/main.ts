import { launch } from '@app/observability';

launch('shelter-capacity', async () => (await import('./shelter-capacity.service')).shelterCapacityService);
