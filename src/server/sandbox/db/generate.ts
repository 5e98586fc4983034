import type { DemoUserKey } from '../demoUsers.ts';
import { type Db, readMeta, writeMeta } from './connection.ts';
import {
  COLLEGES,
  type DepartmentSeed,
  FIRST_NAMES,
  LAST_NAMES,
  MANUAL_COURSE_TITLES,
  NAME_SUFFIXES,
  PRONOUNS,
  TRACKS,
  UNIVERSITY_EMAIL_DOMAIN,
  UNIVERSITY_NAME,
} from './names.ts';
import { seedAccountNotifications } from './seedNotifications.ts';
import { seedAccessTokens } from './seedTokens.ts';

// The demo tenant: Northfield State University, generated deterministically from a seed so that
// every sandbox, test and benchmark sees the same university. Row ids are assigned here rather
// than by SQLite so that paths and references can be written in the same pass.

export type TenantScale = 'demo' | 'large';

export interface TenantSummary {
  scale: TenantScale;
  /** Account rows, the root included. */
  accounts: number;
  maxDepth: number;
  courses: number;
  users: number;
  enrollments: number;
  terms: number;
  milliseconds: number;
}

const DEFAULT_TENANT_SEED = 20_250_825;

export const TENANT_SCALES: readonly TenantScale[] = ['demo', 'large'];

export function isTenantScale(value: string): value is TenantScale {
  return (TENANT_SCALES as readonly string[]).includes(value);
}

/** A tenant has been generated once its scale is recorded; generation writes it last. */
export function isTenantGenerated(db: Db): boolean {
  return readMeta(db, 'scale') !== undefined;
}

interface ScaleProfile {
  courses: number;
  users: number;
  /** Sub-accounts to reach exactly by adding tracks and cohorts; null stops at programs. */
  subAccounts: number | null;
  /** Share of the catalog's programs that become accounts. */
  programShare: number;
  studentsPerCourse: readonly [number, number];
  emptyLeafAccounts: number;
  deletedLeafAccounts: number;
  courseTemplates: number;
  departmentAdmins: number;
}

const SCALE_PROFILES: Record<TenantScale, ScaleProfile> = {
  demo: {
    courses: 2_000,
    users: 2_000,
    subAccounts: null,
    programShare: 0.9,
    studentsPerCourse: [5, 30],
    emptyLeafAccounts: 5,
    deletedLeafAccounts: 2,
    courseTemplates: 4,
    departmentAdmins: 5,
  },
  large: {
    courses: 100_000,
    users: 50_000,
    subAccounts: 10_000,
    programShare: 1,
    // Kept small so that the large tenant stays quick to build; it exists to stress the tree.
    studentsPerCourse: [4, 8],
    emptyLeafAccounts: 25,
    deletedLeafAccounts: 6,
    courseTemplates: 20,
    departmentAdmins: 12,
  },
};

const ROOT_ACCOUNT_ID = 1;
const ROOT_TIME_ZONE = 'America/Denver';
const DAY_MS = 86_400_000;
const TENANT_CREATED_AT = Date.parse('2019-06-03T15:00:00Z');
/** The generated tenant's "today", mid Spring 2026; nothing is created or logged in after it. */
const TENANT_NOW = Date.parse('2026-02-16T17:00:00Z');
/** Mixed into the seed for the report-data stream (see TenantBuilder.activity). */
const ACTIVITY_SEED_MIX = 0x5eed_ac71;
/** Canvas sis_batch_id of the registrar's imports, one per kind of row. */
const SIS_BATCH = { terms: 1, courses: 3, users: 4 } as const;

// ---------------------------------------------------------------------------------------------
// Seeded randomness

class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** mulberry32: tiny, fast and good enough for test data. */
  uint32(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.uint32() / 4_294_967_296;
  }

  /** Uniform integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return itemAt(items, Math.floor(this.next() * items.length));
  }

  weighted<T>(options: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, weight] of options) total += weight;
    let remaining = this.next() * total;
    for (const [value, weight] of options) {
      remaining -= weight;
      if (remaining < 0) return value;
    }
    return itemAt(options, options.length - 1)[0];
  }

  shuffled<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = this.int(0, i);
      const swap = itemAt(copy, i);
      copy[i] = itemAt(copy, j);
      copy[j] = swap;
    }
    return copy;
  }

  /** A moment with whole seconds in [from, to]; `from` when the range is empty. */
  moment(from: number, to: number): number {
    if (to <= from) return from;
    return from + this.int(0, Math.floor((to - from) / 1000)) * 1000;
  }
}

function itemAt<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new Error(`No item at index ${index} of ${items.length}`);
  return item;
}

/** Picks among many items with fixed weights in O(log n). */
class WeightedTable<T> {
  private readonly items: T[] = [];
  private readonly cumulative: number[] = [];
  private total = 0;

  add(item: T, weight: number): void {
    if (weight <= 0) return;
    this.total += weight;
    this.items.push(item);
    this.cumulative.push(this.total);
  }

  get size(): number {
    return this.items.length;
  }

  pick(random: Random): T {
    const target = random.next() * this.total;
    let low = 0;
    let high = this.cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (itemAt(this.cumulative, middle) > target) high = middle;
      else low = middle + 1;
    }
    return itemAt(this.items, low);
  }
}

/**
 * Splits `total` into whole shares proportional to the weights (largest remainder first), each
 * at least one, and returns one entry per share.
 */
function apportion<T>(total: number, weights: ReadonlyMap<T, number>): T[] {
  const entries = [...weights];
  let weightSum = 0;
  for (const [, weight] of entries) weightSum += weight;
  const exact = entries.map(([, weight]) => (total * weight) / weightSum);
  const counts = exact.map((share) => Math.max(1, Math.floor(share)));
  let unassigned = total - counts.reduce((sum, count) => sum + count, 0);
  const byRemainder = exact
    .map((share, index) => ({ index, remainder: share - Math.floor(share) }))
    .sort((a, b) => b.remainder - a.remainder);
  for (const { index } of byRemainder) {
    if (unassigned <= 0) break;
    counts[index] = itemAt(counts, index) + 1;
    unassigned--;
  }
  return entries.flatMap(([item], index) => Array.from({ length: itemAt(counts, index) }, () => item));
}

// ---------------------------------------------------------------------------------------------
// Small formatting helpers

const TWO_DIGITS = Array.from({ length: 60 }, (_, value) => String(value).padStart(2, '0'));
const datePrefixes = new Map<number, string>();

/**
 * Canvas's serialization of times: ISO 8601 UTC with whole seconds. Called about a million times
 * for a large tenant, so the date part is cached per day instead of going through Date each time.
 */
function isoTime(milliseconds: number): string {
  const day = Math.floor(milliseconds / DAY_MS);
  let prefix = datePrefixes.get(day);
  if (prefix === undefined) {
    prefix = new Date(day * DAY_MS).toISOString().slice(0, 11);
    datePrefixes.set(day, prefix);
  }
  const seconds = Math.floor((milliseconds - day * DAY_MS) / 1000);
  const hours = itemAt(TWO_DIGITS, Math.floor(seconds / 3600));
  const minutes = itemAt(TWO_DIGITS, Math.floor(seconds / 60) % 60);
  return `${prefix}${hours}:${minutes}:${itemAt(TWO_DIGITS, seconds % 60)}Z`;
}

const UUID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Canvas uuids are 40 random alphanumerics. */
function canvasUuid(random: Random): string {
  let uuid = '';
  for (let chunk = 0; chunk < 8; chunk++) {
    let bits = random.uint32();
    for (let i = 0; i < 5; i++) {
      uuid += UUID_ALPHABET.charAt(bits % 62);
      bits = Math.floor(bits / 62);
    }
  }
  return uuid;
}

const SUFFIX_PATTERN = /^(Sn?r\.?|Senior|Jn?r\.?|Junior|II|III|IV|V|VI|Esq\.?|Esquire)$/i;

/**
 * Canvas's default sortable name for a full name: the last word is the surname and a trailing
 * generational suffix stays with the given names ("Robert King Jr." -> "King, Robert Jr.").
 */
export function sortableNameFor(name: string): string {
  const words = name.trim().split(/\s+/);
  const suffix =
    words.length > 2 && SUFFIX_PATTERN.test(words[words.length - 1] ?? '') ? words.pop() : undefined;
  const surname = words.length > 1 ? words.pop() : undefined;
  const given = [...words, ...(suffix ? [suffix] : [])].join(' ');
  return surname ? `${surname}, ${given}` : given;
}

/** Letters that Unicode decomposition does not reduce to ASCII. */
const ASCII_SPELLINGS: Record<string, string> = {
  ø: 'o',
  Ø: 'O',
  æ: 'ae',
  Æ: 'AE',
  œ: 'oe',
  ß: 'ss',
  ł: 'l',
  Ł: 'L',
  đ: 'd',
};

function emailLocalPart(first: string, last: string): string {
  const plain = (text: string) =>
    text
      .replace(/[øØæÆœßłŁđ]/g, (letter) => ASCII_SPELLINGS[letter] ?? '')
      .normalize('NFD')
      .replace(/[^A-Za-z]/g, '')
      .toLowerCase();
  return `${plain(first)}.${plain(last)}`;
}

// ---------------------------------------------------------------------------------------------
// Terms

type TermKey = 'DEFAULT' | 'SP25' | 'SU25' | 'FA25' | 'WI26' | 'SP26' | 'SU26' | 'FA26' | 'SP27';

interface TermDefinition {
  key: TermKey;
  name: string;
  /** Local midnight in Denver, as UTC; null for the default term. */
  startAt: string | null;
  endAt: string | null;
  deleted: boolean;
}

const TERM_DEFINITIONS: readonly TermDefinition[] = [
  { key: 'DEFAULT', name: 'Default Term', startAt: null, endAt: null, deleted: false },
  {
    key: 'SP25',
    name: 'Spring 2025',
    startAt: '2025-01-13T07:00:00Z',
    endAt: '2025-05-17T06:00:00Z',
    deleted: false,
  },
  {
    key: 'SU25',
    name: 'Summer 2025',
    startAt: '2025-06-02T06:00:00Z',
    endAt: '2025-08-09T06:00:00Z',
    deleted: false,
  },
  {
    key: 'FA25',
    name: 'Fall 2025',
    startAt: '2025-08-25T06:00:00Z',
    endAt: '2025-12-20T07:00:00Z',
    deleted: false,
  },
  // Planned, then cancelled: a deleted term with no courses.
  {
    key: 'WI26',
    name: 'Winter Intersession 2026',
    startAt: '2025-12-22T07:00:00Z',
    endAt: '2026-01-10T07:00:00Z',
    deleted: true,
  },
  {
    key: 'SP26',
    name: 'Spring 2026',
    startAt: '2026-01-12T07:00:00Z',
    endAt: '2026-05-16T06:00:00Z',
    deleted: false,
  },
  {
    key: 'SU26',
    name: 'Summer 2026',
    startAt: '2026-06-01T06:00:00Z',
    endAt: '2026-08-08T06:00:00Z',
    deleted: false,
  },
  {
    key: 'FA26',
    name: 'Fall 2026',
    startAt: '2026-08-24T06:00:00Z',
    endAt: '2026-12-19T07:00:00Z',
    deleted: false,
  },
  {
    key: 'SP27',
    name: 'Spring 2027',
    startAt: '2027-01-11T07:00:00Z',
    endAt: '2027-05-15T06:00:00Z',
    deleted: false,
  },
];

interface TermPlan extends TermDefinition {
  id: number;
  startMs: number | null;
  endMs: number | null;
}

const TERMS: readonly TermPlan[] = TERM_DEFINITIONS.map((term, index) => ({
  ...term,
  id: index + 1,
  startMs: term.startAt ? Date.parse(term.startAt) : null,
  endMs: term.endAt ? Date.parse(term.endAt) : null,
}));

function termByKey(key: TermKey): TermPlan {
  const term = TERMS.find((candidate) => candidate.key === key);
  if (!term) throw new Error(`Unknown term ${key}`);
  return term;
}

// ---------------------------------------------------------------------------------------------
// Root account settings

const EVERYONE = ['user', 'student', 'teacher', 'admin', 'observer', 'unenrolled'];

/** The root's help menu: two campus links plus three of Canvas's defaults. */
const ROOT_ACCOUNT_SETTINGS = {
  help_link_name: 'Help',
  help_link_icon: 'help',
  custom_help_links: [
    {
      id: 'search_the_canvas_guides',
      text: 'Search the Canvas Guides',
      subtext: 'Find answers to common questions',
      url: 'https://community.canvaslms.com/t5/Canvas/ct-p/canvas',
      type: 'default',
      available_to: EVERYONE,
      is_featured: true,
      is_new: false,
      feature_headline: 'Little lost? Try here first!',
    },
    {
      id: 'link1',
      text: 'NSU IT Service Desk',
      subtext: 'Chat, call or open a ticket with campus IT',
      url: 'https://it.northfield.edu/help',
      type: 'custom',
      available_to: EVERYONE,
      is_featured: false,
      is_new: true,
      feature_headline: '',
    },
    {
      id: 'instructor_question',
      text: 'Ask Your Instructor a Question',
      subtext: 'Questions are submitted to your instructor',
      url: '#teacher_feedback',
      type: 'default',
      available_to: ['student'],
      is_featured: false,
      is_new: false,
      feature_headline: '',
    },
    {
      id: 'link2',
      text: 'Teaching with Canvas at Northfield',
      subtext: 'Workshops and consultations from the Center for Teaching Excellence',
      url: 'https://teaching.northfield.edu/canvas',
      type: 'custom',
      available_to: ['teacher', 'admin'],
      is_featured: false,
      is_new: false,
      feature_headline: '',
    },
    {
      id: 'report_a_problem',
      text: 'Report a Problem',
      subtext: 'If Canvas misbehaves, tell us about it',
      url: '#create_ticket',
      type: 'default',
      available_to: EVERYONE,
      is_featured: false,
      is_new: false,
      feature_headline: '',
    },
  ],
};

// ---------------------------------------------------------------------------------------------
// Accounts

type AccountKind = 'root' | 'manual' | 'college' | 'department' | 'program' | 'track' | 'cohort';

interface AccountPlan {
  id: number;
  name: string;
  kind: AccountKind;
  parent: AccountPlan | null;
  path: string;
  depth: number;
  sisAccountId: string | null;
  /** Index into COLLEGES; -1 above the colleges. */
  collegeIndex: number;
  department: DepartmentSeed | null;
  deleted: boolean;
  holdsCourses: boolean;
  childCount: number;
  createdAt: number;
}

/** Share of the courses each kind of account receives, per account. */
const COURSE_WEIGHT_BY_KIND: Record<AccountKind, number> = {
  root: 0,
  manual: 0,
  college: 0,
  department: 3,
  program: 2,
  track: 1.2,
  cohort: 0.5,
};

const LATEST_RESTRUCTURING = Date.parse('2024-06-01T00:00:00Z');

class AccountTree {
  readonly accounts: AccountPlan[] = [];
  private readonly sisIds = new Set<string>();

  constructor(private readonly random: Random) {}

  add(
    parent: AccountPlan | null,
    kind: AccountKind,
    name: string,
    sisBase: string | null,
    collegeIndex: number,
    department: DepartmentSeed | null,
    createdNoEarlierThan = TENANT_CREATED_AT,
  ): AccountPlan {
    const id = this.accounts.length + 1;
    const earliest = Math.max(parent?.createdAt ?? TENANT_CREATED_AT, createdNoEarlierThan);
    // Most of the structure predates the tenant's recent history; late additions trail their parent.
    const latest = Math.min(
      Math.max(earliest + 150 * DAY_MS, LATEST_RESTRUCTURING),
      TENANT_NOW - 60 * DAY_MS,
    );
    const createdAt = parent ? this.random.moment(earliest, latest) : TENANT_CREATED_AT;
    const account: AccountPlan = {
      id,
      name,
      kind,
      parent,
      path: `${parent?.path ?? '/'}${id}/`,
      depth: parent ? parent.depth + 1 : 0,
      sisAccountId: sisBase === null ? null : this.uniqueSisId(sisBase),
      collegeIndex,
      department,
      deleted: false,
      holdsCourses: COURSE_WEIGHT_BY_KIND[kind] > 0,
      childCount: 0,
      createdAt,
    };
    if (parent) parent.childCount++;
    this.accounts.push(account);
    return account;
  }

  private uniqueSisId(base: string): string {
    let candidate = base;
    for (let attempt = 2; this.sisIds.has(candidate); attempt++) candidate = `${base}-${attempt}`;
    this.sisIds.add(candidate);
    return candidate;
  }
}

const CODE_STOP_WORDS = new Set(['and', 'of', 'the', 'to', 'in']);

/** A short SIS code from a program name: 'Robotics' -> 'ROB', 'RN to BSN' -> 'RN'. */
function programCode(program: string): string {
  const word = program.split(/[\s-]+/).find((part) => !CODE_STOP_WORDS.has(part.toLowerCase())) ?? program;
  return word
    .replace(/[^A-Za-z]/g, '')
    .slice(0, 3)
    .toUpperCase();
}

function planAccounts(
  random: Random,
  profile: ScaleProfile,
): { tree: AccountTree; root: AccountPlan; manual: AccountPlan } {
  const tree = new AccountTree(random);
  const root = tree.add(null, 'root', UNIVERSITY_NAME, null, -1, null);
  // Canvas creates this one on demand without an SIS id; it holds courses made outside the SIS.
  const manual = tree.add(root, 'manual', 'Manually-Created Courses', null, -1, null);

  const colleges = COLLEGES.map((college, index) =>
    tree.add(root, 'college', college.name, `COL-${college.code}`, index, null),
  );
  const departments: AccountPlan[] = [];
  colleges.forEach((collegeAccount, collegeIndex) => {
    for (const department of itemAt(COLLEGES, collegeIndex).departments) {
      departments.push(
        tree.add(
          collegeAccount,
          'department',
          `Department of ${department.name}`,
          `DEPT-${department.code}`,
          collegeIndex,
          department,
        ),
      );
    }
  });
  const programs: { account: AccountPlan; program: string; code: string }[] = [];
  for (const departmentAccount of departments) {
    const department = departmentAccount.department;
    if (!department) continue;
    department.programs.forEach((program, index) => {
      // Every department keeps at least two programs so that no department is a bare leaf.
      if (index >= 2 && !random.chance(profile.programShare)) return;
      const code = programCode(program);
      const account = tree.add(
        departmentAccount,
        'program',
        `${program} Program`,
        `PRG-${department.code}-${code}`,
        departmentAccount.collegeIndex,
        department,
      );
      programs.push({ account, program, code });
    });
  }

  if (profile.subAccounts !== null) addTracksAndCohorts(random, tree, programs, profile.subAccounts);

  // A few leaves with nothing in them, and a couple of retired ones, so deletion can be tried.
  const leaves = random.shuffled(
    tree.accounts.filter((account) => account.childCount === 0 && account.depth >= 3 && account.holdsCourses),
  );
  for (const account of leaves.slice(0, profile.deletedLeafAccounts)) {
    account.deleted = true;
    account.holdsCourses = false;
  }
  for (const account of leaves.slice(
    profile.deletedLeafAccounts,
    profile.deletedLeafAccounts + profile.emptyLeafAccounts,
  )) {
    account.holdsCourses = false;
  }
  return { tree, root, manual };
}

function addTracksAndCohorts(
  random: Random,
  tree: AccountTree,
  programs: readonly { account: AccountPlan; program: string; code: string }[],
  subAccountTarget: number,
): void {
  const tracks: { account: AccountPlan; label: string; sisStem: string }[] = [];
  for (const { account: programAccount, program, code } of programs) {
    const department = programAccount.department;
    if (!department) continue;
    const count = random.int(7, TRACKS.length);
    for (const [trackName, trackCode] of random.shuffled(TRACKS).slice(0, count)) {
      const sisStem = `${department.code}-${code}-${trackCode}`;
      const account = tree.add(
        programAccount,
        'track',
        `${program} ${trackName} Track`,
        `TRK-${sisStem}`,
        programAccount.collegeIndex,
        department,
      );
      tracks.push({ account, label: `${program} ${trackName}`, sisStem });
    }
  }

  const subAccountsSoFar = tree.accounts.length - 1;
  const cohortBudget = subAccountTarget - subAccountsSoFar;
  const tracksWithCohorts = random.shuffled(tracks).slice(0, Math.round(tracks.length * 0.85));
  if (cohortBudget < tracksWithCohorts.length) {
    throw new Error(
      `The catalog already has ${subAccountsSoFar} sub-accounts; cannot reach ${subAccountTarget}`,
    );
  }
  // One cohort each, then the rest spread at random: deeper branches end up uneven, as real ones do.
  const cohortCounts = tracksWithCohorts.map(() => 1);
  for (let extra = cohortBudget - tracksWithCohorts.length; extra > 0; extra--) {
    const index = random.int(0, cohortCounts.length - 1);
    cohortCounts[index] = itemAt(cohortCounts, index) + 1;
  }
  const newestCohortYear = 2026;
  const cohortYears = 8;
  tracksWithCohorts.forEach((track, trackIndex) => {
    const count = itemAt(cohortCounts, trackIndex);
    for (let k = 0; k < count; k++) {
      const year = newestCohortYear - (k % cohortYears);
      const section = Math.floor(k / cohortYears) + 1;
      const name = `${track.label} Cohort ${year}${section > 1 ? `, Section ${section}` : ''}`;
      const sis = `COH-${track.sisStem}-${year}${section > 1 ? `-S${section}` : ''}`;
      // A cohort's account is opened during the spring before it starts.
      const opened = Date.UTC(year - 1, 2, 1);
      tree.add(
        track.account,
        'cohort',
        name,
        sis,
        track.account.collegeIndex,
        track.account.department,
        opened,
      );
    }
  });
}

// ---------------------------------------------------------------------------------------------
// Course catalog

interface CatalogCourse {
  title: string;
  code: string;
  sisStem: string;
}

interface TitlePattern {
  level: number;
  offset: number;
  /** Lower-division courses run more sections. */
  weight: number;
  title: (topic: string) => string;
}

const TITLE_PATTERNS: readonly TitlePattern[] = [
  { level: 1, offset: 0, weight: 5, title: (topic) => `Introduction to ${topic}` },
  { level: 2, offset: 1, weight: 4, title: (topic) => `${topic} I` },
  { level: 2, offset: 2, weight: 3, title: (topic) => `${topic} II` },
  { level: 3, offset: 0, weight: 2, title: (topic) => `Advanced ${topic}` },
  { level: 4, offset: 5, weight: 1, title: (topic) => `Topics in ${topic}` },
  { level: 6, offset: 0, weight: 1, title: (topic) => `Graduate Seminar in ${topic}` },
];

const LAB_PATTERN: TitlePattern = { level: 2, offset: 3, weight: 2, title: (topic) => `${topic} Laboratory` };

function buildCatalog(department: DepartmentSeed): WeightedTable<CatalogCourse> {
  const table = new WeightedTable<CatalogCourse>();
  const patterns = department.hasLabs ? [...TITLE_PATTERNS, LAB_PATTERN] : TITLE_PATTERNS;
  department.topics.forEach((topic, topicIndex) => {
    for (const pattern of patterns) {
      // level, topic and pattern make the number unique within the department: CHEM 221, CHEM 223...
      const number = pattern.level * 100 + (topicIndex + 1) * 10 + pattern.offset;
      table.add(
        {
          title: pattern.title(topic),
          code: `${department.code} ${number}`,
          sisStem: `${department.code}${number}`,
        },
        pattern.weight,
      );
    }
  });
  return table;
}

// ---------------------------------------------------------------------------------------------
// Users

type UserKind = 'teacher' | 'staff' | 'parent' | 'student';

interface UserPlan {
  id: number;
  name: string;
  /** The user's last request (page or API), null when they never signed in. */
  lastRequestMs: number | null;
}

const DEMO_PEOPLE: readonly {
  key: DemoUserKey;
  first: string;
  last: string;
  kind: UserKind;
  createdAt: string;
}[] = [
  { key: 'admin', first: 'Jordan', last: 'Whitfield', kind: 'staff', createdAt: '2019-06-03T15:20:00Z' },
  { key: 'subadmin', first: 'Priya', last: 'Natarajan', kind: 'staff', createdAt: '2020-07-14T16:05:00Z' },
  { key: 'teacher', first: 'Marcus', last: 'Bell', kind: 'teacher', createdAt: '2021-08-02T14:30:00Z' },
  { key: 'student', first: 'Sofia', last: 'Alvarez', kind: 'student', createdAt: '2024-06-17T19:45:00Z' },
];

/** The sub-admin's college, where the demo teacher and student also work. */
const DEMO_COLLEGE_CODE = 'ENG';
const DEMO_DEPARTMENT_CODE = 'MECH';

interface UserDirectory {
  demo: Record<DemoUserKey, UserPlan>;
  teachersByDepartment: Map<DepartmentSeed, number[]>;
  teachers: number[];
  studentsByCollege: number[][];
  students: number[];
  staff: number[];
  parents: number[];
  byId: UserPlan[];
}

// ---------------------------------------------------------------------------------------------
// Roles

const ROLE_DEFINITIONS = [
  { key: 'StudentEnrollment', label: 'Student', baseRoleType: 'StudentEnrollment', builtIn: true },
  { key: 'TeacherEnrollment', label: 'Teacher', baseRoleType: 'TeacherEnrollment', builtIn: true },
  { key: 'TaEnrollment', label: 'TA', baseRoleType: 'TaEnrollment', builtIn: true },
  { key: 'DesignerEnrollment', label: 'Designer', baseRoleType: 'DesignerEnrollment', builtIn: true },
  { key: 'ObserverEnrollment', label: 'Observer', baseRoleType: 'ObserverEnrollment', builtIn: true },
  // Canvas reports built-in account roles with the default account type as their base.
  { key: 'AccountAdmin', label: 'Account Admin', baseRoleType: 'AccountMembership', builtIn: true },
  { key: 'AccountMembership', label: 'Account Membership', baseRoleType: 'AccountMembership', builtIn: true },
  { key: 'NoPermissions', label: 'No Permissions', baseRoleType: 'NoPermissions', builtIn: true },
  { key: 'Department Admin', label: 'Department Admin', baseRoleType: 'AccountMembership', builtIn: false },
  { key: 'Grader', label: 'Grader', baseRoleType: 'TaEnrollment', builtIn: false },
] as const;

type RoleKey = (typeof ROLE_DEFINITIONS)[number]['key'];

function roleId(key: RoleKey): number {
  return ROLE_DEFINITIONS.findIndex((role) => role.key === key) + 1;
}

const CUSTOM_ROLE_PERMISSIONS: Partial<Record<RoleKey, Record<string, boolean>>> = {
  'Department Admin': {
    read_course_list: true,
    read_roster: true,
    manage_courses_add: true,
    read_reports: true,
  },
  Grader: { manage_grades: true, view_all_grades: true },
};

// ---------------------------------------------------------------------------------------------
// Courses and enrollments

type CourseState = 'created' | 'claimed' | 'available' | 'completed' | 'deleted';
type CourseKind = 'regular' | 'blueprint' | 'template' | 'homeroom' | 'sandbox' | 'training';
type EnrollmentType =
  | 'StudentEnrollment'
  | 'TeacherEnrollment'
  | 'TaEnrollment'
  | 'DesignerEnrollment'
  | 'ObserverEnrollment';
type EnrollmentState = 'active' | 'invited' | 'creation_pending' | 'completed' | 'inactive' | 'deleted';

const COURSE_STATE_WEIGHTS: readonly (readonly [CourseState, number])[] = [
  ['available', 70],
  ['created', 9],
  ['claimed', 6],
  ['completed', 12],
  ['deleted', 3],
];

const UNPUBLISHED_TERMS: readonly (readonly [TermKey, number])[] = [
  ['SP26', 10],
  ['SU26', 25],
  ['FA26', 40],
  ['SP27', 20],
  ['DEFAULT', 5],
];

/** Which term a course in each state most plausibly belongs to, as of mid Spring 2026. */
const TERM_WEIGHTS_BY_STATE: Record<CourseState, readonly (readonly [TermKey, number])[]> = {
  available: [
    ['SP26', 74],
    ['FA25', 14],
    ['SU25', 3],
    ['SU26', 3],
    ['FA26', 2],
    ['DEFAULT', 4],
  ],
  created: UNPUBLISHED_TERMS,
  claimed: UNPUBLISHED_TERMS,
  completed: [
    ['SP25', 30],
    ['SU25', 15],
    ['FA25', 55],
  ],
  deleted: [
    ['SP25', 15],
    ['SU25', 10],
    ['FA25', 25],
    ['SP26', 30],
    ['SU26', 10],
    ['FA26', 10],
  ],
};

const DEFAULT_VIEWS: readonly (readonly [string, number])[] = [
  ['modules', 50],
  ['wiki', 20],
  ['syllabus', 10],
  ['assignments', 10],
  ['feed', 10],
];

const COURSE_FORMATS: readonly (readonly [string | null, number])[] = [
  ['on_campus', 55],
  ['online', 20],
  ['blended', 15],
  [null, 10],
];

interface CoursePlan {
  id: number;
  kind: CourseKind;
  state: CourseState;
  term: TermPlan;
  collegeIndex: number;
  department: DepartmentSeed | null;
  createdAt: number;
  hasEnrollments: boolean;
  /** The teacher of a sandbox course. */
  ownerId: number | null;
  /** The SIS import that created the course; its enrollments come from the same feed. */
  sisBatchId: number | null;
}

interface CourseSpec {
  kind: CourseKind;
  account: AccountPlan;
  name: string;
  code: string;
  sisCourseId: string | null;
  state: CourseState;
  term: TermPlan;
  hasEnrollments: boolean;
  ownerId?: number;
  /** The blueprint course this course is associated with. */
  blueprintId?: number;
  friendlyName?: string;
}

function departmentOf(account: AccountPlan): DepartmentSeed {
  if (!account.department)
    throw new Error(`Account ${account.id} holds courses but belongs to no department`);
  return account.department;
}

function enrollmentStateFor(random: Random, courseState: CourseState, type: EnrollmentType): EnrollmentState {
  switch (courseState) {
    case 'deleted':
      return 'deleted';
    case 'completed':
      return random.chance(0.95) ? 'completed' : 'inactive';
    case 'created':
    case 'claimed':
      // Students of an unpublished course are not invited until it is published.
      if (type === 'StudentEnrollment' || type === 'ObserverEnrollment') {
        return random.chance(0.75) ? 'creation_pending' : 'invited';
      }
      return random.chance(0.8) ? 'active' : 'invited';
    case 'available':
      return random.weighted<EnrollmentState>([
        ['active', 90],
        ['invited', 4],
        ['inactive', 3],
        ['completed', 3],
      ]);
  }
}

// ---------------------------------------------------------------------------------------------
// The builder

interface BuildCounts {
  accounts: number;
  maxDepth: number;
  courses: number;
  users: number;
  enrollments: number;
  terms: number;
}

class TenantBuilder {
  private readonly profile: ScaleProfile;
  private readonly tree: AccountTree;
  private readonly root: AccountPlan;
  private readonly manualAccount: AccountPlan;
  private readonly demoCollege: AccountPlan;
  private readonly catalogs = new Map<DepartmentSeed, WeightedTable<CatalogCourse>>();
  private readonly courses: CoursePlan[] = [];
  private readonly courseSisIds = new Set<string>();
  private readonly sectionCounters = new Map<string, number>();
  private enrollmentCount = 0;
  private nextEnrollmentId = 1;
  /**
   * Activity and SIS-batch values the account reports read draw from their own stream, so adding
   * them left every other generated value as it was.
   */
  private readonly activity: Random;
  private readonly sectionOfCourse = new Map<number, number>();

  constructor(
    private readonly db: Db,
    private readonly random: Random,
    private readonly scale: TenantScale,
    private readonly seed: number,
  ) {
    this.profile = SCALE_PROFILES[scale];
    this.activity = new Random(seed ^ ACTIVITY_SEED_MIX);
    const { tree, root, manual } = planAccounts(random, this.profile);
    this.tree = tree;
    this.root = root;
    this.manualAccount = manual;
    const demoCollege = tree.accounts.find(
      (account) => account.kind === 'college' && COLLEGES[account.collegeIndex]?.code === DEMO_COLLEGE_CODE,
    );
    if (!demoCollege) throw new Error(`The catalog has no college ${DEMO_COLLEGE_CODE}`);
    this.demoCollege = demoCollege;
    for (const college of COLLEGES) {
      for (const department of college.departments) this.catalogs.set(department, buildCatalog(department));
    }
  }

  build(): BuildCounts {
    this.insertAccounts();
    this.insertRootSettings();
    this.insertTerms();
    this.insertRoles();
    const users = this.insertUsers();
    this.insertCourses(users);
    this.insertDefaultSections();
    this.insertEnrollments(users);
    this.insertAdmins(users);
    this.writeMeta(users);
    return {
      accounts: this.tree.accounts.length,
      maxDepth: Math.max(...this.tree.accounts.map((account) => account.depth)),
      courses: this.courses.length,
      users: users.byId.length,
      enrollments: this.enrollmentCount,
      terms: TERMS.length,
    };
  }

  // -- accounts ------------------------------------------------------------------------------

  private insertAccounts(): void {
    const insert = this.db.prepare(
      `INSERT INTO accounts (id, name, uuid, parent_account_id, root_account_id, path, depth, workflow_state,
         sis_account_id, lti_guid, default_time_zone, settings, calendar_visible, calendar_auto_subscribe,
         created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const account of this.tree.accounts) {
      const uuid = canvasUuid(this.random);
      const isRoot = account.kind === 'root';
      // Colleges publish their calendars more often than the units below them.
      const visible =
        isRoot || (!account.deleted && this.random.chance(account.kind === 'college' ? 0.7 : 0.4));
      const autoSubscribe = visible && !isRoot && this.random.chance(account.kind === 'college' ? 0.3 : 0.03);
      insert.run(
        account.id,
        account.name,
        uuid,
        account.parent?.id ?? null,
        isRoot ? null : ROOT_ACCOUNT_ID,
        account.path,
        account.depth,
        account.deleted ? 'deleted' : 'active',
        account.sisAccountId,
        `${uuid}:canvas-lms`,
        isRoot ? ROOT_TIME_ZONE : null,
        isRoot ? JSON.stringify(ROOT_ACCOUNT_SETTINGS) : '{}',
        visible ? 1 : 0,
        autoSubscribe ? 1 : 0,
        isoTime(account.createdAt),
        isoTime(this.random.moment(account.createdAt, TENANT_NOW - 30 * DAY_MS)),
      );
    }
  }

  private insertRootSettings(): void {
    this.db
      .prepare(
        `INSERT INTO terms_of_service (id, account_id, terms_type, passive, content) VALUES (1, ?, 'default', 1, NULL)`,
      )
      .run(ROOT_ACCOUNT_ID);
  }

  // -- terms and roles -----------------------------------------------------------------------

  private insertTerms(): void {
    const insert = this.db.prepare(
      `INSERT INTO enrollment_terms (id, root_account_id, name, sis_term_id, start_at, end_at, workflow_state, is_default,
         created_at, sis_batch_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const term of TERMS) {
      const isDefault = term.key === 'DEFAULT';
      // Terms are loaded by the registrar's SIS feed a few months ahead, but not after "today".
      const latest = Math.min((term.startMs ?? TENANT_NOW) - 120 * DAY_MS, TENANT_NOW - 14 * DAY_MS);
      const createdAt =
        term.startMs === null ? TENANT_CREATED_AT : this.random.moment(latest - 80 * DAY_MS, latest);
      insert.run(
        term.id,
        ROOT_ACCOUNT_ID,
        term.name,
        isDefault ? null : term.key,
        term.startAt,
        term.endAt,
        term.deleted ? 'deleted' : 'active',
        isDefault ? 1 : 0,
        isoTime(createdAt),
        isDefault ? null : SIS_BATCH.terms,
      );
    }
  }

  private insertRoles(): void {
    const insert = this.db.prepare(
      `INSERT INTO roles (id, name, label, base_role_type, workflow_state, account_id, root_account_id, permissions, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const customRolesCreatedAt = isoTime(Date.parse('2023-03-08T17:12:00Z'));
    for (const role of ROLE_DEFINITIONS) {
      const createdAt = role.builtIn ? isoTime(TENANT_CREATED_AT) : customRolesCreatedAt;
      insert.run(
        roleId(role.key),
        role.key,
        role.label,
        role.baseRoleType,
        role.builtIn ? 'built_in' : 'active',
        role.builtIn ? null : ROOT_ACCOUNT_ID,
        ROOT_ACCOUNT_ID,
        JSON.stringify(CUSTOM_ROLE_PERMISSIONS[role.key] ?? {}),
        createdAt,
        createdAt,
      );
    }
  }

  // -- users ---------------------------------------------------------------------------------

  private insertUsers(): UserDirectory {
    const { random, profile } = this;
    const insertUser = this.db.prepare(
      `INSERT INTO users (id, name, sortable_name, short_name, uuid, email, workflow_state, time_zone, locale, pronouns,
         last_login, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertLogin = this.db.prepare(
      `INSERT INTO pseudonyms (id, user_id, account_id, unique_id, sis_user_id, workflow_state, created_at,
         last_request_at, current_login_ip, sis_batch_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );

    const departmentWeights = this.departmentCourseWeights();
    const collegeWeights = new WeightedTable<number>();
    COLLEGES.forEach((college, index) => {
      let weight = 0;
      for (const department of college.departments) weight += departmentWeights.get(department) ?? 0;
      collegeWeights.add(index, weight);
    });
    const departmentTable = new WeightedTable<DepartmentSeed>();
    for (const [department, weight] of departmentWeights) departmentTable.add(department, weight);
    const collegeOfDepartment = new Map<DepartmentSeed, number>();
    COLLEGES.forEach((college, index) => {
      for (const department of college.departments) collegeOfDepartment.set(department, index);
    });

    const teacherCount = Math.round(profile.users * 0.08);
    const staffCount = Math.max(12, Math.round(profile.users * 0.015));
    const parentCount = Math.round(profile.users * 0.01);
    const generatedKinds: UserKind[] = [];
    const demoKindCount = (kind: UserKind) => DEMO_PEOPLE.filter((person) => person.kind === kind).length;
    for (let i = demoKindCount('teacher'); i < teacherCount; i++) generatedKinds.push('teacher');
    for (let i = demoKindCount('staff'); i < staffCount; i++) generatedKinds.push('staff');
    for (let i = 0; i < parentCount; i++) generatedKinds.push('parent');
    while (generatedKinds.length + DEMO_PEOPLE.length < profile.users) generatedKinds.push('student');
    const kinds = random.shuffled(generatedKinds);

    const demo: Partial<Record<DemoUserKey, UserPlan>> = {};
    const directory: Omit<UserDirectory, 'demo'> = {
      teachersByDepartment: new Map(),
      teachers: [],
      studentsByCollege: COLLEGES.map(() => []),
      students: [],
      staff: [],
      parents: [],
      byId: [],
    };
    const logins = new Set(DEMO_PEOPLE.map((person) => emailLocalPart(person.first, person.last)));
    // Faculty sizes follow course volume, and every department has at least one teacher.
    const teacherDepartments = random.shuffled(
      apportion(teacherCount - demoKindCount('teacher'), departmentWeights),
    );
    const demoDepartment = [...departmentWeights.keys()].find(
      (department) => department.code === DEMO_DEPARTMENT_CODE,
    );

    const addUser = (
      kind: UserKind,
      first: string,
      last: string,
      demoKey: DemoUserKey | null,
      fixedCreatedAt: number | null,
    ) => {
      const id = directory.byId.length + 1;
      let department: DepartmentSeed | null = null;
      let collegeIndex = -1;
      if (kind === 'teacher') {
        department =
          demoKey === 'teacher' && demoDepartment
            ? demoDepartment
            : (teacherDepartments.pop() ?? departmentTable.pick(random));
        collegeIndex = collegeOfDepartment.get(department) ?? -1;
      } else if (kind === 'student') {
        collegeIndex = demoKey ? this.demoCollege.collegeIndex : collegeWeights.pick(random);
      }

      const middle =
        !demoKey && random.chance(0.06) ? ` ${String.fromCharCode(65 + random.int(0, 25))}.` : '';
      const suffix = !demoKey && random.chance(0.01) ? ` ${random.pick(NAME_SUFFIXES)}` : '';
      const name = `${first}${middle} ${last}${suffix}`;

      let login = emailLocalPart(first, last);
      if (!demoKey) {
        const base = login;
        if (logins.has(base) || random.chance(0.7)) {
          do login = `${base}${random.int(1, 999)}`;
          while (logins.has(login));
        }
        logins.add(login);
      }
      const email = `${login}@${UNIVERSITY_EMAIL_DOMAIN}`;

      const createdAt =
        fixedCreatedAt ??
        (kind === 'student'
          ? random.moment(Date.parse('2021-05-01T00:00:00Z'), Date.parse('2026-01-09T00:00:00Z'))
          : random.moment(TENANT_CREATED_AT, Date.parse('2025-08-01T00:00:00Z')));
      const preRegistered = !demoKey && (kind === 'student' || kind === 'parent') && random.chance(0.015);
      const recentDays = kind === 'student' || kind === 'parent' ? 120 : 21;
      const lastLogin =
        preRegistered || (!demoKey && random.chance(0.07))
          ? null
          : random.moment(Math.max(createdAt, TENANT_NOW - recentDays * DAY_MS), TENANT_NOW - 3_600_000);
      // Parents come in through self-registration, so they have no SIS record.
      const sisUserId = kind === 'parent' ? null : String(800_000_000 + id * 97 + random.int(0, 96));
      const loginState = !demoKey && random.chance(0.002) ? 'suspended' : 'active';

      insertUser.run(
        id,
        name,
        sortableNameFor(name),
        name,
        canvasUuid(random),
        email,
        preRegistered ? 'pre_registered' : 'registered',
        random.weighted<string | null>([
          [null, 85],
          [ROOT_TIME_ZONE, 10],
          ['America/Chicago', 2],
          ['America/Los_Angeles', 2],
          ['America/New_York', 1],
        ]),
        random.weighted<string | null>([
          [null, 92],
          ['es', 5],
          ['fr', 1],
          ['zh-Hans', 1],
          ['ko', 1],
        ]),
        random.chance(0.08) ? random.pick(PRONOUNS) : null,
        lastLogin === null ? null : isoTime(lastLogin),
        isoTime(createdAt),
        isoTime(random.moment(createdAt, TENANT_NOW - DAY_MS)),
      );
      // A session outlives its login: requests continue for a while after signing in.
      const lastRequest =
        lastLogin === null ? null : Math.min(lastLogin + this.activity.int(0, 3 * 3600) * 1000, TENANT_NOW);
      insertLogin.run(
        id,
        id,
        ROOT_ACCOUNT_ID,
        email,
        sisUserId,
        loginState,
        isoTime(createdAt),
        lastRequest === null ? null : isoTime(lastRequest),
        lastRequest === null ? null : this.campusAddress(),
        this.sisBatchFor(sisUserId, SIS_BATCH.users),
      );

      const user: UserPlan = { id, name, lastRequestMs: lastRequest };
      directory.byId.push(user);
      if (demoKey) {
        demo[demoKey] = user;
        return;
      }
      // Demo users stay out of the random pools so that their courses and roles stay as described.
      switch (kind) {
        case 'teacher': {
          directory.teachers.push(id);
          if (department) {
            const pool = directory.teachersByDepartment.get(department) ?? [];
            pool.push(id);
            directory.teachersByDepartment.set(department, pool);
          }
          break;
        }
        case 'student':
          directory.students.push(id);
          directory.studentsByCollege[collegeIndex]?.push(id);
          break;
        case 'staff':
          directory.staff.push(id);
          break;
        case 'parent':
          directory.parents.push(id);
          break;
      }
    };

    for (const person of DEMO_PEOPLE) {
      addUser(person.kind, person.first, person.last, person.key, Date.parse(person.createdAt));
    }
    for (const kind of kinds) {
      addUser(kind, random.pick(FIRST_NAMES), this.randomSurname(), null, null);
    }
    const demoUser = (key: DemoUserKey) => {
      const user = demo[key];
      if (!user) throw new Error(`Demo user ${key} was not created`);
      return user;
    };
    return {
      ...directory,
      demo: {
        admin: demoUser('admin'),
        subadmin: demoUser('subadmin'),
        teacher: demoUser('teacher'),
        student: demoUser('student'),
      },
    };
  }

  private randomSurname(): string {
    const surname = this.random.pick(LAST_NAMES);
    return this.random.chance(0.03) ? `${surname}-${this.random.pick(LAST_NAMES)}` : surname;
  }

  private departmentCourseWeights(): Map<DepartmentSeed, number> {
    const weights = new Map<DepartmentSeed, number>();
    for (const account of this.tree.accounts) {
      if (!account.department || !account.holdsCourses) continue;
      weights.set(
        account.department,
        (weights.get(account.department) ?? 0) + COURSE_WEIGHT_BY_KIND[account.kind],
      );
    }
    return weights;
  }

  // -- courses -------------------------------------------------------------------------------

  private insertCourses(users: UserDirectory): void {
    const { random, profile } = this;
    const insert = this.db.prepare(
      `INSERT INTO courses (id, name, course_code, account_id, root_account_id, enrollment_term_id, uuid, sis_course_id,
         workflow_state, start_at, conclude_at, restrict_enrollments_to_course_dates, is_public, is_public_to_auth_users,
         public_syllabus, public_syllabus_to_auth, blueprint, blueprint_associated, homeroom_course, template,
         default_view, license, storage_quota_mb, storage_quota_used_mb, course_format, friendly_name,
         apply_assignment_group_weights, hide_final_grades, post_manually, created_at, updated_at, blueprint_course_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const setTemplate = this.db.prepare('UPDATE accounts SET course_template_id = ? WHERE id = ?');

    const holders = new WeightedTable<AccountPlan>();
    for (const account of this.tree.accounts) {
      if (account.holdsCourses) holders.add(account, COURSE_WEIGHT_BY_KIND[account.kind]);
    }
    const departmentAccounts = this.tree.accounts.filter((account) => account.kind === 'department');

    const add = (spec: CourseSpec): CoursePlan => {
      const id = this.courses.length + 1;
      const { term, state } = spec;
      // Courses are created ahead of their term, but never after the tenant's "today".
      const latest = Math.min((term.startMs ?? TENANT_NOW) - 7 * DAY_MS, TENANT_NOW - DAY_MS);
      const createdAt =
        term.startMs === null
          ? random.moment(Date.parse('2021-01-04T00:00:00Z'), TENANT_NOW - 10 * DAY_MS)
          : random.moment(latest - 120 * DAY_MS, latest);
      const updatedAt = random.moment(createdAt, Math.min(TENANT_NOW - 3_600_000, createdAt + 150 * DAY_MS));
      const restricted = spec.kind === 'regular' && term.startMs !== null && random.chance(0.05);
      let startAt: string | null = null;
      let concludeAt: string | null = null;
      if (restricted && term.startMs !== null && term.endMs !== null) {
        // A half-semester course: the second eight weeks of the term.
        const halfway = term.startMs + Math.round((term.endMs - term.startMs) / 2 / DAY_MS) * DAY_MS;
        startAt = isoTime(halfway);
        concludeAt = isoTime(term.endMs);
      } else if (term.startMs !== null && random.chance(0.25)) {
        startAt = term.startAt;
        concludeAt = term.endAt;
      }
      const regular = spec.kind === 'regular';
      const isPublic = regular && random.chance(0.01);
      // The registrar's feed made the sections and enrollments of every course with an SIS id. The
      // course rows themselves keep sis_import_id NULL, as the accounts and courses APIs show them.
      const sisBatchId = spec.sisCourseId === null ? null : SIS_BATCH.courses;
      insert.run(
        id,
        spec.name,
        spec.code,
        spec.account.id,
        ROOT_ACCOUNT_ID,
        term.id,
        canvasUuid(random),
        spec.sisCourseId,
        state,
        startAt,
        concludeAt,
        restricted ? 1 : 0,
        isPublic ? 1 : 0,
        regular && !isPublic && random.chance(0.02) ? 1 : 0,
        isPublic || (regular && random.chance(0.05)) ? 1 : 0,
        regular && random.chance(0.03) ? 1 : 0,
        spec.kind === 'blueprint' ? 1 : 0,
        spec.blueprintId !== undefined ? 1 : 0,
        spec.kind === 'homeroom' ? 1 : 0,
        spec.kind === 'template' ? 1 : 0,
        random.weighted(DEFAULT_VIEWS),
        random.chance(0.1) ? random.pick(['private', 'cc_by', 'cc_by_nc_sa', 'public_domain']) : null,
        random.chance(0.03) ? 2000 : 500,
        spec.hasEnrollments ? Math.round(random.next() ** 2 * 45_000) / 100 : 0,
        spec.kind === 'sandbox' ? null : random.weighted(COURSE_FORMATS),
        spec.friendlyName ?? null,
        random.chance(0.35) ? 1 : 0,
        random.chance(0.02) ? 1 : 0,
        random.chance(0.06) ? 1 : 0,
        isoTime(createdAt),
        isoTime(updatedAt),
        spec.blueprintId ?? null,
      );
      const plan: CoursePlan = {
        id,
        kind: spec.kind,
        state,
        term,
        collegeIndex: spec.account.collegeIndex,
        department: spec.account.department,
        createdAt,
        hasEnrollments: spec.hasEnrollments,
        ownerId: spec.ownerId ?? null,
        sisBatchId,
      };
      this.courses.push(plan);
      return plan;
    };

    const defaultTerm = termByKey('DEFAULT');
    const currentTermStart = termByKey('SP26').startMs ?? TENANT_NOW;

    // Course templates, each the template of its department.
    for (const account of random.shuffled(departmentAccounts).slice(0, profile.courseTemplates)) {
      const department = departmentOf(account);
      const template = add({
        kind: 'template',
        account,
        name: `${department.name} Course Template`,
        code: `${department.code} TEMPLATE`,
        sisCourseId: null,
        state: 'claimed',
        term: defaultTerm,
        hasEnrollments: false,
      });
      setTemplate.run(template.id, account.id);
    }

    // Blueprints hold the shared content of multi-section courses; their sections are associated.
    /** The first blueprint of each catalog course: the one its sections are associated with. */
    const blueprintOfStem = new Map<string, number>();
    const blueprintCount = Math.round(profile.courses * 0.01);
    for (let i = 0; i < blueprintCount; i++) {
      const account = holders.pick(random);
      const course = this.catalogFor(departmentOf(account)).pick(random);
      const blueprint = add({
        kind: 'blueprint',
        account,
        name: `Blueprint: ${course.title}`,
        code: course.code,
        sisCourseId: this.uniqueCourseSisId(`BP-${course.sisStem}`),
        state: random.chance(0.6) ? 'available' : 'claimed',
        term: defaultTerm,
        hasEnrollments: random.chance(0.7),
      });
      if (!blueprintOfStem.has(course.sisStem)) blueprintOfStem.set(course.sisStem, blueprint.id);
    }

    // The campus lab school runs on Canvas's elementary (homeroom) experience.
    const labSchool =
      this.tree.accounts.find(
        (account) => account.holdsCourses && account.name === 'Campus Lab School Program',
      ) ?? departmentAccounts.find((account) => account.department?.code === 'ELED');
    if (labSchool) {
      for (const grade of [2, 4]) {
        add({
          kind: 'homeroom',
          account: labSchool,
          name: `Lab School Homeroom: Grade ${grade}`,
          code: `LAB HR${grade}`,
          sisCourseId: this.uniqueCourseSisId(`LAB-HR${grade}-SP26`),
          state: 'available',
          term: termByKey('SP26'),
          hasEnrollments: true,
          friendlyName: `Grade ${grade}`,
        });
      }
    }

    // Sandboxes and trainings live in the manually-created courses account, outside the SIS.
    const manualCount = Math.round(profile.courses * 0.01);
    for (let i = 0; i < manualCount; i++) {
      if (random.chance(0.6)) {
        const ownerId = random.pick(users.teachers);
        add({
          kind: 'sandbox',
          account: this.manualAccount,
          name: `Sandbox: ${itemAt(users.byId, ownerId - 1).name}`,
          code: 'SANDBOX',
          sisCourseId: null,
          state: random.chance(0.7) ? 'claimed' : 'available',
          term: defaultTerm,
          hasEnrollments: true,
          ownerId,
        });
      } else {
        const year = random.int(2023, 2026);
        add({
          kind: 'training',
          account: this.manualAccount,
          name: `${random.pick(MANUAL_COURSE_TITLES)} ${year}`,
          code: `TRAIN ${year}`,
          sisCourseId: null,
          state:
            year === 2026
              ? 'available'
              : random.weighted<CourseState>([
                  ['completed', 6],
                  ['available', 3],
                  ['deleted', 1],
                ]),
          term: defaultTerm,
          hasEnrollments: true,
        });
      }
    }

    while (this.courses.length < profile.courses) {
      const account = holders.pick(random);
      const course = this.catalogFor(departmentOf(account)).pick(random);
      const state = random.weighted(COURSE_STATE_WEIGHTS);
      const term = termByKey(random.weighted(TERM_WEIGHTS_BY_STATE[state]));
      add({
        kind: 'regular',
        account,
        name: course.title,
        code: course.code,
        // Courses kept in the default term were made by hand in the sub-account, not by the SIS.
        sisCourseId: term.key === 'DEFAULT' ? null : this.nextSectionSisId(course.sisStem, term.key),
        state,
        term,
        hasEnrollments: !random.chance(0.045),
        // Blueprints sync to the sections of the current and coming terms.
        blueprintId:
          state !== 'deleted' &&
          (term.startMs ?? 0) >= currentTermStart &&
          blueprintOfStem.has(course.sisStem) &&
          random.chance(0.4)
            ? blueprintOfStem.get(course.sisStem)
            : undefined,
      });
    }
  }

  private catalogFor(department: DepartmentSeed): WeightedTable<CatalogCourse> {
    const catalog = this.catalogs.get(department);
    if (!catalog) throw new Error(`No catalog for ${department.code}`);
    return catalog;
  }

  private nextSectionSisId(sisStem: string, termKey: TermKey): string {
    const key = `${sisStem}-${termKey}`;
    const section = (this.sectionCounters.get(key) ?? 0) + 1;
    this.sectionCounters.set(key, section);
    return this.uniqueCourseSisId(`${key}-${String(section).padStart(2, '0')}`);
  }

  private uniqueCourseSisId(base: string): string {
    let candidate = base;
    for (let attempt = 2; this.courseSisIds.has(candidate); attempt++) candidate = `${base}-${attempt}`;
    this.courseSisIds.add(candidate);
    return candidate;
  }

  /** Each course's default section, named after it; an SIS course's carries its SIS id. */
  private insertDefaultSections(): void {
    this.db
      .prepare(
        `INSERT INTO course_sections (course_id, root_account_id, name, sis_source_id, sis_batch_id, default_section,
           created_at)
         SELECT id, root_account_id, name, sis_course_id, CASE WHEN sis_course_id IS NOT NULL THEN ? END, 1, created_at
         FROM courses ORDER BY id`,
      )
      .run(SIS_BATCH.courses);
    for (const [courseId, sectionId] of this.db
      .prepare('SELECT course_id, id FROM course_sections')
      .raw()
      .iterate() as IterableIterator<[number, number]>) {
      this.sectionOfCourse.set(courseId, sectionId);
    }
  }

  // -- enrollments ---------------------------------------------------------------------------

  /** The demo teacher's and student's courses, all in the demo college. */
  private pickDemoCourses(): { teacherCourses: Set<number>; studentCourses: Set<number> } {
    const { random } = this;
    const inDemoCollege = this.courses.filter(
      (course) => course.kind === 'regular' && course.collegeIndex === this.demoCollege.collegeIndex,
    );
    const matching = (termKey: TermKey, states: readonly CourseState[], preferDepartment: boolean) => {
      const candidates = inDemoCollege.filter(
        (course) => course.term.key === termKey && states.includes(course.state),
      );
      const preferred = candidates.filter((course) => course.department?.code === DEMO_DEPARTMENT_CODE);
      return random.shuffled(preferDepartment && preferred.length > 0 ? preferred : candidates);
    };
    const teaching = [
      ...matching('SP26', ['available'], true).slice(0, 3),
      ...matching('FA25', ['completed'], true).slice(0, 1),
      ...matching('FA26', ['created', 'claimed'], true).slice(0, 1),
    ];
    const currentTeaching = teaching.filter((course) => course.term.key === 'SP26');
    const studying = [
      ...currentTeaching.slice(0, 1),
      ...matching('SP26', ['available'], false)
        .filter((course) => !teaching.includes(course))
        .slice(0, 3),
      ...matching('FA25', ['completed'], false)
        .filter((course) => !teaching.includes(course))
        .slice(0, 1),
    ];
    if (currentTeaching.length === 0 || studying.length < 3) {
      throw new Error('The demo college has too few courses for the demo teacher and student');
    }
    for (const course of [...teaching, ...studying]) course.hasEnrollments = true;
    return {
      teacherCourses: new Set(teaching.map((course) => course.id)),
      studentCourses: new Set(studying.map((course) => course.id)),
    };
  }

  private insertEnrollments(users: UserDirectory): void {
    const { random } = this;
    const insert = this.db.prepare(
      `INSERT INTO enrollments (id, user_id, course_id, type, role_id, workflow_state, created_at, last_activity_at,
         sis_batch_id, course_section_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const { teacherCourses, studentCourses } = this.pickDemoCourses();
    const [minStudents, maxStudents] = this.profile.studentsPerCourse;

    for (const course of this.courses) {
      if (!course.hasEnrollments) continue;
      const members = new Set<number>();
      /** False when the user is already in the course. */
      const enroll = (userId: number, type: EnrollmentType, role: RoleKey): boolean => {
        if (members.has(userId)) return false;
        members.add(userId);
        const createdAt = random.moment(
          course.createdAt,
          Math.min(course.createdAt + 14 * DAY_MS, TENANT_NOW - DAY_MS),
        );
        const state = enrollmentStateFor(random, course.state, type);
        const lastActivity = this.lastActivityFor(course, state, createdAt, users.byId[userId - 1]);
        insert.run(
          this.nextEnrollmentId++,
          userId,
          course.id,
          type,
          roleId(role),
          state,
          isoTime(createdAt),
          lastActivity === null ? null : isoTime(lastActivity),
          // Observers are linked by hand, not by the registrar's feed.
          type === 'ObserverEnrollment' ? null : course.sisBatchId,
          this.sectionOfCourse.get(course.id),
        );
        this.enrollmentCount++;
        return true;
      };
      const studentFromCourseCollege = () => {
        const local = users.studentsByCollege[course.collegeIndex];
        return local && local.length > 0 && random.chance(0.75)
          ? random.pick(local)
          : random.pick(users.students);
      };

      if (course.kind === 'sandbox') {
        if (course.ownerId !== null) enroll(course.ownerId, 'TeacherEnrollment', 'TeacherEnrollment');
        continue;
      }

      if (teacherCourses.has(course.id)) {
        enroll(users.demo.teacher.id, 'TeacherEnrollment', 'TeacherEnrollment');
      } else {
        const teacherCount = course.kind === 'training' ? 1 : random.chance(0.8) ? 1 : 2;
        for (let i = 0; i < teacherCount; i++) {
          enroll(this.pickTeacher(users, course), 'TeacherEnrollment', 'TeacherEnrollment');
        }
      }
      if (course.kind === 'blueprint') {
        if (random.chance(0.5)) enroll(random.pick(users.staff), 'DesignerEnrollment', 'DesignerEnrollment');
        continue;
      }
      if (course.kind === 'regular' && random.chance(0.3)) {
        // Teaching assistants are graduate students; some grade under the custom Grader role.
        const taCount = random.chance(0.8) ? 1 : 2;
        for (let i = 0; i < taCount; i++) {
          enroll(studentFromCourseCollege(), 'TaEnrollment', random.chance(0.15) ? 'Grader' : 'TaEnrollment');
        }
      }
      if (random.chance(0.05)) enroll(random.pick(users.staff), 'DesignerEnrollment', 'DesignerEnrollment');
      const studentTarget = random.int(minStudents, maxStudents);
      let students = 0;
      if (
        studentCourses.has(course.id) &&
        enroll(users.demo.student.id, 'StudentEnrollment', 'StudentEnrollment')
      ) {
        students++;
      }
      for (let attempts = 0; students < studentTarget && attempts < studentTarget * 4; attempts++) {
        if (enroll(studentFromCourseCollege(), 'StudentEnrollment', 'StudentEnrollment')) students++;
      }
      if (users.parents.length > 0 && random.chance(0.05)) {
        enroll(random.pick(users.parents), 'ObserverEnrollment', 'ObserverEnrollment');
      }
    }
  }

  /**
   * When the user last did something in the course: active and finished enrollments of courses
   * that ran, before the user's last request and, for a finished term, before its end. About one
   * in eight never opened the course.
   */
  private lastActivityFor(
    course: CoursePlan,
    state: EnrollmentState,
    enrolledAt: number,
    user: UserPlan | undefined,
  ): number | null {
    const { activity } = this;
    const ran = course.state === 'available' || course.state === 'completed';
    const took = state === 'active' || state === 'completed';
    const neverOpened = activity.chance(0.12);
    if (!ran || !took || neverOpened || !user || user.lastRequestMs === null) return null;
    const latest = Math.min(user.lastRequestMs, course.term.endMs ?? TENANT_NOW);
    if (latest <= enrolledAt) return null;
    return activity.moment(Math.max(enrolledAt, latest - 45 * DAY_MS), latest);
  }

  /** The SIS import that made a row with this SIS id; a few SIS ids were typed in by hand. */
  private sisBatchFor(sisId: string | null, batch: number): number | null {
    return sisId !== null && !this.activity.chance(0.03) ? batch : null;
  }

  /** A campus network address (the university's private range) for a login. */
  private campusAddress(): string {
    const { activity } = this;
    return `10.${activity.int(16, 31)}.${activity.int(0, 255)}.${activity.int(1, 254)}`;
  }

  private pickTeacher(users: UserDirectory, course: CoursePlan): number {
    const { random } = this;
    if (course.kind === 'training') return random.pick(users.staff);
    const pool = course.department ? users.teachersByDepartment.get(course.department) : undefined;
    return pool && pool.length > 0 && random.chance(0.9) ? random.pick(pool) : random.pick(users.teachers);
  }

  // -- admins and meta -----------------------------------------------------------------------

  private insertAdmins(users: UserDirectory): void {
    const { random } = this;
    const insert = this.db.prepare(
      `INSERT INTO account_users (id, account_id, user_id, role_id, workflow_state, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
    );
    let nextId = 1;
    const grant = (
      account: AccountPlan,
      userId: number,
      role: RoleKey,
      state: 'active' | 'deleted' = 'active',
    ) => {
      const createdAt = random.moment(
        Math.max(account.createdAt, Date.parse('2022-01-03T00:00:00Z')),
        TENANT_NOW - 20 * DAY_MS,
      );
      insert.run(nextId++, account.id, userId, roleId(role), state, isoTime(createdAt));
    };
    grant(this.root, users.demo.admin.id, 'AccountAdmin');
    grant(this.demoCollege, users.demo.subadmin.id, 'AccountAdmin');

    const staff = random.shuffled(users.staff);
    const nextStaff = () => {
      const id = staff.shift();
      if (id === undefined) throw new Error('Not enough staff users for the admin roster');
      return id;
    };
    // A registrar and an LMS administrator next to the demo admin.
    grant(this.root, nextStaff(), 'AccountAdmin');
    grant(this.root, nextStaff(), 'AccountAdmin');
    const otherColleges = this.tree.accounts.filter(
      (account) => account.kind === 'college' && account.id !== this.demoCollege.id,
    );
    for (const college of random.shuffled(otherColleges).slice(0, 3)) {
      grant(college, nextStaff(), 'AccountAdmin');
    }
    const departments = this.tree.accounts.filter((account) => account.kind === 'department');
    for (const department of random.shuffled(departments).slice(0, this.profile.departmentAdmins)) {
      grant(department, nextStaff(), random.chance(0.7) ? 'Department Admin' : 'AccountAdmin');
    }
    // A former admin whose membership was removed.
    grant(random.pick(departments), nextStaff(), 'Department Admin', 'deleted');
  }

  private writeMeta(users: UserDirectory): void {
    writeMeta(this.db, 'seed', String(this.seed));
    writeMeta(this.db, 'manually_created_courses_account', String(this.manualAccount.id));
    writeMeta(this.db, 'demo_subadmin_account', String(this.demoCollege.id));
    for (const person of DEMO_PEOPLE) {
      writeMeta(this.db, `demo_user:${person.key}`, String(users.demo[person.key].id));
    }
    // Written last: its presence is what marks the tenant as generated.
    writeMeta(this.db, 'scale', this.scale);
  }
}

// ---------------------------------------------------------------------------------------------
// Entry point

/**
 * Bulk loading trades safety for speed, for the duration of the load only. A failed load rolls
 * back as one transaction, and a sandbox file damaged by an OS crash mid-load is simply reset, so
 * fsyncs are skipped. SQLite would otherwise verify foreign keys and CHECK constraints row by row
 * (the schema's CHECK (... IN (...)) lists alone cost several seconds on the large tenant); the
 * rows are valid by construction, and the tests confirm it with foreign_key_check and
 * integrity_check, which re-checks CHECK constraints.
 */
function relaxForBulkLoad(db: Db): () => void {
  const previous = {
    synchronous: db.pragma('synchronous', { simple: true }) as number,
    cache_size: db.pragma('cache_size', { simple: true }) as number,
    foreign_keys: db.pragma('foreign_keys', { simple: true }) as number,
    ignore_check_constraints: db.pragma('ignore_check_constraints', { simple: true }) as number,
  };
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -262144');
  db.pragma('foreign_keys = OFF');
  db.pragma('ignore_check_constraints = ON');
  return () => {
    for (const [name, value] of Object.entries(previous)) db.pragma(`${name} = ${value}`);
  };
}

const BULK_LOADED_TABLES = ['accounts', 'courses', 'course_sections', 'users', 'pseudonyms', 'enrollments'];

/**
 * Building an index once over loaded rows is several times faster than growing it row by row
 * in random key order (users, uuids, names). The migrations stay the source of truth: whatever
 * indexes they created are dropped and re-created from their own SQL. Their triggers (default
 * sections for new courses and enrollments) are set aside the same way: the generator writes
 * sections itself, in one statement.
 */
function dropIndexesUntilLoaded(db: Db): () => void {
  const objects = db
    .prepare(
      `SELECT type, name, sql FROM sqlite_master
       WHERE type IN ('index', 'trigger') AND sql IS NOT NULL
         AND tbl_name IN (${BULK_LOADED_TABLES.map(() => '?').join(', ')})`,
    )
    .all(...BULK_LOADED_TABLES) as { type: 'index' | 'trigger'; name: string; sql: string }[];
  for (const object of objects) db.exec(`DROP ${object.type.toUpperCase()} "${object.name}"`);
  return () => {
    for (const object of objects) db.exec(object.sql);
  };
}

/**
 * Fills a freshly migrated, empty sandbox database with the demo university. Its global
 * announcements and the demo users' own access tokens are dated around `now` (default: the real clock), so that some are current,
 * some scheduled and some past whenever the sandbox is created.
 */
export function generateTenant(
  db: Db,
  options: { scale: TenantScale; seed?: number; now?: Date },
): TenantSummary {
  const hasAccounts = db.prepare('SELECT 1 FROM accounts LIMIT 1').get() !== undefined;
  if (isTenantGenerated(db) || hasAccounts) {
    throw new Error('generateTenant needs an empty database; reset the sandbox file first');
  }
  const seed = options.seed ?? DEFAULT_TENANT_SEED;
  const started = performance.now();
  const restore = relaxForBulkLoad(db);
  let counts: BuildCounts;
  try {
    counts = db.transaction(() => {
      const rebuildIndexes = dropIndexesUntilLoaded(db);
      const built = new TenantBuilder(db, new Random(seed), options.scale, seed).build();
      rebuildIndexes();
      const now = options.now ?? new Date();
      seedAccountNotifications(db, now);
      seedAccessTokens(db, now);
      return built;
    })();
  } finally {
    restore();
  }
  db.exec('ANALYZE');
  return { scale: options.scale, ...counts, milliseconds: Math.round(performance.now() - started) };
}
