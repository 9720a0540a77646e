import { describe, expect, it } from 'vitest';
import { createDetector } from '../../../utils/detect';

describe('engine smoke', () => {
  it('finds an ID, a phone and an email', () => {
    const r = createDetector().detect(
      '身份证 11010519491231002X 手机 138-1234-5678 a.b@example.cn',
    );
    expect(r.findings.map((f) => [f.type, f.masked, f.confidence])).toEqual([
      ['CN_ID', '1101**********002X', 'context'],
      ['CN_MOBILE', '138****5678', 'context'],
      ['EMAIL', 'a***@example.cn', 'validated'],
    ]);
  });
});
