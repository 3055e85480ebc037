import { accessLogVerify } from './access-log-verify';
import { caseErase } from './case-erase';
import { caseErasureStatus } from './case-erasure-status';
import { caseFetch } from './case-fetch';
import { caseOpen } from './case-open';
import { type Command } from './command';
import { consentGrant } from './consent-grant';
import { consentWithdraw } from './consent-withdraw';
import { keysInit } from './keys-init';
import { keysRegister } from './keys-register';
import { keysRotate } from './keys-rotate';
import { keysShow } from './keys-show';
import { keysTrust } from './keys-trust';
import { keysTrustDirectory } from './keys-trust-directory';
import { receiptVerify } from './receipt-verify';
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
];
