import { Injectable } from '@nestjs/common';
import { ErasureRepository } from '../persistence/erasure.repository';
import { type Tombstone } from '../domain/erasure';
import { ownerScope } from '../../cases/domain/case-scope';

/** Reads of erasure tombstones for the HTTP layer, scoped to the owner organization by the repository. */
@Injectable()
export class ErasureQueries {
  constructor(private readonly erasures: ErasureRepository) {}

  async findTombstone(orgId: string, caseId: string): Promise<Tombstone | undefined> {
    return this.erasures.findTombstone(ownerScope(orgId), caseId);
  }
}
