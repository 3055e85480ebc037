import { accessLogVerify } from './access-log-verify';
import { caseErase } from './case-erase';
import { caseErasureStatus } from './case-erasure-status';
import { caseFetch } from './case-fetch';
import { caseOpen } from './case-open';
import { type Command } from './command';
import { consentGrant } from './consent-grant';
import { consentWithdraw } from './consent-withdraw';
import { directoryPublish } from './directory-publish';
import { directorySearch } from './directory-search';
import { directoryShow } from './directory-show';
import { keysInit } from './keys-init';
import { keysRegister } from './keys-register';
import { keysRotate } from './keys-rotate';
import { keysShow } from './keys-show';
import { keysTrust } from './keys-trust';
import { keysTrustDirectory } from './keys-trust-directory';
import { receiptVerify } from './receipt-verify';
import { referralAccept } from './referral-accept';
import { referralComplete } from './referral-complete';
import { referralCreate } from './referral-create';
import { referralDecline } from './referral-decline';
import { referralList } from './referral-list';
import { referralNote } from './referral-note';
import { referralShow } from './referral-show';
import { referralWithdraw } from './referral-withdraw';
import { sectionGet } from './section-get';
import { sectionPut } from './section-put';

export const COMMANDS: readonly Command[] = [
  keysInit,
  keysRegister,
  keysRotate,
  keysShow,
  keysTrust,
  keysTrustDirectory,
  caseOpen,
  sectionPut,
  sectionGet,
  caseFetch,
  consentGrant,
  consentWithdraw,
  receiptVerify,
  accessLogVerify,
  caseErase,
  caseErasureStatus,
  directorySearch,
  directoryShow,
  directoryPublish,
  referralCreate,
  referralList,
  referralShow,
  referralNote,
  referralAccept,
  referralDecline,
  referralWithdraw,
  referralComplete,
];
