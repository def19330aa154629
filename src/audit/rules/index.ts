/** The registry of checks, in report order. Each rule lives in its own file with its metadata and messages. */
import { brandLogo } from './brand-logo';
import { brandName } from './brand-name';
import { cancel } from './cancel';
import { controlCode } from './control-code';
import { localization } from './localization';
import { preview } from './preview';
import { environment } from './environment';
import { errorHandling } from './error-handling';
import { flow } from './flow';
import { polling } from './polling';
import { tokenExposure } from './token-exposure';
import type { Rule } from '../types';

export const rules = [
  controlCode,
  cancel,
  preview,
  brandName,
  brandLogo,
  localization,
  polling,
  flow,
  errorHandling,
  tokenExposure,
  environment,
] satisfies readonly Rule[];

/** The id of a registered check, typed from the registry (a typo in `checkOf(report, 'cancle')` does not compile). */
export type RuleId = (typeof rules)[number]['meta']['id'];
