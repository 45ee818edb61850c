// The year's work and the secretaries on record, all on the generic ledger screen: each is
// created through its form, edited, found and deleted, and one bad input is refused next to
// its field with nothing stored.
import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures';
import {
  choose, create, deleteRow, list, openLedger, rowIdByText, search, setUpSecretary, submitAndClose, submitRefused, typeDate,
} from './helpers';

// Long journeys through many forms: room for a busy two-core machine, not a licence to sleep.
test.describe.configure({ timeout: 120_000 });

interface Journey {
  noun: string;
  /** A row already there (created over the contract), which finding must leave out. */
  other: Record<string, unknown>;
  /** Fill the new record's form with one bad value; `bad` names the field and the message. */
  fillBad(page: Page): Promise<void>;
  bad: { field: string; message: string };
  /** Put the bad value right; the row then reads `text` in the table. */
  fix(page: Page): Promise<void>;
  text: string;
  created: Record<string, unknown>;
  /** Change one thing through the edit form. */
  edit(page: Page): Promise<void>;
  edited: Record<string, unknown>;
  /** Find the new row: by the search box, or by a filter where the ledger has no free text. */
  find: { search: string } | { yearFilter: number };
}

const YEAR = new Date().getFullYear();

const JOURNEYS: Journey[] = [
  {
    noun: 'plans',
    other: { year: YEAR, duty: '抓好班子建设', goal: '村两委班子换届', status: 'planned' },
    fillBad: async (page) => {
      await page.locator('#plans_year').fill('1999');
      await choose(page, 'plans_duty', '发展集体经济');
      await page.locator('#plans_goal').fill('发展村集体光伏项目');
      await page.locator('#plans_targetValue').fill('10');
      await page.locator('#plans_valueUnit').fill('万元');
    },
    bad: { field: 'plans_year', message: '年份应在2000到2100之间' },
    fix: (page) => page.locator('#plans_year').fill(String(YEAR)),
    text: '发展村集体光伏项目',
    created: { year: YEAR, duty: '发展集体经济', goal: '发展村集体光伏项目', targetValue: 10, valueUnit: '万元', status: 'planned' },
    edit: async (page) => {
      await choose(page, 'plans_status', '推进中');
      await page.locator('#plans_actualValue').fill('4.5');
    },
    edited: { status: 'in_progress', actualValue: 4.5, goal: '发展村集体光伏项目' },
    find: { search: '光伏' },
  },
  {
    noun: 'commitments',
    other: { year: YEAR, content: '修缮村卫生室', status: 'pending' },
    fillBad: async (page) => {
      await page.locator('#commitments_content').fill('为村小学修建护栏');
      await page.locator('#commitments_year').fill('2101');
    },
    bad: { field: 'commitments_year', message: '年份应在2000到2100之间' },
    fix: async (page) => {
      await page.locator('#commitments_year').fill(String(YEAR));
      await typeDate(page, 'commitments_dueDate', `${YEAR}-12-31`);
    },
    text: '为村小学修建护栏',
    created: { year: YEAR, content: '为村小学修建护栏', status: 'pending', dueDate: `${YEAR}-12-31` },
    edit: async (page) => {
      await choose(page, 'commitments_status', '已兑现');
      await page.locator('#commitments_evidence').fill('护栏已验收，有照片');
    },
    edited: { status: 'fulfilled', evidence: '护栏已验收，有照片', content: '为村小学修建护栏' },
    find: { search: '护栏' },
  },
  {
    noun: 'indicators',
    other: { year: YEAR - 1, householdCount: 300, population: 1100 },
    fillBad: async (page) => {
      await page.locator('#indicators_year').fill('1999');
      await page.locator('#indicators_householdCount').fill('312');
      await page.locator('#indicators_population').fill('1180');
      await page.locator('#indicators_collectiveIncomeFen').fill('85000');
      await page.locator('#indicators_villageTypes').getByText('脱贫村', { exact: true }).click();
    },
    bad: { field: 'indicators_year', message: '年份应在2000到2100之间' },
    fix: (page) => page.locator('#indicators_year').fill(String(YEAR)),
    text: '85,000.00',
    created: { year: YEAR, householdCount: 312, population: 1180, collectiveIncomeFen: 85_000_00, villageTypes: ['lifted'] },
    edit: async (page) => {
      await page.locator('#indicators_partyMembers').fill('36');
      await choose(page, 'indicators_venueStatus', '达标');
    },
    edited: { partyMembers: 36, venueStatus: 'good', population: 1180 },
    find: { yearFilter: YEAR },
  },
  {
    noun: 'secretaries',
    other: { name: '李文', unit: '临河县财政局', unitLevel: 'county', termStart: '2021-05-01', termEnd: '2023-04-30' },
    fillBad: async (page) => {
      await page.locator('#secretaries_name').fill('陈思远');
      await page.locator('#secretaries_unit').fill('临河市交通运输局');
      await choose(page, 'secretaries_unitLevel', '市直单位');
      await typeDate(page, 'secretaries_termStart', '2024-06-01');
      await typeDate(page, 'secretaries_termEnd', '2024-05-31');
    },
    bad: { field: 'secretaries_termEnd', message: '结束日期不能早于开始日期' },
    fix: (page) => typeDate(page, 'secretaries_termEnd', '2027-05-31'),
    text: '陈思远',
    created: { name: '陈思远', unit: '临河市交通运输局', unitLevel: 'city', termStart: '2024-06-01', termEnd: '2027-05-31' },
    edit: (page) => page.locator('#secretaries_phone').fill('13912345678'),
    edited: { phone: '13912345678', name: '陈思远' },
    find: { search: '思远' },
  },
];

for (const journey of JOURNEYS) {
  test(`${journey.noun}: create, edit, find, delete; bad input refused with nothing stored`, async ({ page, app }) => {
    const { noun } = journey;
    const villageId = await setUpSecretary(app);
    const other = await create(app, noun, { villageId, ...journey.other });
    await openLedger(page, app, noun);
    const before = await list(app, noun);

    await page.getByTestId(`ledger-${noun}-add`).click();
    await journey.fillBad(page);
    await submitRefused(page, noun, journey.bad.field, journey.bad.message);
    expect(await list(app, noun)).toEqual(before);

    await journey.fix(page);
    await submitAndClose(page, noun);
    const id = await rowIdByText(page, noun, journey.text);
    expect((await app.call(`${noun}.get`, { id })).value).toMatchObject({ villageId, ...journey.created });

    await page.getByTestId(`ledger-edit-${id}`).click();
    await expect(page.getByTestId(`ledger-form-${noun}`)).toBeVisible();
    await journey.edit(page);
    await submitAndClose(page, noun);
    expect((await app.call(`${noun}.get`, { id })).value).toMatchObject(journey.edited);

    if ('search' in journey.find) {
      await search(page, noun, journey.find.search, [id], [other.id]);
      await search(page, noun, '', [id, other.id], []);
    } else {
      const filter = page.getByTestId(`ledger-${noun}-filter-year`);
      await filter.fill(String(journey.find.yearFilter));
      await expect(page.getByTestId(`ledger-row-${id}`)).toBeVisible();
      await expect(page.getByTestId(`ledger-row-${other.id}`)).toHaveCount(0);
      await filter.fill('');
      await expect(page.getByTestId(`ledger-row-${other.id}`)).toBeVisible();
    }

    await deleteRow(page, app, noun, id);
    expect((await list(app, noun)).map((r) => r.id)).toEqual([other.id]);
  });
}
