// An in-memory stand-in for intake's consent API (docs/consent-api.md), for
// the staff CLI's unit tests: enough rules to exercise the CLI's paths (first
// write, update, sharing, rotation after withdrawal), verified with the SDK.
// Not a specification of intake; the lead's end-to-end tests use the real one.
import {
  type KeyEnvelope,
  type OrgPublicKeyRecord,
  type SectionName,
  parseEnvelope,
  parseSectionRecord,
  signingKeyOf,
  verifyConsentReceipt,
} from '@app/crypto';
import { activeGrants, consentsView, type FakeCase } from './fake-case';
import { appendHandOut, logPage, pageOf } from './fake-access-log';
import { FakeErasures } from './fake-erasures';
import { FakeKeyDirectory } from './fake-key-directory';
import { FakeAnswer, type FakeRequest, fakeFetch, problem } from './fake-http';
import { FakeProviderDirectory } from './fake-provider-directory';
import { FakeReferrals } from './fake-referrals';

export class FakeIntake {
  readonly baseUrl = 'http://intake.test/api/';
  readonly directory = new FakeKeyDirectory();
  /** Each organization's key versions as served; tests may swap them. */
  readonly keys = this.directory.keys;
  /** Every registration and rotation, hash-chained as intake's key directory log; tests may tamper with it. */
  readonly directoryLog = this.directory.log;
  readonly cases = new Map<string, FakeCase>();
  readonly requests: FakeRequest[] = [];
  readonly erasures = new FakeErasures();
  readonly providers = new FakeProviderDirectory(this.directory);
  readonly referrals = new FakeReferrals(
    (orgId) => this.ring(orgId),
    this.providers,
    (caseId) => this.cases.get(caseId),
  );
  /** Checked first: a test returns a body or a FakeAnswer here to replace intake's answer (undefined: no change). */
  intercept?: (request: FakeRequest) => unknown;
  readonly fetch = fakeFetch(
    this.baseUrl,
    (request) => this.intercept?.(request) ?? this.route(request),
    this.requests,
  );

  private route(r: FakeRequest): unknown {
    const [, b, , d, , f] = r.segments;
    // Ids (odd positions, apart from fixed words) become ':' so that one case label matches every id.
    const fixed = ['me', 'keys', 'rotations', 'lookup', 'history', 'head', 'log', 'providers'];
    const path = r.segments.map((s, i) => (i % 2 === 1 && !fixed.includes(s) ? ':' : s)).join('/');
    const key = `${r.method} ${path}`;
    switch (key) {
      case 'POST organizations/me/keys':
        return this.directory.register(r);
      case 'POST organizations/me/keys/rotations':
        return this.directory.rotate(r);
      case 'GET organizations/:/keys':
        return this.directory.keysView(this.ring(b ?? '').at(-1), 'current');
      case 'GET organizations/:/keys/history':
        return this.directory.historyView(b ?? '');
      case 'GET key-directory/head':
        return this.directory.signedHead();
      case 'GET key-directory/log':
        return this.directory.logView(Number(r.query.get('after') ?? '0'));
      case 'GET organizations/:/keys/:':
        return this.directory.keysView(
          this.ring(b ?? '').find((k) => k.keyVersion === Number(d)),
          'record',
        );
      case 'POST cases':
        return this.openCase(r);
      case 'GET cases/:/sections':
        return this.listSections(r, this.caseOf(b));
      case 'GET cases/:/sections/:':
        return this.readSection(r, this.caseOf(b), d as SectionName);
      case 'PUT cases/:/sections/:':
        return this.writeSection(r, this.ownedCase(r, b), d as SectionName);
      case 'POST cases/:/sections/:/envelopes':
        return this.addEnvelopes(r, this.ownedCase(r, b), d as SectionName);
      case 'POST cases/:/consents':
        return this.recordConsent(r, this.ownedCase(r, b), b ?? '');
      case 'GET cases/:/consents':
        return consentsView(this.ownedCase(r, b));
      case 'DELETE cases/:/consents/:/grants/:':
        return this.withdraw(this.ownedCase(r, b), d ?? '', f ?? '');
      case 'POST receipts/lookup':
        return this.receipt(receiptCodeOf(r.body), pageOf(r.body as Record<string, unknown> | null));
      case 'GET cases/:/access-log':
        return logPage(this.ownedCase(r, b), pageOf(Object.fromEntries(r.query)), 'owner');
      case 'POST cases/:/erasure':
        // Intake answers a second erasure 409 though the case is gone; so does this.
        if (!this.erasures.has(b ?? '')) this.ownedCase(r, b);
        this.cases.delete(b ?? '');
        return this.erasures.erase(b ?? '', r.body);
      case 'GET cases/:/erasure':
        return this.erasures.view(b ?? '');
      case 'PUT organizations/me/directory-entry':
        return this.providers.publish(r);
      case 'GET organizations/:/directory-entry':
        return this.providers.view(b ?? '');
      case 'GET directory/providers':
        return this.providers.search(r);
      case 'POST cases/:/referrals':
        return this.referrals.create(r, this.ownedCase(r, b), b ?? '');
      case 'GET referrals':
        return this.referrals.list(r);
      case 'GET referrals/:':
        return this.referrals.get(r, b ?? '');
      case 'POST referrals/:/accept':
        return this.referrals.accept(r, b ?? '');
      case 'POST referrals/:/decline':
        return this.referrals.decline(r, b ?? '');
      case 'POST referrals/:/withdraw':
        return this.referrals.withdraw(r, b ?? '');
      case 'POST referrals/:/complete':
        return this.referrals.complete(r, b ?? '');
      default:
        return problem(404, 'ROUTE.NOT_FOUND');
    }
  }

  private ring(orgId: string): OrgPublicKeyRecord[] {
    return this.directory.ring(orgId);
  }

  private openCase(r: FakeRequest): unknown {
    const caseId = `case_${this.cases.size + 1}`;
    const { routing } = r.body as { routing: unknown };
    this.cases.set(caseId, {
      ownerOrgId: r.caller?.org ?? '',
      sections: new Map(),
      consents: new Map(),
      log: [],
      routing,
    });
    return { caseId, ownerOrgId: r.caller?.org, routing, version: 1 };
  }

  private caseOf(caseId: string | undefined): FakeCase {
    const found = this.cases.get(caseId ?? '');
    if (!found) throw problem(404, 'CASE.NOT_FOUND');
    return found;
  }

  private ownedCase(r: FakeRequest, caseId: string | undefined): FakeCase {
    const found = this.caseOf(caseId);
    if (found.ownerOrgId !== r.caller?.org) throw problem(404, 'CASE.NOT_FOUND');
    return found;
  }

  private mayRead(r: FakeRequest, c: FakeCase, section: string): boolean {
    const purpose = r.query.get('purpose') ?? '';
    return (
      c.ownerOrgId === r.caller?.org ||
      activeGrants(c).some(
        (g) => g.orgId === r.caller?.org && g.sections.includes(section) && g.purposes.includes(purpose),
      )
    );
  }

  private listSections(r: FakeRequest, c: FakeCase): unknown {
    const owner = c.ownerOrgId === r.caller?.org;
    return [...c.sections.entries()]
      .filter(([section]) => this.mayRead(r, c, section))
      .map(([section, s]) => ({
        section,
        contentVersion: s.record.contentVersion,
        keyVersion: s.record.keyVersion,
        ...(owner
          ? { recipients: s.envelopes.map((e) => e.recipientOrgId), rotationRequired: s.rotationRequired }
          : {}),
      }));
  }

  private async readSection(r: FakeRequest, c: FakeCase, section: SectionName): Promise<unknown> {
    const stored = c.sections.get(section);
    const envelope = stored?.envelopes.find((e) => e.recipientOrgId === r.caller?.org);
    if (!stored || !envelope || !this.mayRead(r, c, section)) throw problem(404, 'SECTION.NOT_FOUND');
    await appendHandOut(c, {
      actorSub: r.caller?.sub ?? '',
      actorOrg: r.caller?.org ?? '',
      purpose: r.query.get('purpose') ?? '',
      section,
      keyVersion: stored.record.keyVersion,
    });
    return { record: stored.record, envelope };
  }

  private writeSection(r: FakeRequest, c: FakeCase, section: SectionName): unknown {
    const body = r.body as { record: unknown; envelopes?: unknown[] };
    const record = parseSectionRecord(body.record);
    const stored = c.sections.get(section);
    if (record.contentVersion !== (stored?.record.contentVersion ?? 0) + 1)
      throw problem(409, 'SECTION.CONTENT_VERSION_CONFLICT');
    if (stored && record.keyVersion === stored.record.keyVersion) {
      if (stored.rotationRequired) throw problem(409, 'SECTION.KEY_VERSION_RETIRED');
      if (body.envelopes !== undefined && body.envelopes.length > 0) throw problem(400, 'SECTION.ENVELOPES_UNCHANGED');
      stored.record = record;
      return {
        section,
        contentVersion: record.contentVersion,
        keyVersion: record.keyVersion,
        recipients: stored.envelopes.map((e) => e.recipientOrgId),
      };
    }
    if (record.keyVersion !== (stored?.record.keyVersion ?? 0) + 1) throw problem(409, 'SECTION.KEY_VERSION_CONFLICT');
    const envelopes = (body.envelopes ?? []).map((e) => parseEnvelope(e));
    this.checkRecipients(c, section, envelopes);
    if (!envelopes.some((e) => e.recipientOrgId === c.ownerOrgId)) throw problem(422, 'ENVELOPE.OWNER_MISSING');
    c.sections.set(section, { record, envelopes, rotationRequired: false });
    return {
      section,
      contentVersion: record.contentVersion,
      keyVersion: record.keyVersion,
      recipients: envelopes.map((e) => e.recipientOrgId),
    };
  }

  private addEnvelopes(r: FakeRequest, c: FakeCase, section: SectionName): unknown {
    const stored = c.sections.get(section);
    if (!stored) throw problem(404, 'SECTION.NOT_FOUND');
    const envelopes = (r.body as { envelopes: unknown[] }).envelopes.map((e) => parseEnvelope(e));
    if (envelopes.some((e) => e.keyVersion !== stored.record.keyVersion))
      throw problem(422, 'ENVELOPE.CONTEXT_MISMATCH');
    this.checkRecipients(c, section, envelopes);
    stored.envelopes.push(...envelopes);
    return { keyVersion: stored.record.keyVersion, recipients: stored.envelopes.map((e) => e.recipientOrgId) };
  }

  private checkRecipients(c: FakeCase, section: string, envelopes: readonly KeyEnvelope[]): void {
    for (const e of envelopes) {
      if (
        e.recipientOrgId !== c.ownerOrgId &&
        // As intake: a grant to disclose only reaches its grantee through a referral it accepted.
        !activeGrants(c).some(
          (g) => g.orgId === e.recipientOrgId && g.sections.includes(section) && g.action === 'access',
        )
      ) {
        throw problem(403, 'ENVELOPE.NO_ACTIVE_GRANT');
      }
      if (this.ring(e.recipientOrgId).at(-1)?.encryptionKeyId !== e.recipientKeyId)
        throw problem(422, 'ENVELOPE.RECIPIENT_KEY_MISMATCH');
    }
  }

  private async recordConsent(r: FakeRequest, c: FakeCase, caseId: string): Promise<unknown> {
    const signer = signingKeyOf(this.ring(r.caller?.org ?? '').at(-1) as OrgPublicKeyRecord);
    const receipt = await verifyConsentReceipt((r.body as { receipt: unknown }).receipt, signer).catch(() => {
      throw problem(422, 'CONSENT.SIGNER_KEY_UNKNOWN');
    });
    const { record } = receipt;
    if (record.caseId !== caseId) throw problem(422, 'CONSENT.CASE_MISMATCH');
    if (record.collectedBy.staffSub !== r.caller?.sub) throw problem(422, 'CONSENT.COLLECTOR_MISMATCH');
    const existing = c.consents.get(record.consentId);
    if (record.version !== (existing?.receipts.length ?? 0) + 1) throw problem(409, 'CONSENT.VERSION_CONFLICT');
    const code = existing?.code ?? `RC${this.cases.size}${c.consents.size}-TEST-CODE`;
    if (existing) existing.receipts.push(receipt);
    else c.consents.set(record.consentId, { receipts: [receipt], withdrawn: new Set(), code });
    return {
      consentId: record.consentId,
      version: record.version,
      ...(existing ? {} : { receiptCode: code }),
      grants: [],
    };
  }

  private withdraw(c: FakeCase, consentId: string, orgId: string): unknown {
    const consent = c.consents.get(consentId);
    if (!consent) throw problem(404, 'GRANT.NOT_FOUND');
    if (consent.withdrawn.has(orgId)) throw problem(409, 'GRANT.ALREADY_WITHDRAWN');
    consent.withdrawn.add(orgId);
    for (const s of c.sections.values()) {
      if (!s.envelopes.some((e) => e.recipientOrgId === orgId)) continue;
      s.envelopes = s.envelopes.filter((e) => e.recipientOrgId !== orgId);
      s.rotationRequired = true;
    }
    return { consentId, granteeOrgId: orgId, state: 'withdrawn' };
  }

  private async receipt(code: string, page: { after: number; limit: number }): Promise<unknown> {
    for (const [caseId, c] of this.cases) {
      const found = [...c.consents.entries()].find(([, consent]) => consent.code === code);
      if (!found) continue;
      const view = (consentsView(c) as { consentId: string }[]).find((v) => v.consentId === found[0]);
      return { ...view, caseId, accessLog: await logPage(c, page, 'receipt-holder') };
    }
    throw problem(404, 'RECEIPT.NOT_FOUND');
  }
}

export { FakeAnswer, problem };

function receiptCodeOf(body: unknown): string {
  const code = (body as { receiptCode?: unknown } | null)?.receiptCode;
  return typeof code === 'string' ? code : '';
}
