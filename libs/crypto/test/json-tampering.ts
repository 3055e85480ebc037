// Tampering helpers for the consent receipt specs: every leaf of a JSON record,
// and a changed value for any of them.

import { SECTIONS } from '../src/sections';
import { newConsentId } from '../src/consent/consent-id';
import { newClientRef } from '../src/consent/client-ref';
import { PURPOSES } from '../src/consent/consent-vocabulary';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export function clone(value: unknown): { [key: string]: Json } {
  return JSON.parse(JSON.stringify(value)) as { [key: string]: Json };
}

/** Every leaf of a JSON value with its path, e.g. ['grants', 0, 'purposes', 1, 'basis']. */
export function leaves(value: Json, path: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return value.flatMap((item, i) => leaves(item, [...path, i]));
  if (value !== null && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => leaves(v, [...path, k]));
  return [path];
}

export function parentOf(root: Json, path: readonly (string | number)[]): { [key: string]: Json } | Json[] {
  let at: Json = root;
  for (const step of path.slice(0, -1)) at = (at as Record<string | number, Json>)[step] as Json;
  return at as { [key: string]: Json } | Json[];
}

/**
 * Another value that is still valid for the field at `path`, so that only the
 * signature can catch the change. Throws for a field it does not know: a new
 * record field must get a tampering case here too.
 */
export function tamperedValue(root: Json, path: readonly (string | number)[]): Json {
  const parent = parentOf(root, path);
  const key = path[path.length - 1] as string | number;
  const value = (parent as Record<string | number, Json>)[key] as Json;
  const name = typeof key === 'number' ? String(path[path.length - 2]) : key;
  const otherThan = (candidates: readonly string[], taken: readonly Json[]): string => {
    const found = candidates.find((c) => c !== value && !taken.includes(c));
    if (found === undefined) throw new Error(`no alternative for ${path.join('.')}`);
    return found;
  };
  switch (name) {
    case 'v':
    case 'version':
      return (value as number) + 1;
    case 'alg':
      return 'ed448';
    case 'type':
      return 'consent-withdrawal';
    case 'consentId':
      return newConsentId();
    case 'clientRef':
      return newClientRef();
    case 'caseId':
    case 'orgId':
    case 'staffSub':
    case 'granteeOrgId':
    case 'fromOrgId':
    case 'ref':
      return `${value as string}x`;
    case 'givenBy':
      return otherThan(['self', 'guardian', 'other'], []);
    case 'collectionMethod':
      return otherThan(['written', 'verbal_with_witness', 'app'], []);
    case 'language':
      return otherThan(['es', 'en'], []);
    case 'jurisdiction':
      return otherThan(['MX', 'US'], []);
    case 'action':
      return otherThan(['access', 'disclose'], []);
    case 'basis':
      return otherThan(['necessary', 'voluntary'], []);
    case 'reason':
      return otherThan(['safety_risk', 'client_request', 'legal_restriction'], []);
    case 'purpose':
      return otherThan(
        PURPOSES,
        (parentOf(root, path.slice(0, -1)) as { purpose: Json }[]).map((p) => p.purpose),
      );
    case 'sections':
      return otherThan(['family', 'legal'], parent as Json[]);
    case 'section':
      return otherThan(SECTIONS, []);
    case 'dateTime':
    case 'validFrom':
    case 'validUntil':
      return new Date(Date.parse(value as string) + 1000).toISOString();
    case 'expressConsent':
    case 'onwardSharing':
      return !(value as boolean);
    default:
      throw new Error(`no tampering case for ${path.join('.')}`);
  }
}
