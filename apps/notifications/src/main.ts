import { launch } from '@app/observability';

launch('notifications', async () => (await import('./notifications.service')).notificationsService);
