/**
 * A deterministic synthetic client list for the benchmark: Chinese company names, English
 * company names, person names (Chinese and Latin script) and account numbers, in the
 * proportions a mid-sized firm's CRM export might have. The same seed gives the same list, so
 * the file size and the matcher's work compare like with like between runs.
 *
 * A few entries are names the corpus (./corpus.ts) writes into its sentences, so the matcher
 * reports real hits over the benchmark text instead of probing a list that never matches.
 * The entries are made up; the bench never prints one (only counts and sizes).
 */
import { createRandom } from './corpus';

type Rand = () => number;

const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

const CN_CITIES = ['', '', '北京', '上海', '深圳', '杭州', '广州', '成都', '武汉', '南京', '苏州'];
const CN_BRAND = [
  ...'华信恒通远航东方鑫瑞德泰盛嘉和金宏达安康海天中新创智博联汇源隆昌锦星永宁富丰云峰',
];
const CN_TRADE = [
  '科技',
  '贸易',
  '物流',
  '置业',
  '实业',
  '电子',
  '医药',
  '能源',
  '建设',
  '投资',
  '信息技术',
  '文化传媒',
  '食品',
  '机械制造',
  '环保科技',
];
const CN_SUFFIX = ['有限公司', '股份有限公司', '集团', '集团有限公司', '有限责任公司'];

const EN_HEAD = [
  'Nor',
  'Ast',
  'Vel',
  'Qua',
  'Tri',
  'Zen',
  'Orb',
  'Cor',
  'Lum',
  'Pax',
  'Hel',
  'Sol',
];
const EN_TAIL = ['ion', 'ex', 'ara', 'ica', 'on', 'ix', 'ent', 'ora', 'is', 'ant'];
const EN_TRADE = [
  'Logistics',
  'Capital',
  'Systems',
  'Pharma',
  'Trading',
  'Holdings',
  'Foods',
  'Energy',
  'Partners',
  'Analytics',
  'Robotics',
  'Textiles',
];
const EN_SUFFIX = ['Ltd', 'Inc.', 'GmbH', 'LLC', 'Co., Ltd.', 'plc', 'AG', 'S.A.'];

const CN_FAMILY = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾'];
const CN_GIVEN = [...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰红建国文斌宇浩'];
const EN_FIRST = [
  'Anna',
  'John',
  'Maria',
  'Peter',
  'Sarah',
  'David',
  'Laura',
  'Michael',
  'Emma',
  'Thomas',
  'Sophie',
  'Daniel',
  'Julia',
  'Robert',
  'Olivia',
  'James',
];
const EN_LAST = [
  'Schmidt',
  'Carter',
  'Lopez',
  'Brown',
  'Müller',
  'Garcia',
  'Wilson',
  'Fischer',
  'Martin',
  'Dubois',
  'Rossi',
  'Novak',
  'Jensen',
  'Walsh',
  'Kowalski',
  'Moreau',
];

/** Names the corpus writes into its sentences (see the header comment). */
const IN_CORPUS = ['华信科技有限公司', '远航物流股份有限公司', '恒通银行', 'Maria Lopez'];

function digits(r: Rand, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += String.fromCharCode(48 + Math.floor(r() * 10));
  return s;
}

function cnCompany(r: Rand): string {
  return `${pick(r, CN_CITIES)}${pick(r, CN_BRAND)}${pick(r, CN_BRAND)}${pick(r, CN_TRADE)}${pick(r, CN_SUFFIX)}`;
}

function enCompany(r: Rand): string {
  const brand = `${pick(r, EN_HEAD)}${pick(r, EN_TAIL)}${r() < 0.7 ? pick(r, EN_TAIL) : ''}`;
  return `${brand} ${pick(r, EN_TRADE)} ${pick(r, EN_SUFFIX)}`;
}

function person(r: Rand): string {
  if (r() < 0.6) return `${pick(r, CN_FAMILY)}${pick(r, CN_GIVEN)}${pick(r, CN_GIVEN)}`;
  const initial = String.fromCharCode(65 + Math.floor(r() * 26));
  return `${pick(r, EN_FIRST)} ${initial}. ${pick(r, EN_LAST)}`;
}

function account(r: Rand): string {
  const f = r();
  if (f < 0.5) return digits(r, pick(r, [12, 16, 17, 19]));
  if (f < 0.8) return `KH${2015 + Math.floor(r() * 10)}${digits(r, 6)}`;
  return `ACC-${digits(r, 4)}-${digits(r, 6)}`;
}

/** Share of each kind of entry, in order: Chinese companies, English companies, people, accounts. */
const MIX: readonly [number, (r: Rand) => string][] = [
  [0.35, cnCompany],
  [0.25, enCompany],
  [0.25, person],
  [0.15, account],
];

/** `count` distinct entries (distinct as written; normalisation may still merge a few). */
export function generateClientEntries(count: number, seed = 20240602): string[] {
  const r = createRandom(seed);
  const seen = new Set<string>(IN_CORPUS.slice(0, count));
  for (const [share, make] of MIX) {
    const target = Math.min(count, seen.size + Math.round(share * count));
    // Bounded so a too-small name space cannot loop forever; the caller sees the shortfall.
    for (let tries = 0; seen.size < target && tries < 50 * count; tries++) seen.add(make(r));
  }
  return [...seen];
}
