// Valid content for every section, for the specs (and as worked examples).
// No jest globals: the production build compiles this file too.
import { type SectionName } from '../sections';
import { type SectionContent } from './schemas';

export const VALID_CONTENT: { readonly [S in SectionName]: SectionContent<S> } = {
  identity: {
    schemaVersion: 1,
    legalName: { full: 'José Antonio Ruiz Hernández', given: 'José Antonio', family: 'Ruiz Hernández' },
    chosenName: 'Valeria Ruiz',
    pronouns: { terms: ['ella', 'she_her'] },
    genderIdentity: { terms: ['trans_woman'], selfDescription: 'mujer trans' },
    dateOfBirth: '1996-03-14',
    nationality: { countries: ['HN'] },
    documents: [{ type: 'passport', number: 'G1234567', issuingCountry: 'HN', expiresOn: '2030-01-31' }],
  },
  contact: {
    schemaVersion: 1,
    phones: [{ number: '+529611234567', channels: ['whatsapp'], safeToLeaveMessage: false }],
    emails: [{ address: 'valeria@example.org' }],
    preferredChannel: 'whatsapp',
    doNotUse: ['voice'],
    preferredLanguages: ['es'],
    safeContactInstructions: 'Write first; never name the organization.',
    trustedContacts: [{ name: 'Carla', relationship: 'friend', phone: '+50495551234', mayKnowAboutTheCase: false }],
  },
  sogiesc: {
    schemaVersion: 1,
    sexualOrientation: { terms: ['heterosexual'] },
    genderExpression: { terms: ['feminine'] },
    legalGenderMarkers: [{ document: 'passport (HN)', marker: 'M', matchesGenderIdentity: false }],
    disclosure: { family: 'partially', countryOfOriginAuthorities: 'knows' },
  },
  protection: {
    schemaVersion: 1,
    persecutionGrounds: ['gender', 'particular_social_group'],
    persecutors: ['gang', 'police'],
    risks: [{ kind: 'hate_violence', level: 'high', where: 'transit' }],
    incidents: [{ when: 'early 2024', place: 'San Pedro Sula', description: 'Threatened at work by gang members.' }],
  },
  health: {
    schemaVersion: 1,
    medications: [{ name: 'estradiol', dose: '2 mg', schedule: 'daily', supplyUntil: '2026-07-01' }],
    hivCare: { status: 'living_with_hiv', onTreatment: true, regimen: 'TLD', supplyUntil: '2026-06-20' },
    genderAffirmingCare: { onHormoneTherapy: true, supplyUntil: '2026-07-01' },
    mentalHealth: { concerns: ['anxiety'], inCare: false },
    accessibility: { needs: ['mobility'] },
  },
  legal: {
    schemaVersion: 1,
    procedures: [
      {
        kind: 'comar',
        status: 'filed',
        office: 'COMAR Tapachula',
        filedOn: '2026-02-02',
        appointments: [{ kind: 'signature', date: '2026-02-09' }],
      },
    ],
    identifiers: { comarFileNumbers: ['TAP/0123/2026'], curp: 'RUHJ960314HNEZRS09' },
    entryToMexico: '2026-01-20',
    representation: { status: 'represented', organization: 'Casa Refugio' },
    narrative: 'She left after the second attack.',
  },
  family: {
    schemaVersion: 1,
    members: [
      { name: 'Marta', relationship: 'parent', accompanying: false, whereabouts: 'Honduras', safeToContact: false },
      { relationship: 'chosen_family', relationshipDescription: 'hermana de la casa', accompanying: true },
    ],
  },
  needs: {
    schemaVersion: 1,
    needs: [
      { category: 'shelter', urgency: 'urgent', description: 'A trans women’s shelter near Tapachula.' },
      { category: 'health', urgency: 'critical', description: 'HIV treatment runs out on 20 June.' },
    ],
    shelterRequirements: ['trans_women_only', 'hiv_care_onsite'],
    interpretation: { languages: ['es', 'mam'] },
  },
};
