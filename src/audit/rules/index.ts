/** The registry of checks, in report order. Each rule lives in its own file with its metadata and messages. */
import { cancel } from './cancel';
import { controlCode } from './control-code';
import { preview } from './preview';
import type { Rule } from '../types';

export const rules: Rule[] = [controlCode, cancel, preview];
