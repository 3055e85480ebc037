// The provider directory part of the fake intake: entries published by an
// organization's admin, searched by fit, with the referral capacity counter
// that acceptances take from. Enough of intake's rules for the CLI's tests.
import { keyFingerprint, orgKeysFingerprint } from '@app/crypto';
import { type FakeKeyDirectory } from './fake-key-directory';
import { type FakeRequest, problem } from './fake-http';

export type FakeProvider = {
  orgId: string;
  displayName: string;
  services: string[];
  practiceScopes: string[];
  languages: string[];
  regionsServed: string[];
  nationwide: string[];
  acceptingReferrals: boolean;
  referralCapacity: number;
  /** Referral ids holding a unit of capacity. */
  holders: Set<string>;
  version: number;
  updatedAt: string;
};

const PROFILE_FIELDS = [
  'displayName',
  'services',
  'practiceScopes',
  'languages',
  'regionsServed',
  'nationwide',
  'acceptingReferrals',
  'referralCapacity',
  'version',
];

export class FakeProviderDirectory {
  readonly entries = new Map<string, FakeProvider>();

  constructor(private readonly keys: FakeKeyDirectory) {}

  async publish(r: FakeRequest): Promise<unknown> {
    const orgId = r.caller?.org ?? '';
    if (!this.keys.keys.has(orgId)) throw problem(409, 'DIRECTORY.KEYS_REQUIRED');
    const body = (r.body ?? {}) as Record<string, unknown>;
    if (Object.keys(body).some((k) => !PROFILE_FIELDS.includes(k))) throw problem(400, 'VALIDATION.FAILED');
    const existing = this.entries.get(orgId);
    if (body.version !== undefined && body.version !== (existing?.version ?? 0))
      throw problem(409, 'DIRECTORY.VERSION_CONFLICT');
    const list = (name: string): string[] => {
      const value = body[name];
      if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw problem(400, 'VALIDATION.FAILED');
      return value as string[];
    };
    if (typeof body.displayName !== 'string' || typeof body.acceptingReferrals !== 'boolean')
      throw problem(400, 'VALIDATION.FAILED');
    if (typeof body.referralCapacity !== 'number' || !Number.isInteger(body.referralCapacity))
      throw problem(400, 'VALIDATION.FAILED');
    this.entries.set(orgId, {
      orgId,
      displayName: body.displayName,
      services: list('services'),
      practiceScopes: list('practiceScopes'),
      languages: list('languages'),
      regionsServed: list('regionsServed'),
      nationwide: list('nationwide'),
      acceptingReferrals: body.acceptingReferrals,
      referralCapacity: body.referralCapacity,
      holders: existing?.holders ?? new Set(),
      version: (existing?.version ?? 0) + 1,
      updatedAt: new Date().toISOString(),
    });
    return this.view(orgId);
  }

  async view(orgId: string): Promise<unknown> {
    const entry = this.entries.get(orgId);
    if (!entry) throw problem(404, 'DIRECTORY.NOT_FOUND');
    const record = this.keys.ring(orgId).at(-1);
    if (!record) throw problem(404, 'KEYS.NOT_FOUND');
    const { holders, ...profile } = entry;
    return {
      ...profile,
      openReferrals: holders.size,
      openCapacity: openCapacity(entry),
      keys: {
        orgId,
        keyVersion: record.keyVersion,
        record,
        fingerprint: await orgKeysFingerprint(record),
        fingerprints: {
          encryption: keyFingerprint(record.encryptionKeyId),
          signing: keyFingerprint(record.signingKeyId),
        },
      },
    };
  }

  async search(r: FakeRequest): Promise<unknown> {
    const q = r.query;
    const limit = Number(q.get('limit') ?? '20');
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw problem(400, 'VALIDATION.FAILED');
    const cursor = q.get('cursor');
    const offset = cursor === null ? 0 : Number(/^o(\d+)$/.exec(cursor)?.[1] ?? NaN);
    if (Number.isNaN(offset)) throw problem(400, 'DIRECTORY.INVALID_CURSOR');
    const region = q.get('region');
    const fits = [...this.entries.values()]
      .filter((e) => !q.get('service') || e.services.includes(q.get('service') ?? ''))
      .filter((e) => !q.get('scope') || e.practiceScopes.includes(q.get('scope') ?? ''))
      .filter((e) => !q.get('language') || e.languages.includes(q.get('language') ?? ''))
      .filter((e) => !region || e.regionsServed.includes(region) || e.nationwide.includes(region.slice(0, 2)))
      .filter((e) => q.get('withOpenCapacity') !== 'true' || openCapacity(e) > 0)
      .sort((a, b) => Number(openCapacity(b) > 0) - Number(openCapacity(a) > 0) || openCapacity(b) - openCapacity(a));
    const page = fits.slice(offset, offset + limit);
    return {
      items: await Promise.all(page.map((e) => this.view(e.orgId))),
      ...(offset + limit < fits.length ? { nextCursor: `o${offset + limit}` } : {}),
    };
  }

  /** One unit of the provider's capacity for the referral; false when none is open (a retry takes none). */
  take(orgId: string, referralId: string): boolean {
    const entry = this.entries.get(orgId);
    if (!entry) return false;
    if (entry.holders.has(referralId)) return true;
    if (openCapacity(entry) <= 0) return false;
    entry.holders.add(referralId);
    return true;
  }

  release(orgId: string, referralId: string): void {
    this.entries.get(orgId)?.holders.delete(referralId);
  }
}

function openCapacity(entry: FakeProvider): number {
  return entry.acceptingReferrals ? Math.max(0, entry.referralCapacity - entry.holders.size) : 0;
}
