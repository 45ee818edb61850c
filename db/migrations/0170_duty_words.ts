// Plan duties and diary duty tags become the words of the township's duty set: the five codes of
// the standard scheme stored so far turn into their words. The change log is signed and relayed
// verbatim, so it keeps the codes; instead, triggers turn a code into its word whenever a row
// takes one (a replay of the log, a file from a device not yet updated), on every path that
// projects changes into rows. Frozen in time: the words are written out here.
import { sql, type Kysely } from 'kysely';

const WORDS: readonly (readonly [string, string])[] = [
  ['term_goals', '落实任期目标管理'],
  ['leadership', '抓好班子建设'],
  ['collective_economy', '发展集体经济'],
  ['project_funds', '协调项目资金'],
  ['civility', '开展乡村文明行动'],
];

const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;
const codes = WORDS.map(([code]) => literal(code)).join(', ');
const wordOf = (expr: string) => `CASE ${expr} ${WORDS.map(([code, word]) => `WHEN ${literal(code)} THEN ${literal(word)}`).join(' ')} ELSE ${expr} END`;
/** The tags of a JSON list with every code turned into its word, in their order. */
const tagsOf = (expr: string) => `(SELECT json_group_array(${wordOf('t.value')}) FROM (SELECT value FROM json_each(${expr}) ORDER BY key) AS t)`;
const hasCode = (expr: string) => `EXISTS (SELECT 1 FROM json_each(${expr}) WHERE value IN (${codes}))`;
const jsonList = (expr: string) => `${expr} IS NOT NULL AND json_valid(${expr}) AND json_type(${expr}) = 'array'`;

export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`UPDATE plans SET duty = ${wordOf('duty')} WHERE duty IN (${codes})`).execute(db);
  await sql.raw(`UPDATE diary_entries SET duty_tags = ${tagsOf('duty_tags')} WHERE ${jsonList('duty_tags')} AND ${hasCode('duty_tags')}`).execute(db);
  for (const event of ['INSERT', 'UPDATE OF duty']) {
    const name = event === 'INSERT' ? 'plans_duty_word_insert' : 'plans_duty_word_update';
    await sql.raw(
      `CREATE TRIGGER ${name} AFTER ${event} ON plans WHEN NEW.duty IN (${codes})
       BEGIN UPDATE plans SET duty = ${wordOf('NEW.duty')} WHERE id = NEW.id; END`,
    ).execute(db);
  }
  for (const event of ['INSERT', 'UPDATE OF duty_tags']) {
    const name = event === 'INSERT' ? 'diary_tags_word_insert' : 'diary_tags_word_update';
    await sql.raw(
      `CREATE TRIGGER ${name} AFTER ${event} ON diary_entries WHEN ${jsonList('NEW.duty_tags')} AND ${hasCode('NEW.duty_tags')}
       BEGIN UPDATE diary_entries SET duty_tags = ${tagsOf('NEW.duty_tags')} WHERE id = NEW.id; END`,
    ).execute(db);
  }
}
