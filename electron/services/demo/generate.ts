// The demo township generator: pure and seeded. The same options give the same villages,
// households, visits, needs, plans, projects and money, diary and leave, monitoring and yearly
// indicators, all dated relative to `today` (the app's clock), never the machine's.
// Records are the ledgers' create inputs (shared/domain/ledgers) less `villageId`; a reference
// to another row of the same village is an index into that village's list (the loader turns it
// into the row id the store gives).
import type { z } from 'zod';
import { idCheckChar } from '../../../shared/domain/idNumber';
import type { RELATION_LABELS } from '../../../shared/domain/ledgerEnums';
import { approverLevelFor, daysInclusive } from '../../../shared/domain/ledgers/days';
import type { LedgerDefinitions } from '../../../shared/domain/ledgers/index';
import { generateParty, type DemoParty } from './party';
import { addYears, createRng, dayOf, isoOf, type Rng } from './random';
import * as W from './words';
import { MIN_OPERATING_FUNDS_FEN } from '../../../shared/domain/ledgers/work';

export type Fields<N extends keyof LedgerDefinitions> = z.input<z.ZodObject<LedgerDefinitions[N]['fields']>>;

export interface DemoVillageRow {
  readonly name: string;
  readonly code: string;
  readonly township: string;
  readonly county: string;
}

export interface DemoVillage {
  readonly index: number;
  readonly village: DemoVillageRow;
  readonly secretaries: Fields<'secretaries'>[];
  readonly indicators: Fields<'indicators'>[];
  readonly households: Fields<'households'>[];
  readonly members: { household: number; fields: Omit<Fields<'members'>, 'householdId'> }[];
  readonly monitoring: { household: number; fields: Omit<Fields<'monitoring'>, 'householdId'> }[];
  readonly visits: { household: number; fields: Omit<Fields<'visits'>, 'householdId'> }[];
  readonly needs: { household: number; visit: number; fields: Omit<Fields<'needs'>, 'householdId' | 'visitId'> }[];
  readonly plans: Fields<'plans'>[];
  readonly commitments: Fields<'commitments'>[];
  readonly projects: Fields<'projects'>[];
  readonly funds: { project: number; fields: Omit<Fields<'funds'>, 'projectId'> }[];
  readonly diary: Fields<'diary'>[];
  readonly leaves: Fields<'leaves'>[];
  /** Candidates with their steps, reserve cadres with their trainings (./party.ts). */
  readonly party: DemoParty;
}

export interface TownshipOptions {
  /** How many villages: 1 for a secretary's own, 6 for the demo, 2,500 for a city. */
  readonly villages: number;
  /** Households per village: a fixed number or a range [min, max]. */
  readonly householdsPerVillage: number | readonly [number, number];
  /** Years of history up to `today` (the secretary's term began then). */
  readonly years: number;
  readonly seed: string;
  /** The app's calendar day, YYYY-MM-DD. */
  readonly today: string;
  /** Villages per township (default 20); townships per county is 10. */
  readonly villagesPerTownship?: number;
}

/** The first-run demo: kept stable, since the e2e tests and the manual name these villages. */
export const DEMO_TOWNSHIP = {
  township: W.DEMO_PLACE.township,
  county: W.DEMO_PLACE.county,
  villages: [
    { name: '李家村', code: '371325101201' },
    { name: '王庄村', code: '371325101202' },
    { name: '张家湾村', code: '371325101203' },
    { name: '石桥村', code: '371325101204' },
    { name: '柳树沟村', code: '371325101205' },
    { name: '新民村', code: '371325101206' },
  ],
} as const;

const TOWNSHIPS_PER_COUNTY = 10;
/** 50,000 元 a year: the floor of a village's operating funds (the rule lives with the ledger). */
export const OPERATING_FUNDS_FLOOR_FEN = MIN_OPERATING_FUNDS_FEN;

/** Every village of the township (or city) in order. Memory grows with the size: prefer
 *  `generateVillages` to stream a large one. */
export function generateTownship(options: TownshipOptions): DemoVillage[] {
  return [...generateVillages(options)];
}

/** The villages one at a time; each is generated from its own seed, but ID numbers are unique
 *  across all of them (hence a generator, not independent calls). */
export function* generateVillages(options: TownshipOptions): Generator<DemoVillage> {
  if (!Number.isInteger(options.villages) || options.villages < 1) throw new RangeError('villages must be a whole number ≥ 1');
  if (!Number.isInteger(options.years) || options.years < 1 || options.years > 3) throw new RangeError('years must be 1, 2 or 3');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(options.today)) throw new RangeError('today must be YYYY-MM-DD');
  const perTownship = options.villagesPerTownship ?? 20;
  const places = createPlaces(createRng(`${options.seed}/places`), perTownship);
  const ids = createIdRegistry();
  for (let index = 0; index < options.villages; index++) {
    yield generateVillage(options, index, places.village(index), ids);
  }
}

// ---------------------------------------------------------------------------------------------
// Places: counties, townships and villages with plausible names and division codes.

function createPlaces(rng: Rng, perTownship: number) {
  const townshipNames = new Map<number, string>();
  const usedTownships = new Set<string>([W.DEMO_PLACE.township]);
  const villageNames = new Map<number, Set<string>>();

  function townshipName(t: number): string {
    let name = townshipNames.get(t);
    if (!name) {
      if (t === 0) name = W.DEMO_PLACE.township;
      else {
        for (let attempt = 0; !name || usedTownships.has(name); attempt++) {
          const stem = attempt < 20 ? rng.pick(W.TOWNSHIP_STEMS) : `${rng.pick(W.TOWNSHIP_STEMS)}${rng.pick(W.VILLAGE_STEMS)}`;
          name = `${stem}${rng.weighted([['镇', 7], ['乡', 2], ['街道', 1]] as const)}`;
        }
      }
      usedTownships.add(name);
      townshipNames.set(t, name);
    }
    return name;
  }

  function villageName(used: Set<string>): string {
    for (let attempt = 0; ; attempt++) {
      const pattern = rng.weighted([['surname', 5], ['stem', 6], ['whole', 1]] as const);
      let name =
        pattern === 'surname'
          ? `${rng.weighted(W.SURNAMES)}${rng.pick(W.SURNAME_VILLAGE_SUFFIXES)}`
          : pattern === 'stem'
            ? `${rng.pick(W.VILLAGE_STEMS)}${rng.pick(W.VILLAGE_SUFFIXES)}`
            : rng.pick(W.WHOLE_VILLAGE_NAMES);
      if (attempt > 50) name = `${rng.pick(W.VILLAGE_STEMS)}${rng.pick(W.VILLAGE_STEMS)}${rng.pick(W.VILLAGE_SUFFIXES)}`;
      if (name.length >= 3 && !used.has(name)) return name;
    }
  }

  return {
    village(index: number): DemoVillageRow {
      const t = Math.floor(index / perTownship);
      const v = index % perTownship;
      const [county, countyCode] = W.COUNTIES[Math.floor(t / TOWNSHIPS_PER_COUNTY) % W.COUNTIES.length]!;
      const countyRound = Math.floor(t / (TOWNSHIPS_PER_COUNTY * W.COUNTIES.length));
      const township = townshipName(t);
      let used = villageNames.get(t);
      if (!used) villageNames.set(t, (used = new Set()));
      const demo = t === 0 && v < DEMO_TOWNSHIP.villages.length ? DEMO_TOWNSHIP.villages[v] : undefined;
      if (demo) used.add(demo.name);
      const name = demo?.name ?? villageName(used);
      used.add(name);
      const townshipCode = 101 + (t % TOWNSHIPS_PER_COUNTY) + countyRound * TOWNSHIPS_PER_COUNTY;
      const code = demo?.code ?? `${countyCode}${String(townshipCode % 1000).padStart(3, '0')}${String(201 + v).padStart(3, '0')}`;
      return { name, code, township, county };
    },
  };
}

// ---------------------------------------------------------------------------------------------
// People: names, ages and GB 11643 ID numbers, unique across the whole generation.

type Sex = 'male' | 'female';
type Relation = keyof typeof RELATION_LABELS;

function createIdRegistry() {
  const used = new Map<string, number>();
  return {
    /** A valid ID number, never given before; the birth day moves on if that day is full. */
    issue(region: string, birthDay: number, sex: Sex): string {
      for (let day = birthDay; ; day++) {
        const date = isoOf(day).replace(/-/g, '');
        const key = `${region}${date}${sex}`;
        const k = used.get(key) ?? 0;
        if (k >= 500) continue; // 500 sequence numbers per sex per day
        used.set(key, k + 1);
        const seq = String(2 * k + (sex === 'male' ? 1 : 0)).padStart(3, '0');
        const first17 = `${region}${date}${seq}`;
        return first17 + idCheckChar(first17);
      }
    },
  };
}

function givenName(rng: Rng, sex: Sex, birthYear: number): string {
  const era = birthYear < 1970 ? 'old' : birthYear < 1995 ? 'mid' : 'young';
  const chars = W.GIVEN_CHARS[sex][era];
  return rng.chance(0.78) ? `${rng.pick(chars)}${rng.pick(chars)}` : rng.pick(chars);
}

function personName(rng: Rng, surname: string, sex: Sex, birthYear: number): string {
  return `${surname}${givenName(rng, sex, birthYear)}`;
}

const MOBILE_PREFIXES = ['130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '155', '156', '158', '159', '176', '177', '180', '181', '182', '183', '185', '186', '187', '188', '189', '199'];

function phone(rng: Rng): string {
  return `${rng.pick(MOBILE_PREFIXES)}${String(rng.int(0, 99_999_999)).padStart(8, '0')}`;
}

function fill(rng: Rng, template: string): string {
  return template.replace('{n}', String(rng.int(2, 12)));
}

// ---------------------------------------------------------------------------------------------
// One village.

const CATEGORY_SHARES = [['ordinary', 78], ['lifted', 15], ['monitored', 3], ['dibao', 3], ['tekun', 1]] as const;
/** Days between visits: the households at risk are seen more often. */
const VISIT_INTERVAL: Record<string, readonly [number, number]> = {
  ordinary: [75, 150], lifted: [45, 100], monitored: [25, 50], dibao: [30, 60], tekun: [25, 45],
};

function generateVillage(options: TownshipOptions, index: number, place: DemoVillageRow, ids: ReturnType<typeof createIdRegistry>): DemoVillage {
  const rng = createRng(`${options.seed}/village/${index}`);
  const T = dayOf(options.today);
  const termStartIso = isoOf(dayOf(addYears(options.today, -options.years)) + 1);
  const start = dayOf(termStartIso);
  const region = W.COUNTIES.find(([county]) => county === place.county)?.[1] ?? W.DEMO_PLACE.countyCode;
  const [minH, maxH] = typeof options.householdsPerVillage === 'number' ? [options.householdsPerVillage, options.householdsPerVillage] : options.householdsPerVillage;

  // The people who work here: the secretary and three village cadres.
  const secretarySex: Sex = rng.chance(0.8) ? 'male' : 'female';
  const secretaryName = personName(rng, rng.weighted(W.SURNAMES), secretarySex, 1985);
  const cadres = [0, 1, 2].map(() => personName(rng, rng.weighted(W.SURNAMES), rng.chance(0.75) ? 'male' : 'female', 1970));
  const [unit, unitLevel] = rng.pick(W.SENDING_UNITS);
  const secretaries: Fields<'secretaries'>[] = [
    {
      name: secretaryName,
      unit,
      unitLevel,
      termStart: termStartIso,
      termEnd: isoOf(dayOf(addYears(termStartIso, 3)) - 1),
      phone: phone(rng),
      notes: `${unit}选派，任期三年`,
    },
  ];

  // Households and their members.
  const householdCount = rng.int(minH, maxH);
  const groupCount = Math.max(1, Math.min(W.GROUP_NUMERALS.length, Math.round(householdCount / 14)));
  const households: Fields<'households'>[] = [];
  const categories: (typeof CATEGORY_SHARES)[number][0][] = [];
  const members: DemoVillage['members'] = [];
  const headNames = new Set<string>();
  const houseNumbers = new Array<number>(groupCount).fill(0);
  for (let h = 0; h < householdCount; h++) {
    const category = rng.weighted(CATEGORY_SHARES);
    categories.push(category);
    const group = Math.floor((h * groupCount) / householdCount);
    const headSex: Sex = category === 'tekun' ? (rng.chance(0.5) ? 'male' : 'female') : rng.chance(0.86) ? 'male' : 'female';
    const headAge = category === 'tekun' ? rng.int(62, 88) : rng.int(28, 84);
    const headBirth = T - headAge * 365 - rng.int(0, 364);
    const surname = rng.weighted(W.SURNAMES);
    let headName = personName(rng, surname, headSex, new Date(headBirth * 86_400_000).getUTCFullYear());
    for (let attempt = 0; headNames.has(headName) && attempt < 8; attempt++) {
      headName = personName(rng, surname, headSex, new Date(headBirth * 86_400_000).getUTCFullYear());
    }
    headNames.add(headName);
    houseNumbers[group] = houseNumbers[group]! + 1;
    const groupName = `${W.GROUP_NUMERALS[group]}组`;
    const household: Fields<'households'> = {
      headName,
      villagerGroup: groupName,
      gridCell: `第${W.GROUP_NUMERALS[Math.floor(group / 2)]}网格`,
      category,
      address: `${place.name}${groupName}${houseNumbers[group]}号`,
      housingGrade: rng.weighted([['safe', 96], ['c', 3], ['d', 1]] as const),
    };
    if (rng.chance(category === 'tekun' ? 0.4 : 0.88)) household.phone = phone(rng);
    if (category !== 'ordinary') household.helperName = rng.chance(0.5) ? secretaryName : rng.pick(cadres);
    if (rng.chance(0.05)) household.notes = rng.pick(['常年在外务工，春节返乡', '家中有残疾人', '子女在外地定居', '新分户']);
    households.push(household);

    // The family: ages consistent with the relation to the head.
    const people: { name: string; relation: Relation; age: number; sex: Sex; birth: number }[] = [
      { name: headName, relation: 'head', age: headAge, sex: headSex, birth: headBirth },
    ];
    const add = (relation: Relation, age: number, sex: Sex, surnameOf: string) => {
      if (age < 0 || age > 100) return;
      const birth = T - age * 365 - rng.int(0, 364);
      people.push({ name: personName(rng, surnameOf, sex, new Date(birth * 86_400_000).getUTCFullYear()), relation, age, sex, birth });
    };
    const smallFamily = category === 'tekun' ? 0 : category === 'dibao' ? 1 : 3;
    if (smallFamily > 0 && rng.chance(headAge < 75 ? 0.85 : 0.5)) add('spouse', headAge + rng.int(-5, 5), headSex === 'male' ? 'female' : 'male', rng.weighted(W.SURNAMES));
    const familySurname = headSex === 'male' ? surname : rng.weighted(W.SURNAMES);
    if (smallFamily > 1 || (smallFamily === 1 && rng.chance(0.5))) {
      const children = headAge < 32 ? rng.int(0, 1) : rng.int(0, smallFamily > 1 ? 3 : 1);
      for (let c = 0; c < children; c++) add('child', headAge - rng.int(22, 38), rng.chance(0.52) ? 'male' : 'female', familySurname);
    }
    if (smallFamily > 1 && headAge < 55 && rng.chance(0.35)) {
      const parentAge = headAge + rng.int(22, 32);
      add('parent', parentAge, 'male', surname);
      if (rng.chance(0.6)) add('parent', parentAge + rng.int(-4, 2), 'female', rng.weighted(W.SURNAMES));
    }
    if (smallFamily > 1 && headAge >= 56 && rng.chance(0.45)) {
      for (let g = rng.int(1, 2); g > 0; g--) add('grandchild', headAge - rng.int(48, 62), rng.chance(0.52) ? 'male' : 'female', familySurname);
    }
    for (const person of people) {
      const ill = category === 'ordinary' ? 0.06 : 0.3;
      const health = person.age > 60 && rng.chance(ill + 0.2) ? 'chronic' : rng.chance(ill / 3) ? rng.pick(['serious', 'disabled'] as const) : 'healthy';
      const fields: Omit<Fields<'members'>, 'householdId'> = {
        name: person.name,
        relation: person.relation,
        idNumber: ids.issue(region, person.birth, person.sex),
        labourCapacity:
          person.age < 16 ? 'none' : health === 'serious' || health === 'disabled' ? 'lost' : person.age > 65 || health === 'chronic' ? 'weak' : person.age > 60 ? rng.pick(['full', 'weak'] as const) : 'full',
        health,
        schooling:
          person.age < 6 ? 'preschool'
          : person.age < 12 ? 'primary'
          : person.age < 15 ? 'junior'
          : person.age < 19 ? 'senior'
          : person.age > 65 ? rng.weighted([['illiterate', 3], ['primary', 5], ['junior', 2]] as const)
          : rng.weighted([['primary', 2], ['junior', 5], ['senior', 2], ['college', person.age < 40 ? 2 : 0.3]] as const),
      };
      members.push({ household: h, fields });
    }
  }

  // Visits, and the needs some of them raise.
  const visits: DemoVillage['visits'] = [];
  const needs: DemoVillage['needs'] = [];
  for (let h = 0; h < householdCount; h++) {
    const [lo, hi] = VISIT_INTERVAL[categories[h]!]!;
    let day = start + rng.int(0, hi);
    while (day <= T) {
      const interval = rng.int(lo, hi);
      const mode = rng.weighted([['home', 82], ['phone', 13], ['meeting', 5]] as const);
      const situation = [rng.pick(W.HOUSEHOLD_SITUATIONS), fill(rng, rng.pick(W.HOUSEHOLD_ECONOMY)), rng.pick(W.HOUSEHOLD_STATUS)];
      const actions = rng.sample(W.VISIT_ACTIONS, rng.int(1, 2));
      visits.push({
        household: h,
        fields: {
          visitDate: isoOf(day),
          mode,
          visitors: rng.chance(0.6) ? `${secretaryName}、${rng.pick(cadres)}` : secretaryName,
          situation: `${rng.chance(0.5) ? situation.join('，') : situation.slice(0, 2).join('，')}。`,
          actions: `${actions.join('，')}。`,
          confirmed: rng.chance(mode === 'phone' ? 0.7 : 0.94),
          nextVisitDue: isoOf(day + interval),
        },
      });
      if (rng.chance(0.12)) needs.push({ household: h, visit: visits.length - 1, fields: makeNeed(rng, day, T, cadres) });
      day += interval;
    }
  }

  // 防返贫 monitoring of the households marked as monitored (and a rare sudden hardship).
  const monitoring: DemoVillage['monitoring'] = [];
  for (let h = 0; h < householdCount; h++) {
    if (categories[h] !== 'monitored' && !rng.chance(0.004)) continue;
    const homeCheck = rng.int(start, Math.max(start, T - 20));
    const postingStart = homeCheck + rng.int(1, 3);
    const postingEnd = postingStart + rng.int(4, 6); // 5 to 7 days, both counted
    const townshipReview = postingEnd + rng.int(0, 2);
    const countyDecision = Math.min(townshipReview + rng.int(1, 3), homeCheck + 14); // within 15 days in all
    const cleared = countyDecision + 240 <= T && rng.chance(0.4);
    monitoring.push({
      household: h,
      fields: {
        monitorType: categories[h] === 'monitored' ? rng.weighted([['unstable', 5], ['marginal', 4], ['sudden', 1]] as const) : 'sudden',
        riskTypes: rng.sample(['illness', 'disability', 'education', 'disaster', 'accident', 'unemployment', 'industry'] as const, rng.int(1, 2)),
        signalSource: rng.weighted([['self_report', 3], ['grid_check', 5], ['department', 2]] as const),
        homeCheckDate: isoOf(homeCheck),
        postingStart: isoOf(postingStart),
        postingEnd: isoOf(postingEnd),
        townshipReviewDate: isoOf(townshipReview),
        countyDecisionDate: isoOf(countyDecision),
        measures: `${rng.sample(W.MONITORING_MEASURES, rng.int(1, 3)).join('；')}。`,
        riskCleared: cleared,
        ...(cleared ? { clearedDate: isoOf(rng.int(countyDecision + 180, T)) } : {}),
      },
    });
  }

  // The year's work.
  const firstYear = Number(termStartIso.slice(0, 4));
  const thisYear = Number(options.today.slice(0, 4));
  const plans: Fields<'plans'>[] = [];
  const commitments: Fields<'commitments'>[] = [];
  const indicators: Fields<'indicators'>[] = [];
  const population = members.length;
  const villageTypes = [
    ...(rng.chance(0.4) ? (['lifted'] as const) : []),
    ...(rng.chance(0.05) ? (['relocation'] as const) : []),
    ...(rng.chance(0.1) ? (['weak'] as const) : []),
    ...(rng.chance(0.2) ? (['revitalisation'] as const) : []),
  ];
  // Seeded apart (./party.ts), so the rest of the village is what it was before it came.
  const party = generateParty({ seed: options.seed, index, today: options.today, region, households, secretaryName });
  for (let year = firstYear; year <= thisYear; year++) {
    for (const duty of W.DUTIES) {
      for (const [goal, unitName, min, max] of rng.sample(W.PLAN_GOALS[duty], rng.int(1, 2))) {
        const due = dayOf(`${year}-${rng.pick(['06-30', '09-30', '12-31'])}`);
        const target = rng.int(min, max);
        const status = due < T ? (rng.chance(0.78) ? 'done' : 'delayed') : rng.weighted([['planned', 2], ['in_progress', 6], ['done', 1]] as const);
        const progress = status === 'done' ? 1 + rng.int(0, 20) / 100 : status === 'planned' ? 0 : rng.int(30, 85) / 100;
        plans.push({
          year,
          duty,
          goal: `${year}年${goal}${target}${unitName}`,
          measures: rng.pick(['明确责任人和时间表，每月调度', '村两委分工包保，按季度通报进展', '争取派出单位支持，整合各方资源']),
          targetValue: target,
          actualValue: W.MEASURED_UNITS.has(unitName) ? Math.round(target * progress * 10) / 10 : Math.floor(target * progress),
          valueUnit: unitName,
          status,
          dueDate: isoOf(due),
        });
      }
    }
    for (const content of rng.sample(W.COMMITMENTS, rng.int(2, 4))) {
      const due = dayOf(`${year}-${String(rng.int(6, 12)).padStart(2, '0')}-28`);
      const status = due < T ? (rng.chance(0.85) ? 'fulfilled' : 'in_progress') : rng.weighted([['pending', 2], ['in_progress', 5], ['fulfilled', 1]] as const);
      commitments.push({
        content,
        year,
        dueDate: isoOf(due),
        status,
        ...(status === 'fulfilled' ? { evidence: rng.pick(['已完工，群众满意，照片存档', '已验收，公示无异议', '已兑现，村务公开栏公示']) } : {}),
      });
    }
    const under = rng.chance(0.08) || (index % 6 === 3 && year === thisYear);
    indicators.push({
      year,
      householdCount,
      population,
      partyMembers: Math.max(3, Math.round(population * rng.int(30, 55) / 1000)),
      villageTypes,
      collectiveIncomeFen: rng.int(8, 60) * 1_000_000,
      operatingFundsFen: under ? rng.int(20, 49) * 100_000 : rng.int(50, 150) * 100_000,
      venueStatus: rng.weighted([['good', 7], ['rebuilt', 2], ['poor', 1]] as const),
    });
    // Reserve cadres are counted from their ledger (a typed count is refused); the draw that once
    // typed one stays, so what follows is unchanged.
    rng.int(1, 8);
  }

  // Projects and their money: received before it is spent, never more spent than received.
  const projects: Fields<'projects'>[] = [];
  const funds: DemoVillage['funds'] = [];
  let voucher = 0;
  const kinds = W.PROJECT_KINDS;
  const projectCount = rng.int(3, 7);
  for (let p = 0; p < projectCount; p++) {
    const kind = p < kinds.length && rng.chance(0.7) ? kinds[p]! : rng.pick(kinds);
    const begin = rng.int(start, Math.max(start, T - 30));
    const age = T - begin;
    const status =
      age > 300 ? rng.weighted([['accepted', 6], ['finished', 3], ['building', 1]] as const)
      : age > 120 ? rng.weighted([['building', 5], ['finished', 3], ['approved', 1]] as const)
      : rng.weighted([['reserve', 3], ['approved', 3], ['building', 3]] as const);
    const budget = rng.int(50, 2000) * 100_000; // 5 万 to 200 万元
    const end = status === 'finished' || status === 'accepted' ? Math.min(T, begin + rng.int(60, 300)) : null;
    projects.push({
      name: `${place.name}${rng.pick(W.PROJECT_NAMES[kind])}`,
      kind,
      status,
      budgetFen: budget,
      beneficiaryHouseholds: rng.int(Math.min(10, householdCount), householdCount),
      responsible: rng.chance(0.5) ? secretaryName : rng.pick(cadres),
      startDate: isoOf(begin),
      ...(end !== null ? { endDate: isoOf(end) } : {}),
    });
    if (status === 'reserve') continue;
    const last = end ?? T;
    const received = Math.round((budget * rng.int(50, 100)) / 100 / 100) * 100;
    const ins = rng.int(1, 3);
    const events: { day: number; direction: 'in' | 'out'; amount: number }[] = [];
    let left = received;
    for (let i = 0; i < ins; i++) {
      const amount = i === ins - 1 ? left : Math.round((left * rng.int(30, 60)) / 100 / 100) * 100;
      left -= amount;
      if (amount > 0) events.push({ day: begin + Math.floor(((last - begin) * i) / (ins + 1)), direction: 'in', amount });
    }
    const spendShare = status === 'approved' ? 0.2 : status === 'building' ? rng.int(30, 80) / 100 : rng.int(85, 100) / 100;
    const outs = status === 'approved' ? rng.int(0, 1) : rng.int(2, 5);
    for (let i = 0; i < outs; i++) {
      events.push({ day: rng.int(events[0]!.day, last), direction: 'out', amount: Math.round((received * spendShare) / outs / 100) * 100 });
    }
    events.sort((a, b) => a.day - b.day || (a.direction === b.direction ? 0 : a.direction === 'in' ? -1 : 1));
    let balance = 0;
    for (const event of events) {
      const amount = event.direction === 'in' ? event.amount : Math.min(event.amount, balance);
      if (amount <= 0) continue;
      balance += event.direction === 'in' ? amount : -amount;
      voucher++;
      funds.push({
        project: p,
        fields: {
          direction: event.direction,
          ...(event.direction === 'in' ? { source: rng.pick(W.FUND_SOURCES) } : { purpose: rng.pick(W.FUND_PURPOSES) }),
          amountFen: amount,
          entryDate: isoOf(event.day),
          voucherNo: `记${isoOf(event.day).slice(0, 4)}-${String(voucher).padStart(4, '0')}`,
        },
      });
    }
  }

  // Leave, trips, training and the diary: one entry for most days of the term.
  const { diary, leaves } = makeDays(rng, start, T, place);

  return {
    index,
    village: place,
    secretaries,
    indicators,
    households,
    members,
    monitoring,
    visits,
    needs,
    plans,
    commitments,
    projects,
    funds,
    diary,
    leaves,
    party,
  };
}

const NEED_CATEGORIES = [['water', 12], ['road', 15], ['power', 6], ['medical', 18], ['school', 8], ['jobs', 16], ['housing', 12], ['other', 13]] as const;

function makeNeed(rng: Rng, raised: number, T: number, cadres: string[]): DemoVillage['needs'][number]['fields'] {
  const category = rng.weighted(NEED_CATEGORIES);
  const due = raised + rng.int(10, 60);
  // Long past due: nearly all closed; recently due: some still open (overdue); not yet due: open.
  const status =
    due < T - 45 ? (rng.chance(0.94) ? 'done' : rng.pick(['open', 'in_progress'] as const))
    : due < T ? rng.weighted([['done', 5], ['in_progress', 3], ['open', 2]] as const)
    : rng.weighted([['open', 4], ['in_progress', 4], ['done', 2]] as const);
  const fields: DemoVillage['needs'][number]['fields'] = {
    category,
    content: rng.pick(W.NEED_TEXTS[category]),
    owner: rng.chance(0.7) ? rng.pick(W.NEED_OWNERS[category]) : rng.pick(cadres),
    dueDate: isoOf(due),
    status,
  };
  if (status === 'done') {
    const closed = Math.min(T, raised + rng.int(2, due - raised + 10));
    fields.closedOn = isoOf(closed);
    fields.outcome = rng.pick(W.NEED_OUTCOMES);
    fields.satisfaction = rng.weighted([['satisfied', 80], ['fair', 15], ['unsatisfied', 5]] as const);
  }
  return fields;
}

function makeDays(rng: Rng, start: number, T: number, place: DemoVillageRow): { diary: Fields<'diary'>[]; leaves: Fields<'leaves'>[] } {
  const presence = new Map<number, 'leave' | 'trip' | 'training' | 'missing'>();
  const leaves: Fields<'leaves'>[] = [];
  const free = (from: number, to: number) => {
    for (let d = from; d <= to; d++) if (presence.has(d)) return false;
    return true;
  };
  // Month by month: maybe a leave, a trip or two, now and then a training, a missed entry.
  for (let monthStart = start; monthStart <= T + 20; monthStart += 30) {
    if (rng.chance(0.3)) {
      const days = rng.weighted([[1, 30], [2, 30], [3, 20], [4, 10], [5, 6], [7, 4]] as const);
      const from = monthStart + rng.int(0, 25);
      const to = from + days - 1;
      if (free(from, to)) {
        const status = from > T ? 'pending' : rng.chance(0.93) ? 'approved' : 'rejected';
        const level = approverLevelFor(daysInclusive(isoOf(from), isoOf(to)));
        leaves.push({
          startDate: isoOf(from),
          endDate: isoOf(to),
          days: daysInclusive(isoOf(from), isoOf(to)),
          reason: rng.pick(W.LEAVE_REASONS),
          approverLevel: level,
          approver: level === 'township' ? `${place.township}党委` : `${place.county}委组织部`,
          status,
        });
        if (status === 'approved') for (let d = from; d <= to; d++) presence.set(d, 'leave');
      }
    }
    for (let trips = rng.int(0, 2); trips > 0; trips--) {
      const d = monthStart + rng.int(0, 29);
      if (!presence.has(d)) presence.set(d, 'trip');
    }
    if (rng.chance(0.25)) {
      const from = monthStart + rng.int(0, 25);
      const to = from + rng.int(1, 3);
      if (free(from, to)) for (let d = from; d <= to; d++) presence.set(d, 'training');
    }
    for (let missing = rng.int(0, 2); missing > 0; missing--) {
      const d = monthStart + rng.int(0, 29);
      if (!presence.has(d)) presence.set(d, 'missing');
    }
  }
  const duties = W.DUTIES;
  const diary: Fields<'diary'>[] = [];
  for (let d = start; d <= T; d++) {
    const kind = presence.get(d) ?? 'in_village';
    if (kind === 'missing') continue;
    const content =
      kind === 'in_village' ? fill(rng, rng.pick(W.DIARY_TEXTS))
      : kind === 'leave' ? '请假'
      : kind === 'trip' ? rng.pick(W.TRIP_TEXTS)
      : rng.pick(W.TRAINING_TEXTS);
    diary.push({
      entryDate: isoOf(d),
      presence: kind,
      content,
      dutyTags: kind === 'in_village' ? rng.sample(duties, rng.int(0, 2)) : [],
    });
  }
  return { diary, leaves };
}
