import { launch } from '@app/observability';

launch('shelter-capacity', async () => {
  const [{ bootstrapService }, { shelterCapacityService }] = await Promise.all([
    import('@app/platform'),
    import('./shelter-capacity.service'),
  ]);
  await bootstrapService(shelterCapacityService);
});
