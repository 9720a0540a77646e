/**
 * Deterministic mixed business text for the benchmark and the engine's equivalence tests.
 *
 * Chinese and English sentences in the style of contracts, invoices, tickets and chat, with a
 * realistic sprinkling of client data (resident IDs, credit codes, mobiles, landlines, e-mails,
 * bank and credit cards, IPs) and of look-alikes that must not be reported (order numbers,
 * amounts, dates, timestamps, numbers with a wrong check digit, `icon@2x.png`). The same seed
 * always gives the same text, so figures from two runs compare like with like.
 *
 * Every inserted value is labeled with its type and offsets. The check digits are computed here
 * independently of utils/detect/validators so the labels do not depend on the code under test.
 */

/** A value the generator put into the text on purpose. */
export interface CorpusLabel {
  type: string;
  start: number;
  end: number;
}

export interface Corpus {
  text: string;
  labels: CorpusLabel[];
}

/** mulberry32: small, fast, good enough for test data. Returns floats in [0, 1). */
export function createRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;

function int(r: Rand, lo: number, hi: number): number {
  return lo + Math.floor(r() * (hi - lo + 1));
}

function pick<T>(r: Rand, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)]!;
}

function digits(r: Rand, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += String.fromCharCode(48 + int(r, 0, 9));
  return s;
}

function pad(n: number, w: number): string {
  return String(n).padStart(w, '0');
}

// ---- values with check digits -------------------------------------------------------------

const REGIONS = ['110105', '310104', '440305', '330106', '510107', '420102', '320102', '370202'];
const ID_W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

function idCheck(first17: string): string {
  let s = 0;
  for (let i = 0; i < 17; i++) s += (first17.charCodeAt(i) - 48) * ID_W[i]!;
  return '10X98765432'[s % 11]!;
}

function cnId(r: Rand, valid = true): string {
  const body = `${pick(r, REGIONS)}${int(r, 1950, 2004)}${pad(int(r, 1, 12), 2)}${pad(int(r, 1, 28), 2)}${digits(r, 3)}`;
  const c = idCheck(body);
  if (valid) return body + c;
  const wrong = '0123456789X'.replace(c, '');
  return body + wrong[int(r, 0, wrong.length - 1)]!;
}

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_W = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

function uscc(r: Rand): string {
  let body = `9${pick(r, ['1', '2', '3'])}${pick(r, REGIONS)}`;
  for (let i = 0; i < 9; i++) body += USCC_CHARS[int(r, 0, 30)]!;
  let s = 0;
  for (let i = 0; i < 17; i++) s += USCC_CHARS.indexOf(body[i]!) * USCC_W[i]!;
  return body + USCC_CHARS[(31 - (s % 31)) % 31]!;
}

function luhnComplete(prefix: string, len: number, r: Rand): string {
  let body = prefix + digits(r, len - 1 - prefix.length);
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = body.charCodeAt(body.length - 1 - i) - 48;
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  body += String((10 - (sum % 10)) % 10);
  return body;
}

function group4(s: string, sep: string): string {
  return s.replace(/(\d{4})(?=\d)/g, `$1${sep}`);
}

function bankCard(r: Rand): string {
  const d = luhnComplete(
    pick(r, ['622202', '622848', '621700', '622588', '623058']),
    pick(r, [16, 19]),
    r,
  );
  return r() < 0.5 ? d : group4(d, ' ');
}

function creditCard(r: Rand): string {
  const d = luhnComplete(pick(r, ['4', '51', '53', '55']), 16, r);
  const f = r();
  return f < 0.4 ? d : group4(d, f < 0.7 ? ' ' : '-');
}

function mobile(r: Rand): string {
  const n = `1${pick(r, ['38', '39', '50', '58', '86', '88', '77', '99', '35', '36'])}${digits(r, 8)}`;
  switch (int(r, 0, 4)) {
    case 0:
      return `${n.slice(0, 3)}-${n.slice(3, 7)}-${n.slice(7)}`;
    case 1:
      return `${n.slice(0, 3)} ${n.slice(3, 7)} ${n.slice(7)}`;
    case 2:
      return `+86 ${n}`;
    default:
      return n;
  }
}

/** Area code and an 8-digit local number; local numbers start with 2–8 (0, 1 and 9 are not). */
function landline(r: Rand): string {
  return `${pick(r, ['010', '021', '0755', '0571', '028'])}-${int(r, 2, 8)}${digits(r, 7)}`;
}

const GIVEN = [
  'wei',
  'fang',
  'jing',
  'lei',
  'min',
  'tao',
  'anna',
  'john',
  'maria',
  'peter',
  'li.na',
];
const FAMILY = ['zhang', 'wang', 'li', 'liu', 'chen', 'yang', 'smith', 'mueller', 'garcia'];
/** Ordinary domains: the reserved example.com / .org / .net are placeholders, not reported. */
const DOMAINS = [
  'example.cn',
  'acme-corp.cn',
  'huaxin.com.cn',
  'mail.hengda-tech.cn',
  'contoso.co.uk',
];

function email(r: Rand): string {
  return `${pick(r, GIVEN)}.${pick(r, FAMILY)}${r() < 0.3 ? int(r, 1, 99) : ''}@${pick(r, DOMAINS)}`;
}

function ipv4(r: Rand): string {
  return `${pick(r, ['10', '192', '172'])}.${int(r, 0, 255)}.${int(r, 0, 255)}.${int(r, 1, 254)}`;
}

// ---- sentences ----------------------------------------------------------------------------

/** A sentence template: text pieces and slots; each slot yields [text, label type or null]. */
type Slot = (r: Rand) => [string, string | null];

const pii =
  (type: string, f: (r: Rand) => string): Slot =>
  (r) => [f(r), type];
const plain =
  (f: (r: Rand) => string): Slot =>
  (r) => [f(r), null];

const CN_NAMES = ['张伟', '王芳', '李娜', '刘洋', '陈静', '杨磊', '赵敏', '黄涛', '周杰', '吴琳'];
const COMPANIES = [
  '华信科技有限公司',
  '东方贸易集团',
  '远航物流股份有限公司',
  '新城置业',
  '恒通银行',
];
const CITIES = [
  '北京市朝阳区建国路88号',
  '上海市浦东新区世纪大道100号',
  '深圳市南山区科技园',
  '杭州市西湖区文三路',
];
const EN_NAMES = ['Anna Schmidt', 'John Carter', 'Maria Lopez', 'Peter Brown', 'Li Wei'];

const amount = plain((r) => `${int(r, 1, 999)},${pad(int(r, 0, 999), 3)}.${pad(int(r, 0, 99), 2)}`);
const date = plain(
  (r) => `${int(r, 2019, 2025)}-${pad(int(r, 1, 12), 2)}-${pad(int(r, 1, 28), 2)}`,
);
const cnDate = plain((r) => `${int(r, 2019, 2025)}年${int(r, 1, 12)}月${int(r, 1, 28)}日`);
const orderNo = plain((r) => `DD${int(r, 2019, 2025)}${digits(r, 10)}`);
const longNo = plain((r) => digits(r, pick(r, [12, 16, 18, 20])));
const badId = plain((r) => cnId(r, false));
const stamp = plain((r) => `1${digits(r, 12)}`);
const pct = plain((r) => `${int(r, 1, 99)}.${int(r, 0, 9)}`);
const small = plain((r) => String(int(r, 1, 500)));
const cnName = plain((r) => pick(r, CN_NAMES));
const company = plain((r) => pick(r, COMPANIES));
const city = plain((r) => pick(r, CITIES));
const enName = plain((r) => pick(r, EN_NAMES));
const version = plain((r) => `v${int(r, 1, 9)}.${int(r, 0, 20)}.${int(r, 0, 99)}`);

const TEMPLATES: readonly (readonly (string | Slot)[])[] = [
  ['客户', cnName, '于', cnDate, '与', company, '签订采购合同，合同金额人民币', amount, '元。'],
  ['请将发票寄至', city, '，收件人', cnName, '，手机：', pii('CN_MOBILE', mobile), '。'],
  ['经办人身份证号：', pii('CN_ID', cnId), '，联系电话', pii('CN_MOBILE', mobile), '。'],
  ['开户行：', company, '营业部，账号：', pii('BANK_CARD', bankCard), '。'],
  [company, '（统一社会信用代码：', pii('CN_USCC', uscc), '）已完成年度审计。'],
  ['第', small, '季度销售额同比增长', pct, '%，订单号', orderNo, '已于', date, '发货。'],
  ['会议纪要：与', company, '就二期项目进行沟通，预计', cnDate, '前完成验收，预算', amount, '元。'],
  ['如有疑问请发送邮件至', pii('EMAIL', email), '或致电', pii('CN_LANDLINE', landline), '。'],
  [
    '系统日志显示',
    date,
    ' ',
    small,
    ':',
    small,
    ' 用户从 ',
    pii('IPV4', ipv4),
    ' 登录，请求耗时',
    small,
    'ms。',
  ],
  ['物流单号', longNo, '，签收人', cnName, '，签收时间戳', stamp, '。'],
  ['档案编号', badId, '与系统记录不一致，请核对后重新提交。'],
  ['本周完成了', small, '个工单的处理，客户满意度为', pct, '%，较上周提升', pct, '个百分点。'],
  [
    'Please contact ',
    enName,
    ' at ',
    pii('EMAIL', email),
    ' regarding invoice ',
    orderNo,
    ' dated ',
    date,
    '.',
  ],
  [
    'The total amount of USD ',
    amount,
    ' was charged to card ',
    pii('CREDIT_CARD', creditCard),
    ' on ',
    date,
    '.',
  ],
  [
    'Release ',
    version,
    ' fixes ',
    small,
    ' issues; the new icon@2x.png and logo@3x.png assets were uploaded.',
  ],
  ['Meeting notes: ', enName, ' will follow up with the procurement team before ', date, '.'],
  [
    'Our quarterly revenue grew by ',
    pct,
    ' percent while operating costs remained at ',
    amount,
    ' USD.',
  ],
  ['Shipment ', longNo, ' left the warehouse in Shenzhen and is expected within ', small, ' days.'],
  [
    'Call me on ',
    pii('CN_MOBILE', mobile),
    ' or write to ',
    pii('EMAIL', email),
    ' if anything changes.',
  ],
  [
    '客户',
    cnName,
    '的银行卡号为',
    pii('BANK_CARD', bankCard),
    '，请财务部门在',
    cnDate,
    '前完成付款。',
  ],
  ['根据合同第', small, '条约定，乙方应在收到款项后', small, '个工作日内开具增值税专用发票。'],
  ['项目组成员包括', cnName, '、', cnName, '和', cnName, '，由', cnName, '担任项目经理。'],
];

/**
 * Generates at least `bytes` bytes (UTF-8) of mixed text. Paragraphs of a few sentences are
 * separated by newlines; the same `seed` always gives the same corpus.
 */
export function generateCorpus(bytes: number, seed = 20240601): Corpus {
  const r = createRandom(seed);
  const parts: string[] = [];
  const labels: CorpusLabel[] = [];
  let length = 0;
  let size = 0;
  const push = (s: string) => {
    parts.push(s);
    length += s.length;
    size += Buffer.byteLength(s, 'utf8');
  };
  while (size < bytes) {
    const sentences = int(r, 2, 6);
    for (let s = 0; s < sentences; s++) {
      const t = pick(r, TEMPLATES);
      for (const part of t) {
        if (typeof part === 'string') {
          push(part);
          continue;
        }
        const [value, type] = part(r);
        if (type !== null) labels.push({ type, start: length, end: length + value.length });
        push(value);
      }
      if (s < sentences - 1) push(r() < 0.5 ? ' ' : '');
    }
    push('\n');
  }
  return { text: parts.join(''), labels };
}

/**
 * Cuts text into pieces of about `pieceBytes` UTF-8 bytes each (never inside a surrogate pair),
 * the size of one paste.
 */
export function splitPieces(text: string, pieceBytes: number): string[] {
  const pieces: string[] = [];
  let start = 0;
  let size = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    size +=
      c < 0x80
        ? 1
        : c < 0x800
          ? 2
          : c >= 0xd800 && c <= 0xdbff
            ? 4
            : c >= 0xdc00 && c <= 0xdfff
              ? 0
              : 3;
    if (size >= pieceBytes && !(c >= 0xd800 && c <= 0xdbff)) {
      pieces.push(text.slice(start, i + 1));
      start = i + 1;
      size = 0;
    }
  }
  if (start < text.length) pieces.push(text.slice(start));
  return pieces;
}
