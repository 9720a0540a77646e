/**
 * The demo's pages: a personal webmail compose form that plays an unapproved site, with
 * synthetic sample texts beside it to copy and paste by hand. Every value is made up (the ID
 * number and card pass their check digits so that ClientGuard treats them as real).
 */

/** Sample texts, shared by the page and the scripted demo. */
export const SAMPLES = {
  benign: 'Hi Li Wei, the quarterly review moved to Thursday 3pm, room 1204. 周四下午三点见。',
  clientRecord: [
    '客户资料（请勿外传）',
    '姓名：张三  身份证号：11010519491231002X',
    '手机：138-1234-5678  开户行：招商银行  卡号：6222 0212 3456 7890 128',
    '统一社会信用代码：91350100M000100Y43',
  ].join('\n'),
  oneContact:
    'Please call our contact Wang Fang on 139 1234 5678 or write to wang.fang@example.cn.',
} as const;

const escape = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The compose page of "FreeMail", a personal webmail service no admin approved. */
export function webmailPage(): string {
  const sample = (id: string, title: string, text: string) => `
    <section class="sample"><h3>${title}</h3><pre id="${id}">${escape(text)}</pre></section>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>FreeMail – compose (unapproved site)</title>
<style>
  body { margin: 0; font: 14px/1.5 system-ui, "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; color: #222; background: #f3f4f6; }
  header { background: #d93025; color: #fff; padding: 10px 20px; font-size: 18px; font-weight: 600; }
  header small { font-weight: 400; opacity: .85; margin-left: 8px; }
  main { display: flex; gap: 20px; padding: 20px; }
  .compose { flex: 1.4; background: #fff; border-radius: 8px; padding: 16px; box-shadow: 0 1px 3px rgba(0,0,0,.15); }
  .compose label { display: block; margin: 8px 0 2px; color: #555; font-size: 12px; }
  .compose input, .compose textarea { width: 100%; box-sizing: border-box; font: inherit; padding: 6px 8px; border: 1px solid #ccc; border-radius: 4px; }
  .compose textarea { height: 180px; }
  aside { flex: 1; }
  .sample { background: #fff; border-radius: 8px; padding: 8px 12px; margin-bottom: 12px; box-shadow: 0 1px 3px rgba(0,0,0,.15); }
  .sample h3 { margin: 0 0 4px; font-size: 13px; color: #555; }
  .sample pre { margin: 0; white-space: pre-wrap; font-size: 12px; }
</style></head>
<body>
<header>FreeMail <small>personal webmail · not an approved site</small></header>
<main>
  <form class="compose" onsubmit="return false">
    <label for="to">To</label><input id="to" value="friend@freemail.example">
    <label for="subject">Subject</label><input id="subject" placeholder="Subject">
    <label for="body">Message</label><textarea id="body" placeholder="Paste here (Ctrl+V)"></textarea>
  </form>
  <aside>
    <p>Copy a sample (select it, Ctrl+C) and paste it into the message.</p>
    ${sample('sample-benign', '1. Ordinary text – goes through', SAMPLES.benign)}
    ${sample('sample-record', '2. A client record – blocked', SAMPLES.clientRecord)}
    ${sample('sample-contact', '3. One contact – allowed and logged', SAMPLES.oneContact)}
    <p>Then open the ClientGuard popup (toolbar icon) to see the log and export it.</p>
  </aside>
</main>
</body></html>`;
}
