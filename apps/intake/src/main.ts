import { launch } from '@app/observability';

launch('intake', async () => {
  const [{ bootstrapService }, { intakeService }] = await Promise.all([
    import('@app/platform'),
    import('./intake.service'),
  ]);
  await bootstrapService(intakeService);
});
