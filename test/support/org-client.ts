import {
  type KeyEnvelope,
  type OrgKeys,
  type OrgPublicKeyRecord,
  type SectionRecord,
  type SigningKey,
  generateOrgKeys,
  parsePublicKeyRecord,
  recipientKeyOf,
  signingKeyOf,
  toPublicKeyRecord,
} from '@app/crypto';
import { type DevIssuer } from '../../apps/dev-issuer/src/dev-issuer';
import { type Role } from '@app/contracts';

export interface HttpResult<T = Record<string, unknown>> {
  status: number;
  body: T;
  contentType: string;
}

/**
 * One organization as a test drives it: its private keys (held only here, as
 * on the organization's own device), a token from the development issuer,
 * and plain HTTP calls to intake.
 */
export class OrgClient {
  private constructor(
    readonly orgId: string,
    readonly keys: OrgKeys[],
    private readonly token: string,
    private readonly baseUrl: () => string,
  ) {}

  /**
   * A staff member whose roles together allow every purpose (ROLE_PURPOSES), so a test of consent is not a test of
   * roles; `withRoles` narrows them.
   */
  static async create(
    issuer: DevIssuer,
    orgId: string,
    baseUrl: () => string,
    sub = `staff_${orgId}`,
  ): Promise<OrgClient> {
    const token = await issuer.mint({ sub, org: orgId, roles: ['intake_worker', 'legal_staff', 'org_admin'] });
    return new OrgClient(orgId, [await generateOrgKeys(orgId)], token, baseUrl);
  }

  /** Another staff member of the same organization, with these roles only. */
  async withRoles(issuer: DevIssuer, roles: Role[]): Promise<OrgClient> {
    const token = await issuer.mint({ sub: `${roles.join('_')}_${this.orgId}`, org: this.orgId, roles });
    return new OrgClient(this.orgId, this.keys, token, this.baseUrl);
  }

  get sub(): string {
    return `staff_${this.orgId}`;
  }

  get current(): OrgKeys {
    const latest = this.keys.at(-1);
    if (!latest) throw new Error('no keys');
    return latest;
  }

  async call<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<HttpResult<T>> {
    const response = await fetch(`${this.baseUrl()}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await response.text();
    return {
      status: response.status,
      body: (text ? JSON.parse(text) : {}) as T,
      contentType: response.headers.get('content-type') ?? '',
    };
  }

  /** Like call, but fails the test on anything but 2xx. */
  async ok<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<T> {
    const result = await this.call<T>(method, path, body);
    if (result.status >= 300)
      throw new Error(`${this.orgId} ${method} ${path}: ${result.status} ${JSON.stringify(result.body)}`);
    return result.body;
  }

  async registerKeys(): Promise<void> {
    await this.ok('POST', '/organizations/me/keys', toPublicKeyRecord(this.current));
  }

  async directoryRecord(orgId: string): Promise<OrgPublicKeyRecord> {
    const view = await this.ok<{ record: unknown }>('GET', `/organizations/${orgId}/keys`);
    return parsePublicKeyRecord(view.record);
  }

  async recipient(
    orgId: string,
    consentId?: string,
  ): Promise<ReturnType<typeof recipientKeyOf> & { consentId?: string }> {
    return { ...recipientKeyOf(await this.directoryRecord(orgId)), ...(consentId ? { consentId } : {}) };
  }

  /** The author's signing key as the directory serves it, to verify a record before decrypting. */
  async signingKeyOf(orgId: string, keyVersion?: number): Promise<SigningKey> {
    const view = await this.ok<{ record: unknown }>(
      'GET',
      `/organizations/${orgId}/keys${keyVersion ? `/${keyVersion}` : ''}`,
    );
    return signingKeyOf(parsePublicKeyRecord(view.record));
  }

  async readSection(
    caseId: string,
    section: string,
    purpose: string,
  ): Promise<HttpResult<{ record: SectionRecord; envelope: KeyEnvelope }>> {
    return this.call('GET', `/cases/${caseId}/sections/${section}?purpose=${purpose}`);
  }
}
