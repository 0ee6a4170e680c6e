import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';

/**
 * The month-end benchmark's data: insurer statement files (CSV in three layouts and XLSX), collaborators with
 * agent codes, and splitting rules. Deterministic (a seeded PRNG), fictitious (names are random pairs of common
 * first names and surnames, identifiers random numbers with valid checksums), and written into a directory with a
 * manifest.json the benchmark reads. Run on its own: `node --import tsx bench/month-end-data.ts <dir> [scale]`.
 */

export const MONTH = '2026-11';
export const STATEMENT_DATE = '2026-11-30';

export type Layout = 'pzu' | 'hestia' | 'warta' | 'xlsx';

export type FileSeed = {
  fileName: string;
  insurer: string;
  layout: Layout;
  encoding: 'utf-8' | 'utf-8-bom' | 'windows-1250' | null;
  lines: number;
  stornos: number;
  renewals: number;
  /** Grosze: what the import must report as its commission total. */
  commissionTotal: number;
  sizeBytes: number;
};

export type CollaboratorSeed = {
  fullName: string;
  email: string;
  knfNumber: string;
  nip: string | null;
  pesel: string | null;
  taxMode: 'invoice' | 'bill';
  address: string;
  iban: string;
};

export type AgentCodeSeed = { insurer: string; collaborator: number; code: string };

export type RuleSeed = {
  /** Index into collaborators; null: an agency default. */
  collaborator: number | null;
  insurer: string | null;
  product: string | null;
  risk: string | null;
  policyNumber: string | null;
  validFrom: string | null;
  validTo: string | null;
  renewalsOnly: boolean;
  basis: 'agency_commission' | 'collected_premium' | 'written_premium' | 'fixed_per_policy';
  rate: string | null;
  fixedAmount: number | null;
  clawback: 'follow' | 'agency_bears';
};

export type MonthEndManifest = {
  scale: number;
  month: string;
  statementDate: string;
  files: FileSeed[];
  collaborators: CollaboratorSeed[];
  agentCodes: AgentCodeSeed[];
  rules: RuleSeed[];
  totals: { lines: number; stornos: number; renewals: number; commission: number; bytes: number };
};

// ---------------------------------------------------------------------------------------------------------------
// Deterministic randomness

/** sfc32: small, fast and good enough for test data; the same seed gives the same files everywhere. */
function createRandom(seed: number) {
  let a = 0x9e3779b9;
  let b = 0x243f6a88;
  let c = 0xb7e15162;
  let d = seed >>> 0;
  const next = (): number => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 15; i += 1) {
    next();
  }
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
    chance: (p: number) => next() < p,
  };
}

type Random = ReturnType<typeof createRandom>;

/** A stable hash of a few integers: a policy's attributes are the same on each of its lines. */
function mix(...values: number[]): number {
  let h = 0x811c9dc5;
  for (const value of values) {
    h = Math.imul(h ^ (value & 0xffff), 0x01000193);
    h = Math.imul(h ^ (value >>> 16), 0x01000193);
  }
  h ^= h >>> 13;
  h = Math.imul(h, 0x5bd1e995);
  h ^= h >>> 15;
  return h >>> 0;
}

// ---------------------------------------------------------------------------------------------------------------
// Fictitious people and identifiers

// prettier-ignore
const MALE_NAMES = ['Jan', 'Piotr', 'Krzysztof', 'Andrzej', 'Tomasz', 'Paweł', 'Michał', 'Marcin', 'Łukasz', 'Grzegorz', 'Józef', 'Wojciech', 'Mateusz', 'Jakub', 'Rafał', 'Adam', 'Zbigniew', 'Jerzy', 'Maciej', 'Dariusz', 'Sławomir', 'Bartłomiej', 'Kamil', 'Henryk', 'Stanisław'];
// prettier-ignore
const FEMALE_NAMES = ['Anna', 'Katarzyna', 'Małgorzata', 'Agnieszka', 'Barbara', 'Ewa', 'Elżbieta', 'Zofia', 'Joanna', 'Magdalena', 'Krystyna', 'Dorota', 'Aleksandra', 'Iwona', 'Beata', 'Jadwiga', 'Teresa', 'Urszula', 'Grażyna', 'Danuta', 'Halina', 'Justyna', 'Renata', 'Bożena', 'Monika'];
// prettier-ignore
const SURNAMES = ['Nowak', 'Kowalski', 'Wiśniewski', 'Wójcik', 'Kowalczyk', 'Kamiński', 'Lewandowski', 'Zieliński', 'Szymański', 'Woźniak', 'Dąbrowski', 'Kozłowski', 'Jankowski', 'Mazur', 'Kwiatkowski', 'Krawczyk', 'Piotrowski', 'Grabowski', 'Nowakowski', 'Pawłowski', 'Michalski', 'Król', 'Wieczorek', 'Jabłoński', 'Wróbel', 'Nowicki', 'Majewski', 'Olszewski', 'Stępień', 'Malinowski', 'Jaworski', 'Adamczyk', 'Górski', 'Sikora', 'Walczak', 'Baran', 'Rutkowski', 'Michalak', 'Szewczyk', 'Ostrowski', 'Tomaszewski', 'Pietrzak', 'Zalewski', 'Wróblewski', 'Jasiński', 'Zając', 'Sowa', 'Żak', 'Łuczak', 'Ślęzak'];
// prettier-ignore
const STREETS = ['Lipowa', 'Polna', 'Leśna', 'Słoneczna', 'Krótka', 'Szkolna', 'Ogrodowa', 'Brzozowa', 'Łąkowa', 'Kwiatowa', 'Źródlana', 'Żeromskiego', 'Kościuszki', 'Mickiewicza', 'Sienkiewicza'];
// prettier-ignore
const CITIES = ['Warszawa', 'Kraków', 'Łódź', 'Wrocław', 'Poznań', 'Gdańsk', 'Szczecin', 'Bydgoszcz', 'Lublin', 'Białystok', 'Katowice', 'Gdynia', 'Częstochowa', 'Radom', 'Toruń', 'Kielce', 'Rzeszów', 'Gliwice', 'Zabrze', 'Olsztyn'];
// prettier-ignore
const COMPANY_KINDS = ['Sp. z o.o.', 'S.A.', 'sp.j.', 'sp.k.', 'P.H.U.', 'F.H.U.'];

function feminine(surname: string): string {
  if (surname.endsWith('ski') || surname.endsWith('cki') || surname.endsWith('dzki')) {
    return `${surname.slice(0, -1)}a`;
  }
  return surname;
}

function personName(random: Random): string {
  const isFemale = random.chance(0.5);
  const first = random.pick(isFemale ? FEMALE_NAMES : MALE_NAMES);
  const surname = random.pick(SURNAMES);
  return `${first} ${isFemale ? feminine(surname) : surname}`;
}

function digits(random: Random, count: number): number[] {
  return Array.from({ length: count }, () => random.int(0, 9));
}

function validNip(random: Random): string {
  const weights = [6, 5, 7, 2, 3, 4, 5, 6, 7];
  for (;;) {
    const body = [random.int(1, 9), ...digits(random, 8)];
    const check = weights.reduce((sum, weight, i) => sum + weight * (body[i] ?? 0), 0) % 11;
    if (check !== 10) {
      return [...body, check].join('');
    }
  }
}

function validPesel(random: Random): string {
  const year = random.int(1955, 2001);
  const month = random.int(1, 12);
  const day = random.int(1, 28);
  const encodedMonth = year >= 2000 ? month + 20 : month;
  const body = [
    Math.floor((year % 100) / 10),
    year % 10,
    Math.floor(encodedMonth / 10),
    encodedMonth % 10,
    Math.floor(day / 10),
    day % 10,
    ...digits(random, 4),
  ];
  const weights = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3];
  const sum = weights.reduce((total, weight, i) => total + weight * (body[i] ?? 0), 0);
  return [...body, (10 - (sum % 10)) % 10].join('');
}

function validPolishIban(random: Random): string {
  const bban = digits(random, 24).join('');
  // PL = 25 21; the check digits make the rearranged number ≡ 1 (mod 97).
  let remainder = 0;
  for (const char of `${bban}252100`) {
    remainder = (remainder * 10 + Number(char)) % 97;
  }
  return `PL${String(98 - remainder).padStart(2, '0')}${bban}`;
}

function collaboratorSeeds(random: Random, count: number): CollaboratorSeed[] {
  return Array.from({ length: count }, (_, i) => {
    const fullName = personName(random);
    const taxMode = random.chance(0.6) ? 'invoice' : 'bill';
    return {
      fullName,
      email: `wspolpracownik${String(i + 1).padStart(4, '0')}@example.com`,
      knfNumber: `${String(11_000_000 + i * 3_989).padStart(8, '0')}/A`,
      nip: taxMode === 'invoice' || random.chance(0.2) ? validNip(random) : null,
      pesel: taxMode === 'bill' ? validPesel(random) : null,
      taxMode,
      address: `ul. ${random.pick(STREETS)} ${random.int(1, 120)}, ${String(random.int(0, 99)).padStart(2, '0')}-${String(random.int(0, 999)).padStart(3, '0')} ${random.pick(CITIES)}`,
      iban: validPolishIban(random),
    };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Insurers, products, policies

type InsurerSeed = {
  name: string;
  /** Which collaborators hold a code with this insurer. */
  share: number;
  policyNumber: (collaborator: number, policy: number) => string;
  agentCode: (collaborator: number) => string;
  /** How the agent code is printed in the file (some insurers space it out). */
  printedCode: (code: string) => string;
};

const pad = (value: number, width: number) => String(value).padStart(width, '0');

const INSURERS: InsurerSeed[] = [
  {
    name: 'PZU',
    share: 0.55,
    policyNumber: (c, k) => `PZU/2026/${pad(c, 4)}${pad(k, 3)}`,
    agentCode: (c) => `PZU-${pad(70_000 + c, 6)}`,
    printedCode: (code) => code,
  },
  {
    name: 'ERGO Hestia',
    share: 0.5,
    policyNumber: (c, k) => `HES ${pad(c, 4)} ${pad(k, 3)} 26`,
    agentCode: (c) => `H${pad(c * 7 + 10_000, 6)}`,
    printedCode: (code) => `${code.slice(0, 4)} ${code.slice(4)}`,
  },
  {
    name: 'Warta',
    share: 0.45,
    policyNumber: (c, k) => `908-${pad(c, 4)}${pad(k, 4)}`,
    agentCode: (c) => `W/${pad(c, 5)}`,
    printedCode: (code) => code.toLowerCase(),
  },
  {
    name: 'Allianz',
    share: 0.4,
    policyNumber: (c, k) => `ALZ${pad(c, 5)}${pad(k, 3)}`,
    agentCode: (c) => `ALZ.${pad(c + 300, 5)}`,
    printedCode: (code) => code,
  },
  {
    name: 'Generali',
    share: 0.35,
    policyNumber: (c, k) => `GEN/${pad(c, 4)}/${pad(k, 3)}`,
    agentCode: (c) => `GE${pad(c, 5)}`,
    printedCode: (code) => code,
  },
  {
    name: 'Uniqa',
    share: 0.35,
    policyNumber: (c, k) => `UNQ-26-${pad(c, 4)}-${pad(k, 3)}`,
    agentCode: (c) => `U_${pad(c, 4)}`,
    printedCode: (code) => code,
  },
  {
    name: 'Compensa',
    share: 0.3,
    policyNumber: (c, k) => `CMP${pad(c, 4)}${pad(k, 4)}`,
    agentCode: (c) => `CMP-AG-${pad(c, 4)}`,
    printedCode: (code) => code,
  },
];

type Product = { name: string; risks: readonly string[]; rateTenths: number; premium: [number, number] };

// Insurer commission rates in tenths of a percent; annual premiums in whole złoty.
const PRODUCTS: readonly Product[] = [
  { name: 'OC komunikacyjne', risks: ['OC'], rateTenths: 90, premium: [600, 2_400] },
  { name: 'AC', risks: ['AC', 'KRADZIEŻ'], rateTenths: 125, premium: [900, 6_000] },
  { name: 'NNW', risks: ['NNW'], rateTenths: 200, premium: [60, 400] },
  { name: 'Dom i mieszkanie', risks: ['MIENIE', 'OC PRYWATNE'], rateTenths: 220, premium: [250, 1_800] },
  { name: 'Życie', risks: ['ŻYCIE', 'ZDROWIE'], rateTenths: 180, premium: [480, 3_600] },
  { name: 'Podróż', risks: ['KL', 'BAGAŻ'], rateTenths: 250, premium: [80, 700] },
  { name: 'Firma', risks: ['MIENIE FIRMY', 'OC DZIAŁALNOŚCI'], rateTenths: 150, premium: [1_500, 20_000] },
];

const POLICIES_PER_COLLABORATOR = 150;
const INSTALMENT_COUNTS = [1, 1, 2, 4, 4, 12];

type Policy = {
  number: string;
  product: Product;
  risk: string;
  holder: string;
  annualPremium: number;
  instalments: number;
};

function policyOf(insurerIndex: number, insurer: InsurerSeed, collaborator: number, k: number): Policy {
  const h = mix(insurerIndex, collaborator, k);
  const product = PRODUCTS[h % PRODUCTS.length] as Product;
  const risk = product.risks[(h >>> 8) % product.risks.length] as string;
  const [low, high] = product.premium;
  const annualPremium = (low + ((h >>> 4) % (high - low + 1))) * 100 + ((h >>> 12) % 100);
  const first = (h >>> 16) % (MALE_NAMES.length + FEMALE_NAMES.length);
  const surname = SURNAMES[(h >>> 20) % SURNAMES.length] as string;
  const isCompany = product.name === 'Firma';
  const holder = isCompany
    ? `${surname} i Wspólnicy, ${COMPANY_KINDS[(h >>> 24) % COMPANY_KINDS.length] ?? ''}`
    : first < MALE_NAMES.length
      ? `${MALE_NAMES[first] ?? ''} ${surname}`
      : `${FEMALE_NAMES[first - MALE_NAMES.length] ?? ''} ${feminine(surname)}`;
  return {
    number: insurer.policyNumber(collaborator, k),
    product,
    risk,
    holder,
    annualPremium,
    instalments: INSTALMENT_COUNTS[(h >>> 27) % INSTALMENT_COUNTS.length] ?? 1,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Statement lines

type Line = {
  policy: Policy;
  instalment: number;
  premium: number;
  collected: number;
  rateTenths: number;
  commission: number;
  day: number;
  code: string;
  isStorno: boolean;
  isRenewal: boolean;
};

const FILES: readonly Omit<FileSeed, 'lines' | 'stornos' | 'renewals' | 'commissionTotal' | 'sizeBytes'>[] = [
  { fileName: 'PZU_prowizje_2026-11_cz1.csv', insurer: 'PZU', layout: 'pzu', encoding: 'utf-8-bom' },
  { fileName: 'PZU_prowizje_2026-11_cz2.csv', insurer: 'PZU', layout: 'pzu', encoding: 'windows-1250' },
  { fileName: 'PZU_prowizje_2026-11_cz3.csv', insurer: 'PZU', layout: 'pzu', encoding: 'utf-8-bom' },
  {
    fileName: 'Hestia_zestawienie_11_2026_A.csv',
    insurer: 'ERGO Hestia',
    layout: 'hestia',
    encoding: 'utf-8',
  },
  {
    fileName: 'Hestia_zestawienie_11_2026_B.csv',
    insurer: 'ERGO Hestia',
    layout: 'hestia',
    encoding: 'utf-8',
  },
  {
    fileName: 'Hestia_zestawienie_11_2026_C.csv',
    insurer: 'ERGO Hestia',
    layout: 'hestia',
    encoding: 'utf-8',
  },
  { fileName: 'warta_prowizje_202611_1.csv', insurer: 'Warta', layout: 'warta', encoding: 'utf-8' },
  { fileName: 'warta_prowizje_202611_2.csv', insurer: 'Warta', layout: 'warta', encoding: 'utf-8' },
  { fileName: 'Allianz_prowizje_2026_11.xlsx', insurer: 'Allianz', layout: 'xlsx', encoding: null },
  { fileName: 'Generali_rozliczenie_2026-11.xlsx', insurer: 'Generali', layout: 'xlsx', encoding: null },
  { fileName: 'UNIQA_prowizje_11-2026.xlsx', insurer: 'Uniqa', layout: 'xlsx', encoding: null },
  { fileName: 'Compensa_prowizje_202611.xlsx', insurer: 'Compensa', layout: 'xlsx', encoding: null },
];

const STORNO_SHARE = 0.02;
const RENEWAL_SHARE = 0.04;

/** Lines of one file, stornos mirroring earlier lines of the same file (same policy, minus the commission). */
function* linesOf(
  random: Random,
  insurerIndex: number,
  coders: readonly number[],
  count: number,
): Generator<Line> {
  const insurer = INSURERS[insurerIndex] as InsurerSeed;
  const reversible: Line[] = [];
  for (let row = 0; row < count; row += 1) {
    if (reversible.length > 50 && random.chance(STORNO_SHARE)) {
      const index = random.int(0, reversible.length - 1);
      const original = reversible[index] as Line;
      reversible[index] = reversible[reversible.length - 1] as Line;
      reversible.pop();
      yield {
        ...original,
        commission: -original.commission,
        day: random.int(original.day, 30),
        isStorno: true,
      };
      continue;
    }
    const collaborator = coders[Math.floor(random.next() * coders.length)] as number;
    const policy = policyOf(
      insurerIndex,
      insurer,
      collaborator,
      random.int(0, POLICIES_PER_COLLABORATOR - 1),
    );
    const instalment = random.int(1, policy.instalments);
    const premium = Math.round(policy.annualPremium / policy.instalments);
    const rateTenths = policy.product.rateTenths + (mix(insurerIndex, policy.product.rateTenths) % 5) * 5;
    const line: Line = {
      policy,
      instalment,
      premium,
      collected: random.chance(0.9) ? premium : Math.round(premium / 2),
      rateTenths,
      commission: Math.round((premium * rateTenths) / 1000),
      day: random.int(1, 30),
      code: insurer.agentCode(collaborator),
      isStorno: false,
      isRenewal: random.chance(RENEWAL_SHARE),
    };
    if (line.commission > 0) {
      if (reversible.length < 5000) {
        reversible.push(line);
      } else {
        reversible[random.int(0, reversible.length - 1)] = line;
      }
    }
    yield line;
  }
}

function polishAmount(grosze: number, thousands: string): string {
  const sign = grosze < 0 ? '-' : '';
  const abs = Math.abs(grosze);
  const whole = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, thousands);
  return `${sign}${whole},${pad(abs % 100, 2)}`;
}

function dotAmount(grosze: number): string {
  const sign = grosze < 0 ? '-' : '';
  const abs = Math.abs(grosze);
  return `${sign}${String(Math.floor(abs / 100))}.${pad(abs % 100, 2)}`;
}

const rateText = (tenths: number, decimal: string) =>
  tenths % 10 === 0 ? String(tenths / 10) : `${String(Math.floor(tenths / 10))}${decimal}${tenths % 10}`;

const polishDate = (day: number) => `${pad(day, 2)}.11.2026`;
const isoDate = (day: number) => `${MONTH}-${pad(day, 2)}`;

function csvField(value: string, delimiter: string): string {
  return value.includes(delimiter) || value.includes('"') ? `"${value.replace(/"/g, '""')}"` : value;
}

type CsvLayout = {
  delimiter: string;
  preamble: string[];
  header: string[];
  row: (line: Line, printedCode: string) => string[];
  footer: (total: number) => string[];
};

const CSV_LAYOUTS: Record<Exclude<Layout, 'xlsx'>, CsvLayout> = {
  // PZU-like: the header on the first line, `;`, amounts `1 234,56`, dates DD.MM.YYYY, a totals row.
  pzu: {
    delimiter: ';',
    preamble: [],
    // prettier-ignore
    header: ['Nr polisy', 'Ubezpieczający', 'Produkt', 'Ryzyko', 'Rata', 'Składka', 'Inkaso', 'Stawka %', 'Prowizja', 'Termin płatności', 'Kod agenta', 'Typ', 'Wznowienie'],
    row: (line, code) => [
      line.policy.number,
      line.policy.holder,
      line.policy.product.name,
      line.policy.risk,
      `${String(line.instalment)}/${String(line.policy.instalments)}`,
      polishAmount(line.isStorno ? -line.premium : line.premium, ' '),
      polishAmount(line.isStorno ? -line.collected : line.collected, ' '),
      rateText(line.rateTenths, ','),
      polishAmount(line.commission, ' '),
      polishDate(line.day),
      code,
      line.isStorno ? 'Storno' : 'Prowizja',
      line.isRenewal ? 'T' : 'N',
    ],
    footer: (total) => [`Razem;;;;;;;;${polishAmount(total, ' ')};;;;`],
  },
  // ERGO Hestia-like: title lines before the header, `;`, amounts `1234,56`, a storno's premium unsigned.
  hestia: {
    delimiter: ';',
    preamble: [
      'ERGO Hestia - zestawienie prowizji pośrednika',
      'Agencja: Agencja Benchmark sp. z o.o.',
      'Okres rozliczeniowy: 01.11.2026 - 30.11.2026',
      '',
    ],
    // prettier-ignore
    header: ['Numer polisy', 'Nazwa ubezpieczającego', 'Kod produktu', 'Kod ryzyka', 'Nr raty', 'Składka przypisana', 'Składka zainkasowana', 'Stawka prowizji', 'Kwota prowizji', 'Data płatności', 'Symbol agenta', 'Rodzaj operacji', 'Kontynuacja'],
    row: (line, code) => [
      line.policy.number,
      line.policy.holder,
      line.policy.product.name,
      line.policy.risk,
      String(line.instalment),
      polishAmount(line.premium, ''),
      polishAmount(line.collected, ''),
      rateText(line.rateTenths, ','),
      polishAmount(line.commission, ''),
      polishDate(line.day),
      code,
      line.isStorno ? 'Zwrot prowizji' : 'Przypis',
      line.isRenewal ? 'tak' : 'nie',
    ],
    footer: () => [],
  },
  // Warta-like: `,`, UTF-8 without a BOM, ISO dates, amounts with a decimal point, quoted names.
  warta: {
    delimiter: ',',
    preamble: [],
    // prettier-ignore
    header: ['Polisa', 'Klient', 'Produkt', 'Ryzyko', 'Rata', 'Składka', 'Składka opłacona', 'Stawka', 'Prowizja naliczona', 'Data', 'Agent', 'Rodzaj', 'Odnowienie'],
    row: (line, code) => [
      line.policy.number,
      line.policy.holder,
      line.policy.product.name,
      line.policy.risk,
      String(line.instalment),
      dotAmount(line.isStorno ? -line.premium : line.premium),
      dotAmount(line.isStorno ? -line.collected : line.collected),
      rateText(line.rateTenths, '.'),
      dotAmount(line.commission),
      isoDate(line.day),
      code,
      line.isStorno ? 'storno' : 'prowizja',
      line.isRenewal ? 'wznowienie' : 'nowa',
    ],
    footer: () => [],
  },
};

type FileTotals = Pick<FileSeed, 'lines' | 'stornos' | 'renewals' | 'commissionTotal'>;

function tally(totals: FileTotals, line: Line) {
  totals.lines += 1;
  totals.stornos += line.isStorno ? 1 : 0;
  totals.renewals += line.isRenewal ? 1 : 0;
  totals.commissionTotal += line.commission;
}

function writeCsv(
  target: string,
  layout: CsvLayout,
  encoding: 'utf-8' | 'utf-8-bom' | 'windows-1250',
  insurer: InsurerSeed,
  lines: Iterable<Line>,
): FileTotals {
  const fd = fs.openSync(target, 'w');
  const totals: FileTotals = { lines: 0, stornos: 0, renewals: 0, commissionTotal: 0 };
  const encode = (text: string) =>
    encoding === 'windows-1250' ? iconv.encode(text, 'windows-1250') : Buffer.from(text, 'utf8');
  const eol = '\r\n';
  let chunk = encoding === 'utf-8-bom' ? '\ufeff' : '';
  chunk += [...layout.preamble, layout.header.join(layout.delimiter)].map((text) => text + eol).join('');
  for (const line of lines) {
    tally(totals, line);
    chunk +=
      layout
        .row(line, insurer.printedCode(line.code))
        .map((field) => csvField(field, layout.delimiter))
        .join(layout.delimiter) + eol;
    if (chunk.length > 1 << 20) {
      fs.writeSync(fd, encode(chunk));
      chunk = '';
    }
  }
  chunk += layout
    .footer(totals.commissionTotal)
    .map((text) => text + eol)
    .join('');
  fs.writeSync(fd, encode(chunk));
  fs.closeSync(fd);
  return totals;
}

/** Allianz-, Generali-, Uniqa- and Compensa-like workbooks: numbers and dates as such, a title row on top. */
async function writeXlsx(target: string, insurer: InsurerSeed, lines: Iterable<Line>): Promise<FileTotals> {
  const totals: FileTotals = { lines: 0, stornos: 0, renewals: 0, commissionTotal: 0 };
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: target,
    useSharedStrings: true,
    useStyles: true,
  });
  const sheet = workbook.addWorksheet('Prowizje');
  sheet.addRow([`Zestawienie prowizji ${insurer.name} za listopad 2026`]).commit();
  sheet.addRow([]).commit();
  // prettier-ignore
  sheet.addRow(['Numer polisy', 'Ubezpieczający', 'Produkt', 'Ryzyko', 'Numer raty', 'Składka', 'Składka wpłacona', '% prowizji', 'Prowizja', 'Data wymagalności', 'Numer agenta', 'Typ operacji', 'Wznowienie']).commit();
  const amountFormat = '#,##0.00';
  for (const line of lines) {
    tally(totals, line);
    const sign = line.isStorno ? -1 : 1;
    const row = sheet.addRow([
      line.policy.number,
      line.policy.holder,
      line.policy.product.name,
      line.policy.risk,
      line.instalment,
      (sign * line.premium) / 100,
      (sign * line.collected) / 100,
      line.rateTenths / 10,
      line.commission / 100,
      new Date(Date.UTC(2026, 10, line.day)),
      insurer.printedCode(line.code),
      line.isStorno ? 'Anulowanie' : 'Prowizja',
      line.isRenewal,
    ]);
    row.getCell(6).numFmt = amountFormat;
    row.getCell(7).numFmt = amountFormat;
    row.getCell(9).numFmt = amountFormat;
    row.getCell(10).numFmt = 'dd.mm.yyyy';
    row.commit();
  }
  sheet.commit();
  await workbook.commit();
  return totals;
}

// ---------------------------------------------------------------------------------------------------------------
// Rules

const rate = (tenths: number) => rateText(tenths, '.');

function agencyDefaults(insurers: readonly string[]): RuleSeed[] {
  const base: Omit<RuleSeed, 'insurer' | 'product' | 'basis' | 'rate'> = {
    collaborator: null,
    risk: null,
    policyNumber: null,
    validFrom: null,
    validTo: null,
    renewalsOnly: false,
    fixedAmount: null,
    clawback: 'follow',
  };
  const rules: RuleSeed[] = [
    { ...base, insurer: null, product: null, basis: 'agency_commission', rate: '50' },
    ...insurers.map((insurer, i) => ({
      ...base,
      insurer,
      product: null,
      basis: 'agency_commission' as const,
      rate: rate(450 + i * 10),
    })),
    ...PRODUCTS.map((product, i) => ({
      ...base,
      insurer: null,
      product: product.name,
      basis: 'agency_commission' as const,
      rate: rate(400 + i * 25),
    })),
  ];
  // From mid-November a better rate on life products with the two biggest insurers, and a renewal bonus.
  rules.push(
    {
      ...base,
      insurer: 'PZU',
      product: 'Życie',
      basis: 'agency_commission',
      rate: '60',
      validFrom: '2026-11-16',
    },
    {
      ...base,
      insurer: 'ERGO Hestia',
      product: 'Życie',
      basis: 'agency_commission',
      rate: '58.5',
      validFrom: '2026-11-16',
    },
    { ...base, insurer: null, product: 'AC', basis: 'agency_commission', rate: '55', renewalsOnly: true },
    {
      ...base,
      insurer: 'Warta',
      product: 'OC komunikacyjne',
      basis: 'agency_commission',
      rate: '35',
      validTo: '2026-10-31',
    },
  );
  return rules;
}

function collaboratorRules(
  random: Random,
  collaborator: number,
  insurerIndexes: readonly number[],
  count: number,
): RuleSeed[] {
  const base = {
    collaborator,
    product: null,
    risk: null,
    policyNumber: null,
    validFrom: null,
    validTo: null,
    renewalsOnly: false,
    fixedAmount: null,
    clawback: 'follow' as const,
  };
  const own = random.int(80, 140) * 5;
  const candidates: RuleSeed[] = [
    { ...base, insurer: null, product: null, basis: 'agency_commission', rate: rate(own) },
  ];
  for (const index of insurerIndexes) {
    candidates.push({
      ...base,
      insurer: INSURERS[index]?.name ?? null,
      product: null,
      basis: 'agency_commission',
      rate: rate(own + random.int(-4, 6) * 10),
    });
  }
  const pairs = insurerIndexes.flatMap((index) => PRODUCTS.map((product) => ({ index, product })));
  const chosen = new Set<number>();
  const pair = () => {
    for (;;) {
      const i = random.int(0, pairs.length - 1);
      if (!chosen.has(i)) {
        chosen.add(i);
        return pairs[i] as { index: number; product: Product };
      }
    }
  };
  const first = pair();
  const second = pair();
  const third = pair();
  const fourth = pair();
  const insurerName = (index: number) => INSURERS[index]?.name ?? null;
  const fixedPolicy = random.int(0, POLICIES_PER_COLLABORATOR - 1);
  const ratePolicy = (fixedPolicy + random.int(1, POLICIES_PER_COLLABORATOR - 1)) % POLICIES_PER_COLLABORATOR;
  candidates.push(
    // A new rate from the middle of the month.
    {
      ...base,
      insurer: insurerName(first.index),
      product: first.product.name,
      basis: 'agency_commission',
      rate: rate(own + 50),
      validFrom: '2026-11-16',
    },
    // A share of the written premium for the whole year.
    {
      ...base,
      insurer: insurerName(second.index),
      product: second.product.name,
      basis: 'written_premium',
      rate: rate(random.int(15, 40)),
      validFrom: '2026-01-01',
      validTo: '2026-12-31',
    },
    // The agency bears clawbacks of one risk.
    {
      ...base,
      insurer: insurerName(third.index),
      product: third.product.name,
      risk: third.product.risks[0] ?? null,
      basis: 'agency_commission',
      rate: rate(own - 50),
      clawback: 'agency_bears',
    },
    // Renewals pay a share of the collected premium.
    {
      ...base,
      insurer: insurerName(fourth.index),
      product: fourth.product.name,
      basis: 'collected_premium',
      rate: rate(random.int(20, 50)),
      renewalsOnly: true,
    },
    // Two per-policy overrides: a fixed amount once per policy, and a rate.
    {
      ...base,
      insurer: insurerName(first.index),
      policyNumber: INSURERS[first.index]?.policyNumber(collaborator, fixedPolicy) ?? null,
      basis: 'fixed_per_policy',
      rate: null,
      fixedAmount: random.int(5, 30) * 1000,
    },
    {
      ...base,
      insurer: insurerName(second.index),
      policyNumber: INSURERS[second.index]?.policyNumber(collaborator, ratePolicy) ?? null,
      basis: 'agency_commission',
      rate: rate(own + 100),
    },
    // An old rate that ended before the month.
    {
      ...base,
      insurer: null,
      product: third.product.name,
      basis: 'agency_commission',
      rate: rate(own - 100),
      validFrom: '2025-01-01',
      validTo: '2026-06-30',
    },
  );
  return candidates.slice(0, count);
}

// ---------------------------------------------------------------------------------------------------------------

export async function generateMonthEndData(
  dir: string,
  scale = 1,
  seed = 20_261_130,
): Promise<MonthEndManifest> {
  const random = createRandom(seed);
  fs.mkdirSync(dir, { recursive: true });
  const collaboratorCount = Math.max(10, Math.round(2_000 * scale));
  const totalLines = Math.max(FILES.length * 100, Math.round(1_000_000 * scale));
  const totalRules = Math.max(collaboratorCount * 4, Math.round(20_000 * scale));
  const collaborators = collaboratorSeeds(random, collaboratorCount);

  // Each collaborator works with a few insurers; everyone with at least two.
  const insurersOf: number[][] = collaborators.map(() => []);
  const codersOf: number[][] = INSURERS.map(() => []);
  for (let c = 0; c < collaboratorCount; c += 1) {
    const mine = INSURERS.flatMap((insurer, index) => (random.chance(insurer.share) ? [index] : []));
    while (mine.length < 2) {
      const extra = random.int(0, INSURERS.length - 1);
      if (!mine.includes(extra)) {
        mine.push(extra);
      }
    }
    mine.sort((a, b) => a - b);
    insurersOf[c] = mine;
    for (const index of mine) {
      codersOf[index]?.push(c);
    }
  }
  const agentCodes: AgentCodeSeed[] = insurersOf.flatMap((mine, collaborator) =>
    mine.map((index) => {
      const insurer = INSURERS[index] as InsurerSeed;
      return { insurer: insurer.name, collaborator, code: insurer.agentCode(collaborator) };
    }),
  );

  const rules = agencyDefaults(INSURERS.map((insurer) => insurer.name));
  const perCollaborator = (totalRules - rules.length) / collaboratorCount;
  for (let c = 0; c < collaboratorCount; c += 1) {
    const count = Math.floor((totalRules - rules.length) / (collaboratorCount - c));
    rules.push(...collaboratorRules(random, c, insurersOf[c] ?? [], Math.max(1, Math.min(count, 12))));
  }
  if (perCollaborator > 12) {
    throw new RangeError('More rules per collaborator than the generator makes');
  }

  const files: FileSeed[] = [];
  const base = Math.floor(totalLines / FILES.length);
  for (const [i, file] of FILES.entries()) {
    const count = base + (i < totalLines - base * FILES.length ? 1 : 0);
    const insurerIndex = INSURERS.findIndex((insurer) => insurer.name === file.insurer);
    const insurer = INSURERS[insurerIndex] as InsurerSeed;
    const lines = linesOf(random, insurerIndex, codersOf[insurerIndex] ?? [], count);
    const target = path.join(dir, file.fileName);
    const totals =
      file.layout === 'xlsx'
        ? await writeXlsx(target, insurer, lines)
        : writeCsv(target, CSV_LAYOUTS[file.layout], file.encoding ?? 'utf-8', insurer, lines);
    files.push({ ...file, ...totals, sizeBytes: fs.statSync(target).size });
  }

  const manifest: MonthEndManifest = {
    scale,
    month: MONTH,
    statementDate: STATEMENT_DATE,
    files,
    collaborators,
    agentCodes,
    rules,
    totals: {
      lines: files.reduce((sum, file) => sum + file.lines, 0),
      stornos: files.reduce((sum, file) => sum + file.stornos, 0),
      renewals: files.reduce((sum, file) => sum + file.renewals, 0),
      commission: files.reduce((sum, file) => sum + file.commissionTotal, 0),
      bytes: files.reduce((sum, file) => sum + file.sizeBytes, 0),
    },
  };
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest));
  return manifest;
}

export function readManifest(dir: string): MonthEndManifest {
  return JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as MonthEndManifest;
}

// Run directly: a child process, so that the generator's memory never counts in the benchmark's.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [dir, scale] = process.argv.slice(2);
  if (!dir) {
    console.error('usage: node --import tsx bench/month-end-data.ts <dir> [scale]');
    process.exit(2);
  }
  const manifest = await generateMonthEndData(dir, scale ? Number(scale) : 1);
  console.log(
    `${String(manifest.totals.lines)} lines in ${String(manifest.files.length)} files, ${String(manifest.collaborators.length)} collaborators, ${String(manifest.rules.length)} rules`,
  );
}
