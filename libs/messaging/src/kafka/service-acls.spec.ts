import { AclOperationTypes, AclResourceTypes } from 'kafkajs';
import {
  CaseErasedV1,
  CaseOpenedV2,
  CasePurgedV1,
  ConsentExpiredV1,
  ConsentRevokedV1,
  deadLetterTopic,
  EVENT_CONTRACTS,
} from '@app/contracts';
import { serviceAcls, serviceGrants } from './service-acls';

const writes = (service: Parameters<typeof serviceGrants>[0]): string[] =>
  serviceGrants(service)
    .filter((grant) => grant.resourceType === AclResourceTypes.TOPIC && grant.operation === AclOperationTypes.WRITE)
    .map((grant) => grant.resourceName)
    .sort();

describe('service ACLs', () => {
  it('lets intake write its own events and the dead letters of what it consumes, nothing else', () => {
    const own = EVENT_CONTRACTS.filter((contract) => contract.producers.includes('intake')).map((c) => c.topic);
    const consumed = [CasePurgedV1, ConsentRevokedV1, ConsentExpiredV1, CaseErasedV1].map((c) =>
      deadLetterTopic(c.topic),
    );
    expect(writes('intake')).toEqual([...own, ...consumed].sort());
    expect(writes('intake')).not.toContain(CasePurgedV1.topic);
  });

  it.each(['legal-status', 'shelter-capacity', 'notifications'] as const)(
    'lets %s confirm purges and dead-letter what it consumes, but never publish a case event',
    (service) => {
      expect(writes(service)).toEqual(
        [CasePurgedV1.topic, deadLetterTopic(CaseOpenedV2.topic), deadLetterTopic(CaseErasedV1.topic)].sort(),
      );
    },
  );

  it('gives each principal reads through its own consumer group only', () => {
    const groups = serviceAcls().filter((acl) => acl.resourceType === AclResourceTypes.GROUP);
    expect(groups.map((acl) => [acl.principal, acl.resourceName])).toEqual([
      ['User:intake', 'intake'],
      ['User:legal-status', 'legal-status'],
      ['User:shelter-capacity', 'shelter-capacity'],
      ['User:notifications', 'notifications'],
    ]);
  });

  it('grants nothing on a topic that is not an event topic or its dead-letter topic', () => {
    const known = new Set(EVENT_CONTRACTS.flatMap((c) => [c.topic, deadLetterTopic(c.topic)]));
    const topics = serviceAcls().filter((acl) => acl.resourceType === AclResourceTypes.TOPIC);
    expect(topics.filter((acl) => !known.has(acl.resourceName))).toEqual([]);
  });
});
