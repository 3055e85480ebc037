import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '@app/auth';
import { ReadinessService } from './readiness.service';

interface ReplyLike {
  status(code: number): ReplyLike;
  send(body: unknown): void;
}

const readinessSchema = {
  type: 'object',
  required: ['status', 'checks'],
  properties: {
    status: { type: 'string', enum: ['ready', 'not_ready'] },
    checks: { type: 'object', additionalProperties: { type: 'boolean' } },
  },
};

/**
 * The checks run on terminus (ReadinessService); the body keeps this API's
 * `{status, checks}` rather than terminus's `{status, info, error, details}`:
 * probes, the local stack and operators read one boolean per check.
 */
@ApiTags('operations')
@Controller()
export class HealthController {
  constructor(private readonly readiness: ReadinessService) {}

  @Public()
  @Get('health')
  @ApiOperation({ summary: 'Liveness: the process is up and serving HTTP.' })
  health(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Public()
  @Get('ready')
  @ApiOperation({
    summary:
      'Readiness: MongoDB, Kafka, the consumer and the outbox relay are all working (503 otherwise, and while ' +
      'the service shuts down).',
  })
  @ApiOkResponse({ description: 'Every check passed.', schema: readinessSchema })
  @ApiServiceUnavailableResponse({
    description: 'A check failed (`checks` says which), or the service is shutting down.',
    schema: readinessSchema,
  })
  async ready(@Res() reply: ReplyLike): Promise<void> {
    const report = await this.readiness.report();
    reply
      .status(report.ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
      .send({ status: report.ready ? 'ready' : 'not_ready', checks: report.checks });
  }
}
