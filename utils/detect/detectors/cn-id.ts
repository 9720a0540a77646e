import { defineDetector } from '../detector-def';
import { cnIdValid } from '../validators';

/** PRC resident identity card number, 18 characters (GB 11643-1999). */
export const cnId = defineDetector({
  type: 'CN_ID',
  description: 'PRC resident ID: 18 characters, real region and birth date, MOD 11-2 check.',
  pattern:
    /(?<![0-9A-Za-z])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Za-z])/g,
  validate({ match }) {
    const compact = match.toUpperCase();
    return cnIdValid(compact) ? { confidence: 'validated', compact } : null;
  },
  contextWords: ['身份证', '证件号', '公民身份', '身份号码', 'id no', 'id card', 'identity'],
  priority: 90,
});
