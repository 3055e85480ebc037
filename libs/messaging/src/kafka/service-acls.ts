import {
  type AclEntry,
  AclOperationTypes,
  AclPermissionTypes,
  AclResourceTypes,
  type Admin,
  ResourcePatternTypes,
} from 'kafkajs';
import {
  CaseErasedV1,
  CaseOpenedV2,
  CasePurgedV1,
  ConsentExpiredV1,
  ConsentRevokedV1,
  deadLetterTopic,
  EVENT_CONTRACTS,
  type EventContract,
  SERVICE_NAMES,
  type ServiceName,
} from '@app/contracts';

/**
 * The topics each service consumes (its @OnEvent handlers): the case
 * directory in the three purging services; in intake, purge confirmations,
 * and its own consent and erasure events, which end the referrals a case's
 * consent no longer covers. A
 * handler added without its line here fails in the e2e tests, not in
 * production quietly: the broker refuses the service's subscription.
 */
export const CONSUMED_BY: Readonly<Record<ServiceName, readonly EventContract[]>> = {
  intake: [CasePurgedV1, ConsentRevokedV1, ConsentExpiredV1, CaseErasedV1],
  'legal-status': [CaseOpenedV2, CaseErasedV1],
  'shelter-capacity': [CaseOpenedV2, CaseErasedV1],
  notifications: [CaseOpenedV2, CaseErasedV1],
};

type Grant = Pick<AclEntry, 'resourceType' | 'resourceName' | 'operation'>;

const topic = (name: string, operation: AclOperationTypes): Grant => ({
  resourceType: AclResourceTypes.TOPIC,
  resourceName: name,
  operation,
});

/**
 * What one service's principal may do on the broker; everything else is
 * denied (the broker allows nothing that has no ACL). It writes only the
 * topics of the events it produces and the dead-letter topics of those it
 * consumes; it reads only what it consumes, through its own consumer group
 * (the group id is the service name). Every service may create and set the
 * retention of every event topic, because each one's outbox relay makes sure
 * all of them exist at start-up; those rights move no event.
 */
export function serviceGrants(service: ServiceName): Grant[] {
  const grants: Grant[] = [];
  for (const contract of EVENT_CONTRACTS) {
    for (const name of [contract.topic, deadLetterTopic(contract.topic)]) {
      for (const operation of [
        AclOperationTypes.DESCRIBE,
        AclOperationTypes.CREATE,
        AclOperationTypes.DESCRIBE_CONFIGS,
        AclOperationTypes.ALTER_CONFIGS,
      ])
        grants.push(topic(name, operation));
    }
    if (contract.producers.includes(service)) grants.push(topic(contract.topic, AclOperationTypes.WRITE));
  }
  for (const contract of CONSUMED_BY[service]) {
    grants.push(topic(contract.topic, AclOperationTypes.READ));
    grants.push(topic(deadLetterTopic(contract.topic), AclOperationTypes.WRITE));
  }
  grants.push({ resourceType: AclResourceTypes.GROUP, resourceName: service, operation: AclOperationTypes.READ });
  // Idempotent producers: Kafka 3.x also accepts WRITE on any topic, older brokers want this.
  grants.push({
    resourceType: AclResourceTypes.CLUSTER,
    resourceName: 'kafka-cluster',
    operation: AclOperationTypes.IDEMPOTENT_WRITE,
  });
  return grants;
}

/** Every service's grants as broker ACLs, for principals `User:<service>`. */
export function serviceAcls(): AclEntry[] {
  return SERVICE_NAMES.flatMap((service) =>
    serviceGrants(service).map((grant) => ({
      ...grant,
      resourcePatternType: ResourcePatternTypes.LITERAL,
      principal: `User:${service}`,
      host: '*',
      permissionType: AclPermissionTypes.ALLOW,
    })),
  );
}

/** Creates the services' ACLs; an ACL that exists already is left as it is, so this runs on every start. */
export async function applyServiceAcls(admin: Admin): Promise<number> {
  const acl = serviceAcls();
  await admin.createAcls({ acl });
  return acl.length;
}
