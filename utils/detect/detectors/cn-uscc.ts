import { defineDetector } from '../detector-def';
import { usccValid } from '../validators';

/** Unified social credit code of a PRC organisation (GB 32100-2015). */
export const cnUscc = defineDetector({
  type: 'CN_USCC',
  description: 'Unified social credit code: 18 characters without I O S V Z, MOD 31 check.',
  pattern: /(?<![0-9A-Za-z])[0-9A-HJ-NP-RTUW-Y]{2}\d{6}[0-9A-HJ-NP-RTUW-Y]{10}(?![0-9A-Za-z])/g,
  validate({ match }) {
    return usccValid(match) ? { confidence: 'validated', compact: match } : null;
  },
  contextWords: ['统一社会信用代码', '信用代码', '社会信用', '税号', '纳税人识别号', 'uscc', 'credit code'],
  priority: 85,
});
