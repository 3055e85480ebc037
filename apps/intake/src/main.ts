import { launch } from '@app/observability';

launch('intake', async () => (await import('./intake.service')).intakeService);
