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

export const rules: Rule[] = [
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
];
