import { launch } from '@app/observability';

launch('legal-status', async () => (await import('./legal-status.service')).legalStatusService);
