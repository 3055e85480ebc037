import { type Fit } from '../domain/provider-fit';
import { invalidProviderCursor } from './provider-directory-errors';

/**
 * A search page position: the fit tuple of the last entry shown,
 * `<canAccept 0|1>.<inRegion 0|1>.<openCapacity>.<updatedAt ms>.<orgId>`.
 * The next page starts strictly after it in the fit order, so an entry whose
 * fit changes between pages may move, but a page never repeats the place of
 * another. Clients treat it as opaque; its shape is published so that every
 * cursor the pattern allows is a position and anything else is a 400.
 */
export const PROVIDER_CURSOR_PATTERN = /^[01]\.[01]\.\d{1,4}\.\d{1,15}\.[A-Za-z0-9_-]{1,64}$/;

export function encodeProviderCursor(fit: Fit): string {
  return [Number(fit.canAccept), Number(fit.inRegion), fit.openCapacity, fit.updatedAt, fit.orgId].join('.');
}

export function decodeProviderCursor(cursor: string): Fit {
  if (!PROVIDER_CURSOR_PATTERN.test(cursor)) throw invalidProviderCursor();
  const [canAccept, inRegion, openCapacity, updatedAt, orgId] = cursor.split('.') as [
    string,
    string,
    string,
    string,
    string,
  ];
  return {
    canAccept: canAccept === '1',
    inRegion: inRegion === '1',
    openCapacity: Number(openCapacity),
    updatedAt: Number(updatedAt),
    orgId,
  };
}
