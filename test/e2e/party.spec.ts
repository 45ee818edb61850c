// 发展党员 and 后备干部 in the browser: one candidate from application to full member — the listing
// as development target typed a day before the year as activist is over is refused next to its
// date by the rule it breaks, nothing stored, then accepted on the day — and a reserve cadre who
// enters the village committees. Screenshots at 1366x768 in /tmp/h13b-shots.
import { mkdirSync } from 'node:fs';
import { expect, test } from './fixtures';
import { choose, create, list, openLedger, setUpSecretary, submitAndClose, submitRefused, typeDate } from './ledgers/helpers';

test.use({ viewport: { width: 1366, height: 768 } });
test.describe.configure({ timeout: 120_000 });

const SHOTS = '/tmp/h13b-shots';
const township = { deputyName: '李副书记', secretaryName: '赵书记', organiserName: '钱组织员' };
const vote = { meeting: 'branchAssembly', eligibleVoters: 20, votesFor: 15, votesAgainst: 2, votesAbstain: 1 };

test('a candidate from application to full member, one step refused for coming too early; a reserve cadre enters the village committees', async ({ page, app }) => {
  mkdirSync(SHOTS, { recursive: true });
  const villageId = await setUpSecretary(app);

  // The candidate, typed in.
  await openLedger(page, app, 'candidates');
  await page.getByTestId('ledger-candidates-add').click();
  await page.locator('#candidates_name').fill('孙晓东');
  await choose(page, 'candidates_sex', '男');
  await page.locator('#candidates_birthYear').fill('1995');
  await page.locator('#candidates_occupation').fill('返乡创业青年');
  await submitAndClose(page, 'candidates');
  const [candidate] = await list(app, 'candidates');
  expect(candidate).toMatchObject({ name: '孙晓东', sex: 'male', birthYear: 1995 });
  const candidateId = candidate!.id;

  // The first year, on paper already: application, talk, activist, the year's evaluation.
  for (const step of [
    { step: 'application', stepDate: '2023-03-01', archiveRef: '党档2023-011' },
    { step: 'talk', stepDate: '2023-03-20', cadreName: '孙干部' },
    { step: 'activist', stepDate: '2023-05-10', meeting: 'branchCommittee', contactName: '周联系人', cadreName: '孙干部' },
    { step: 'evaluation', stepDate: '2024-04-01', score: 86, contactName: '周联系人', cadreName: '孙干部' },
  ]) await create(app, 'steps', { villageId, candidateId, ...step });

  // The listing typed a day early: refused by the one-year rule, next to its date; nothing stored.
  await page.getByTestId(`steps-of-${candidateId}`).click();
  await expect(page.getByTestId('steps-drawer')).toBeVisible();
  const before = await list(app, 'steps');
  await page.getByTestId('ledger-steps-add').click();
  await choose(page, 'steps_step', '列为发展对象');
  await typeDate(page, 'steps_stepDate', '2024-05-09');
  await choose(page, 'steps_meeting', '支部委员会');
  await page.locator('#steps_cadreName').fill('孙干部');
  await page.locator('#steps_deputyName').fill('李副书记');
  await page.locator('#steps_archiveRef').fill('党档2024-031');
  await submitRefused(page, 'steps', 'steps_stepDate', '培养考察期未满：入党积极分子须经一年以上培养教育和考察，才能列为发展对象（细则第十四条）');
  await page.locator('#steps_step').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/step-refused-too-early.png` });
  expect(await list(app, 'steps')).toEqual(before);
  await typeDate(page, 'steps_stepDate', '2024-05-10');
  await submitAndClose(page, 'steps');

  // Review, training and admission; then the conversion typed in at the branch general meeting.
  for (const step of [
    { step: 'review', stepDate: '2024-08-01', cadreName: '孙干部', deputyName: '李副书记' },
    { step: 'training', startedOn: '2024-09-01', stepDate: '2024-09-03', organiserName: '钱组织员' },
    { step: 'admission', stepDate: '2024-11-01', approvalOn: '2024-12-01', ...vote, ...township },
  ]) await create(app, 'steps', { villageId, candidateId, ...step });
  await page.getByTestId('steps-drawer').getByRole('button', { name: /close|关闭/i }).first().click();
  await page.getByTestId(`steps-of-${candidateId}`).click();
  await page.getByTestId('ledger-steps-add').click();
  await choose(page, 'steps_step', '预备党员转正');
  await typeDate(page, 'steps_stepDate', '2025-11-05');
  await choose(page, 'steps_meeting', '支部党员大会');
  await page.locator('#steps_eligibleVoters').fill('20');
  await page.locator('#steps_votesFor').fill('16');
  await page.locator('#steps_votesAgainst').fill('1');
  await page.locator('#steps_secretaryName').fill('赵书记');
  await page.locator('#steps_organiserName').fill('钱组织员');
  await page.locator('#steps_archiveRef').fill('党档2025-077');
  await submitAndClose(page, 'steps');
  const steps = await list(app, 'steps');
  expect(steps.map((s) => s.step).sort()).toEqual(['activist', 'admission', 'application', 'conversion', 'evaluation', 'review', 'talk', 'target', 'training']);
  expect(steps.find((s) => s.step === 'target')).toMatchObject({ stepDate: '2024-05-10', meeting: 'branchCommittee', archiveRef: '党档2024-031' });
  expect(steps.find((s) => s.step === 'conversion')).toMatchObject({ stepDate: '2025-11-05', votesFor: 16, secretaryName: '赵书记' });
  await expect(page.getByTestId('steps-drawer').getByText('预备党员转正').first()).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/candidate-full-member.png` });
  // The village has admitted a member within three years: its target shows met above the candidates.
  await page.keyboard.press('Escape');
  await expect(page.getByTestId(`party-target-${villageId}`)).toHaveText(/李家村\s*已发展 1 名/);
  // Its row says where the candidate stands now, read again as the steps were written.
  await expect(page.getByTestId(`candidate-stage-${candidateId}`)).toHaveText('正式党员');
  await page.screenshot({ path: `${SHOTS}/candidates-target-met.png` });

  // A reserve cadre from the youth pool, mentored by the secretary, enters the village committees.
  await page.goto(app.url());
  await openLedger(page, app, 'cadres');
  await page.getByTestId('ledger-cadres-add').click();
  await page.locator('#cadres_name').fill('韩晓燕');
  await choose(page, 'cadres_sex', '女');
  await page.locator('#cadres_birthYear').fill('1994');
  await choose(page, 'cadres_channel', '青年人才库');
  await typeDate(page, 'cadres_recommendedOn', '2025-03-01');
  await choose(page, 'cadres_outcome', '培养中');
  await page.locator('#cadres_mentor').fill('王建国');
  await submitAndClose(page, 'cadres');
  const [cadre] = await list(app, 'cadres');
  await page.getByTestId(`ledger-edit-${cadre!.id}`).click();
  await choose(page, 'cadres_outcome', '进入村“两委”');
  await typeDate(page, 'cadres_outcomeOn', '2026-01-10');
  await page.locator('#cadres_outcomeNote').fill('当选村委会委员');
  await submitAndClose(page, 'cadres');
  expect((await app.call('cadres.get', { id: cadre!.id })).value).toMatchObject({ outcome: 'entered', outcomeOn: '2026-01-10', channel: 'youthPool', mentor: '王建国' });
  await expect(page.getByTestId(`ledger-edit-${cadre!.id}`)).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/reserve-cadre-entered.png` });
});
