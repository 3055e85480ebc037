import { type Recipient, recipientKeyOf } from '@app/crypto';
import { type Grantee } from '../consent/granted-organizations';
import { type KeyDirectory } from '../directory/key-directory';

/** Each grantee's current encryption key (validated by the SDK), with the consent its envelope is made under. */
export async function recipientKeys(directory: KeyDirectory, grantees: readonly Grantee[]): Promise<Recipient[]> {
  const recipients: Recipient[] = [];
  for (const grantee of grantees) {
    const record = await directory.currentRecord(grantee.orgId);
    recipients.push({ ...recipientKeyOf(record), consentId: grantee.consentId });
  }
  return recipients;
}
