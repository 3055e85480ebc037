import { Injectable } from '@nestjs/common';
import { type OrgPublicKeyRecord } from '@app/crypto';
import { KeyDirectory } from '../../key-directory/key-directory.service';
import { type ProviderEntry, type ProviderProfile } from '../domain/provider-entry';
import { compareFit, fitOf } from '../domain/provider-fit';
import { PROVIDER_SEARCH_RANKED_MAX, type ProviderSearch } from '../domain/provider-search';
import { ProviderDirectoryRepository, StaleEntryError } from '../persistence/provider-directory.repository';
import { decodeProviderCursor, encodeProviderCursor } from './provider-cursor';
import { entryNotFound, entryVersionConflict, keysRequired } from './provider-directory-errors';

/** An entry and the organization's current public keys, shown beside it so a sender can compare fingerprints. */
export interface ListedProvider {
  readonly entry: ProviderEntry;
  readonly keys: OrgPublicKeyRecord;
}

export interface ProviderPage {
  readonly items: readonly ListedProvider[];
  readonly nextCursor?: string;
}

/** How many times a write without an expected version re-reads after losing a race. */
const WRITE_ATTEMPTS = 5;

@Injectable()
export class ProviderDirectory {
  constructor(
    private readonly entries: ProviderDirectoryRepository,
    private readonly keys: KeyDirectory,
  ) {}

  /**
   * Publishes or replaces the caller's organization's entry. With
   * `expectedVersion` (0 for a first entry) it applies only on that version;
   * without, the last write wins.
   */
  async publish(orgId: string, profile: ProviderProfile, expectedVersion?: number): Promise<ListedProvider> {
    const keys = (await this.keys.currentRecords([orgId])).get(orgId);
    if (!keys) throw keysRequired();
    for (let attempt = 1; ; attempt += 1) {
      const current = await this.entries.findAny(orgId);
      if (expectedVersion !== undefined && expectedVersion !== (current?.version ?? 0)) throw entryVersionConflict();
      try {
        const at = new Date();
        if (current) await this.entries.replace(current, profile, at);
        else await this.entries.insert(orgId, profile, at);
        return { entry: await this.requireListed(orgId), keys };
      } catch (error) {
        if (!(error instanceof StaleEntryError)) throw error;
        if (expectedVersion !== undefined || attempt === WRITE_ATTEMPTS) throw entryVersionConflict();
      }
    }
  }

  /** Takes the caller's entry out of search. Accepted referrals keep what they hold. */
  async unlist(orgId: string, expectedVersion?: number): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      const current = await this.entries.findAny(orgId);
      if (!current?.listed) throw entryNotFound();
      if (expectedVersion !== undefined && expectedVersion !== current.version) throw entryVersionConflict();
      try {
        await this.entries.unlist(current, new Date());
        return;
      } catch (error) {
        if (!(error instanceof StaleEntryError)) throw error;
        if (expectedVersion !== undefined || attempt === WRITE_ATTEMPTS) throw entryVersionConflict();
      }
    }
  }

  /** A listed entry, or DIRECTORY.NOT_FOUND. */
  async requireListed(orgId: string): Promise<ProviderEntry> {
    const found = await this.entries.findAny(orgId);
    if (!found?.listed) throw entryNotFound();
    const { listed: _listed, ...entry } = found;
    return entry;
  }

  async entryWithKeys(orgId: string): Promise<ListedProvider> {
    const entry = await this.requireListed(orgId);
    const keys = (await this.keys.currentRecords([orgId])).get(orgId);
    // Publishing needs keys and keys are never removed, so a listed entry has them.
    if (!keys) throw entryNotFound();
    return { entry, keys };
  }

  /** Listed entries matching the search, best fit first, one page after `cursor`. */
  async search(search: ProviderSearch, limit: number, cursor?: string): Promise<ProviderPage> {
    const after = cursor === undefined ? undefined : decodeProviderCursor(cursor);
    const ranked = (await this.entries.candidates(search, PROVIDER_SEARCH_RANKED_MAX))
      .map((entry) => ({ entry, fit: fitOf(entry, search.region) }))
      .filter(({ fit }) => after === undefined || compareFit(fit, after) > 0)
      .sort((a, b) => compareFit(a.fit, b.fit));
    const page = ranked.slice(0, limit);
    const keys = await this.keys.currentRecords(page.map(({ entry }) => entry.orgId));
    const items = page.flatMap(({ entry }) => {
      const record = keys.get(entry.orgId);
      return record ? [{ entry, keys: record }] : [];
    });
    const last = page.at(-1);
    return ranked.length > limit && last ? { items, nextCursor: encodeProviderCursor(last.fit) } : { items };
  }
}
