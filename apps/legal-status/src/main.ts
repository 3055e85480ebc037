import { launch } from '@app/observability';

launch('legal-status', async () => {
  const [{ bootstrapService }, { legalStatusService }] = await Promise.all([
    import('@app/platform'),
    import('./legal-status.service'),
  ]);
  await bootstrapService(legalStatusService);
});
