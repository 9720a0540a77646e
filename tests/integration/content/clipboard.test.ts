// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { htmlToText, readTransfer, textOf } from '../../../utils/content/clipboard';
import { createDetector } from '../../../utils/detect';

function dt(plain: string | null, html: string | null): DataTransfer {
  const d = new DataTransfer();
  if (plain !== null) d.setData('text/plain', plain);
  if (html !== null) d.setData('text/html', html);
  return d;
}

const ID = '11010519531220544X';

describe('htmlToText', () => {
  it.each([
    ['<p>hello <b>world</b></p>', 'hello world'],
    ['<script>alert(1)</script><style>p{}</style><template>t</template>visible', 'visible'],
    ['<img src="x" onerror="window.__pwned=1">text', 'text'],
  ])('%j → %j', (html, text) => {
    expect(htmlToText(html).trim()).toBe(text);
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  });

  it('keeps values in separate cells and blocks apart, so each is still found', () => {
    const html = `<table><tr><td>张三</td><td>13812345678</td><td>${ID}</td></tr><tr><td>李四</td><td>13912340001</td></tr></table><div>a@client-corp.com</div><div>15589112539</div>`;
    const types = createDetector()
      .detect(htmlToText(html))
      .findings.map((f) => f.type);
    expect(types).toEqual(['CN_MOBILE', 'CN_ID', 'CN_MOBILE', 'EMAIL', 'CN_MOBILE']);
  });

  it('does not split inline markup inside a value', () => {
    expect(htmlToText('<p>138<b>1234</b><i>5678</i></p>')).toContain('13812345678');
  });
});

describe('readTransfer / textOf', () => {
  it.each([
    ['plain only', dt('hello', null), 'hello'],
    ['nothing (files, images)', dt(null, null), ''],
    [
      'HTML that says the same as the plain text',
      dt('hello world', '<p>hello <b>world</b></p>'),
      'hello world',
    ],
    [
      'HTML hiding more than the plain text',
      dt('see attachment', `<p>see attachment</p><span hidden>${ID}</span>`),
      `see attachment\n`,
    ],
    ['HTML only', dt(null, `<p>${ID}</p>`), `\n`],
  ])('%s', (_n, data, start) => {
    const text = textOf(data);
    expect(text.startsWith(start)).toBe(true);
    if (start.endsWith('\n')) expect(text).toContain(ID);
  });

  it('returns the payload as it came, for re-delivery', () => {
    const t = readTransfer(dt('see attachment', `<p>see attachment</p><span hidden>${ID}</span>`));
    expect(t.plain).toBe('see attachment');
    expect(t.html).toBe(`<p>see attachment</p><span hidden>${ID}</span>`);
  });
});
