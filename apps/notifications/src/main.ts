import { launch } from '@app/observability';

launch('notifications', async () => {
  const [{ bootstrapService }, { notificationsService }] = await Promise.all([
    import('@app/platform'),
    import('./notifications.service'),
  ]);
  await bootstrapService(notificationsService);
});
