import { type JsonValue } from '@app/crypto';
import { type IntakeClient } from '../http/intake-client';
import { asArray, asObject, asString, optionalString } from './response';

// The provider directory: who offers which services, where, in which
// languages, and whether they take referrals now. Everything in it is public
// to every authenticated organization; the keys beside each entry are
// intake's word (the CLI seals only to keys its own key directory verified).

export interface ProviderSearch {
  readonly service?: string;
  readonly scope?: string;
  readonly region?: string;
  readonly language?: string;
  readonly withOpenCapacity?: boolean;
  readonly limit?: number;
  readonly cursor?: string;
}

/** One entry as intake serves it, checked for the fields the CLI reads. */
export type ProviderEntry = { readonly orgId: string; readonly [field: string]: JsonValue };

export interface ProviderPage {
  readonly items: readonly ProviderEntry[];
  readonly nextCursor?: string;
}

export async function searchProviders(api: IntakeClient, search: ProviderSearch): Promise<ProviderPage> {
  const query: Record<string, string> = {};
  for (const name of ['service', 'scope', 'region', 'language', 'cursor'] as const) {
    const value = search[name];
    if (value !== undefined) query[name] = value;
  }
  if (search.withOpenCapacity) query.withOpenCapacity = 'true';
  if (search.limit !== undefined) query.limit = String(search.limit);
  const body = asObject(await api.get(['directory', 'providers'], query), 'providers');
  const nextCursor = optionalString(body.nextCursor, 'providers.nextCursor');
  return {
    items: asArray(body.items, 'providers.items').map((item, i) => parseProviderEntry(item, `providers.items[${i}]`)),
    ...(nextCursor === undefined ? {} : { nextCursor }),
  };
}

export async function directoryEntry(api: IntakeClient, orgId: string): Promise<ProviderEntry> {
  return parseProviderEntry(await api.get(['organizations', orgId, 'directory-entry']), 'directory entry');
}

/** The caller's organization's profile (org_admin); intake validates its vocabulary. */
export async function publishDirectoryEntry(api: IntakeClient, profile: unknown): Promise<ProviderEntry> {
  return parseProviderEntry(await api.put(['organizations', 'me', 'directory-entry'], profile), 'directory entry');
}

function parseProviderEntry(value: unknown, what: string): ProviderEntry {
  const o = asObject(value, what);
  return { ...(o as { [field: string]: JsonValue }), orgId: asString(o.orgId, `${what}.orgId`) };
}
