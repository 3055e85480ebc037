import { type IdentityContent } from './identity';

/**
 * The name to show a person by: the chosen name when they gave one, the
 * legal name only otherwise. A card, a list or a notification to staff shows
 * this; the legal name belongs where a procedure requires it (a form, a
 * document check), next to the chosen name and never in place of it.
 */
export function displayName(identity: Pick<IdentityContent, 'legalName' | 'chosenName'>): string {
  return identity.chosenName ?? identity.legalName.full;
}
