import { z } from 'zod';
import { NAME_MAX, countryCode, fullDate, languageCode, line, list, schemaVersion1, text, uniqueList } from './fields';

/** Ways to reach a person; which of them are safe is part of the content. */
export const CONTACT_CHANNELS = ['voice', 'sms', 'whatsapp', 'signal', 'telegram', 'email', 'in_person'] as const;

/** E.164: a plus, the country code and the number, digits only. */
const e164 = z.string().regex(/^\+[1-9]\d{6,14}$/, { error: 'expected an E.164 number: +, country code, digits' });

const phone = z.strictObject({
  number: e164,
  channels: uniqueList(z.enum(CONTACT_CHANNELS).exclude(['email', 'in_person']), 5)
    .optional()
    .describe('What the number can be reached by (a WhatsApp-only number, a phone that takes no calls).'),
  belongsToSomeoneElse: z
    .boolean()
    .optional()
    .describe('A borrowed or shared phone: whoever answers may not be the person.'),
  safeToLeaveMessage: z.boolean().optional(),
  label: line().optional(),
});

const email = z.strictObject({
  address: z.email({ error: 'expected an email address' }).max(254),
  safeToLeaveMessage: z.boolean().optional(),
  label: line().optional(),
});

const trustedContact = z.strictObject({
  name: line(NAME_MAX),
  relationship: line().optional(),
  phone: e164.optional(),
  email: z.email({ error: 'expected an email address' }).max(254).optional(),
  mayKnowAboutTheCase: z.boolean().describe('Whether staff may say what the call is about.'),
});

const currentLocation = z
  .strictObject({
    description: text(1_000).describe('Where the person stays, in their words or as staff noted it.'),
    city: line().optional(),
    country: countryCode.optional(),
    since: fullDate.optional(),
  })
  .describe('Sensitive: a location can put a person in danger. Record it only when the case needs it.');

export const contactContent = z
  .strictObject({
    schemaVersion: schemaVersion1,
    phones: list(phone, 10).optional(),
    emails: list(email, 10).optional(),
    preferredChannel: z.enum(CONTACT_CHANNELS).optional(),
    doNotUse: uniqueList(z.enum(CONTACT_CHANNELS), CONTACT_CHANNELS.length)
      .optional()
      .describe('Channels never to use (someone else reads the messages, a monitored account).'),
    preferredLanguages: uniqueList(languageCode, 5).optional().describe('ISO 639-1 or 639-3, most preferred first.'),
    safeContactInstructions: text(2_000)
      .optional()
      .describe('How to make contact safely: times, what not to say, whom not to name, a code word.'),
    trustedContacts: list(trustedContact, 5).optional(),
    currentLocation: currentLocation.optional(),
  })
  .refine((c) => !c.preferredChannel || !c.doNotUse?.includes(c.preferredChannel), {
    error: 'the preferred channel is also listed in doNotUse',
    path: ['preferredChannel'],
  })
  .meta({ title: 'contact', description: 'How to reach the person safely.' });

export type ContactContent = z.infer<typeof contactContent>;
