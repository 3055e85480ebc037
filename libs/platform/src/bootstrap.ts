import { type DynamicModule, Logger, Module, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { loadConfig, serviceEnv } from '@app/config';
import { type ErrorCatalog, flattenValidationErrors, ProblemDetailsFilter, RequestValidationError } from '@app/errors';
import { createServiceLogger, jsonLoggerOver } from '@app/observability';
import { Logger as ServiceLogger } from 'nestjs-pino';
import { kafkaClientConfig, kafkaSaslOf, ReliableKafkaServer } from '@app/messaging';
import { type ServiceConfig } from './service-config';
import { ReadinessService } from './readiness.service';
import { restartBudget } from './restart-budget';
import { withProblemResponses } from './openapi/problem-responses';
import { answerUnservedMethodsWith405 } from './method-not-allowed';
import { hardenResponseHeaders } from './response-headers';
import { acceptJsonBodiesOnly } from './body/json-bodies';
import { nameServerSpansByRoute } from './route-span-names';
import { serviceLoggerModule } from './service-logging';
import { correlateRequests, logCompletedRequests } from './request-log';
import { serviceHttpAdapter } from './service-http-adapter';

/** The root of a service's app: its logging, then the service's own module. */
@Module({})
class ServiceRootModule {}

export interface ServiceDefinition {
  name: string;
  description: string;
  module: (config: ServiceConfig) => DynamicModule;
  /** The codes the service answers with beyond the platform's (libs/errors): its own and its libraries'. */
  errors: readonly ErrorCatalog[];
}

/**
 * The pipe used on HTTP. The Kafka side inherits it (inheritAppConfig), but
 * event handlers take contract types, not DTO classes, so there the
 * transport's strict contract parsing (decodeEvent) is what refuses bad input.
 */
export function validationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new RequestValidationError(flattenValidationErrors(errors)),
  });
}

/**
 * Starts one service as a hybrid app: HTTP on Fastify plus the Kafka consumer.
 * Order matters: app.init() (so global pipes and filters exist) before
 * startAllMicroservices(), which inherits them.
 */
export async function bootstrapService(definition: ServiceDefinition): Promise<NestFastifyApplication> {
  const env = loadConfig(serviceEnv);
  const config: ServiceConfig = { ...env, serviceName: definition.name };
  const root = createServiceLogger(definition.name, env.LOG_LEVEL);
  // Nest's lines from before the app exists (and from a failed start) go to the same pino instance.
  Logger.overrideLogger(jsonLoggerOver(root));

  const app = await NestFactory.create<NestFastifyApplication>(
    {
      module: ServiceRootModule,
      imports: [serviceLoggerModule(root), definition.module(config)],
    },
    serviceHttpAdapter(env.HTTP_TRUSTED_PROXIES),
    // Body parsers are acceptJsonBodiesOnly's: Nest's would add urlencoded forms.
    { bufferLogs: true, bodyParser: false },
  );
  const logger = app.get(ServiceLogger);
  app.useLogger(logger);
  app.useGlobalPipes(validationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter(...definition.errors));
  app.enableShutdownHooks();
  correlateRequests(app);
  nameServerSpansByRoute(app);
  answerUnservedMethodsWith405(app);
  acceptJsonBodiesOnly(app);
  hardenResponseHeaders(app);
  logCompletedRequests(app, root);

  const document = withProblemResponses(
    SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle(`refugio ${definition.name}`)
        .setDescription(definition.description)
        .setVersion('1')
        .addBearerAuth()
        .build(),
    ),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });

  const client = kafkaClientConfig(config.serviceName, config.KAFKA_BROKERS, logger, kafkaSaslOf(config));
  const retry = { ...client.retry, retries: config.KAFKA_CLIENT_RETRIES };
  const server = new ReliableKafkaServer({
    kafka: {
      client: { ...client, retry },
      consumer: {
        groupId: config.serviceName,
        retry: {
          ...retry,
          restartOnFailure: restartBudget(config.CONSUMER_MAX_RESTARTS, config.CONSUMER_RESTART_WINDOW_MS),
        },
      },
      run: { partitionsConsumedConcurrently: config.KAFKA_TOPIC_PARTITIONS },
      postfixId: '',
    },
    retry: { maxAttempts: config.CONSUMER_MAX_ATTEMPTS, baseDelayMs: config.CONSUMER_RETRY_BASE_MS },
    topics: { partitions: config.KAFKA_TOPIC_PARTITIONS, replicationFactor: config.KAFKA_REPLICATION_FACTOR },
    onFatal: () => exitBecauseConsumerDied(app),
    logger,
  });
  app.connectMicroservice({ strategy: server }, { inheritAppConfig: true });
  app.get(ReadinessService).register({
    name: 'consumer',
    get healthy() {
      return server.alive;
    },
  });

  await app.init();
  await app.startAllMicroservices();
  await app.listen({ port: config.HTTP_PORT, host: config.HTTP_HOST });
  logger.log({ msg: 'service started', url: await app.getUrl() }, 'Bootstrap');
  return app;
}

/**
 * A consumer that kafkajs will not restart leaves the process unable to do its
 * job while HTTP still answers. Readiness already fails; exit non-zero so the
 * supervisor restarts the process, after a bounded attempt to close cleanly.
 */
function exitBecauseConsumerDied(app: NestFastifyApplication): void {
  process.exitCode = 1;
  const force = setTimeout(() => process.exit(1), 10_000);
  force.unref();
  void app.close().finally(() => process.exit(1));
}
