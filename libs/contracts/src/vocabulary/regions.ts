import { z } from 'zod';

/**
 * ISO 3166-2 subdivisions of Mexico: its 32 federal entities (Ciudad de
 * México is MX-CMX since 2016; MX-DIF is withdrawn).
 */
export const MX_SUBDIVISIONS = [
  'MX-AGU', 'MX-BCN', 'MX-BCS', 'MX-CAM', 'MX-CHH', 'MX-CHP', 'MX-CMX', 'MX-COA',
  'MX-COL', 'MX-DUR', 'MX-GRO', 'MX-GUA', 'MX-HID', 'MX-JAL', 'MX-MEX', 'MX-MIC',
  'MX-MOR', 'MX-NAY', 'MX-NLE', 'MX-OAX', 'MX-PUE', 'MX-QUE', 'MX-ROO', 'MX-SIN',
  'MX-SLP', 'MX-SON', 'MX-TAB', 'MX-TAM', 'MX-TLA', 'MX-VER', 'MX-YUC', 'MX-ZAC',
] as const; // prettier-ignore

/**
 * ISO 3166-2 subdivisions of the United States: the 50 states, the District
 * of Columbia, and the outlying areas coded under US (American Samoa, Guam,
 * Northern Mariana Islands, Puerto Rico, Minor Outlying Islands, U.S. Virgin
 * Islands), where immigration courts and asylum offices also sit.
 */
export const US_SUBDIVISIONS = [
  'US-AL', 'US-AK', 'US-AZ', 'US-AR', 'US-CA', 'US-CO', 'US-CT', 'US-DE', 'US-FL', 'US-GA',
  'US-HI', 'US-ID', 'US-IL', 'US-IN', 'US-IA', 'US-KS', 'US-KY', 'US-LA', 'US-ME', 'US-MD',
  'US-MA', 'US-MI', 'US-MN', 'US-MS', 'US-MO', 'US-MT', 'US-NE', 'US-NV', 'US-NH', 'US-NJ',
  'US-NM', 'US-NY', 'US-NC', 'US-ND', 'US-OH', 'US-OK', 'US-OR', 'US-PA', 'US-RI', 'US-SC',
  'US-SD', 'US-TN', 'US-TX', 'US-UT', 'US-VT', 'US-VA', 'US-WA', 'US-WV', 'US-WI', 'US-WY',
  'US-DC', 'US-AS', 'US-GU', 'US-MP', 'US-PR', 'US-UM', 'US-VI',
] as const; // prettier-ignore

export const REGION_CODES = [...MX_SUBDIVISIONS, ...US_SUBDIVISIONS] as const;
export type RegionCode = (typeof REGION_CODES)[number];

/** ISO 3166-2 subdivision of MX or US, e.g. MX-CHP, US-TX: an assigned code, not just one of the right shape. */
export const regionCode = z.enum(REGION_CODES, { error: 'expected an ISO 3166-2 subdivision code of MX or US' });

/** The country a subdivision code belongs to. */
export function countryOfRegion(code: RegionCode): 'MX' | 'US' {
  return code.startsWith('MX-') ? 'MX' : 'US';
}
