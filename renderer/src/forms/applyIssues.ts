// Puts validation issues — zod's own on the client, or an ApiError's from the main process —
// next to the fields they name in an antd form, translated. Whatever names no field on the
// form is handed back, so the caller can still tell the person about it.
export type FieldName = (string | number)[];

export interface IssueLike {
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

export interface FieldErrors {
  name: FieldName;
  errors: string[];
}

/** The two methods of antd's FormInstance this needs; a plain object in tests. */
export interface FieldErrorTarget {
  getFieldsError(): { name: FieldName; errors: string[] }[];
  setFields(fields: FieldErrors[]): void;
}

export interface IssueOptions {
  /** Path segments the contract wraps the form's values in, e.g. ['patch'] for villages.update. */
  prefix?: readonly (string | number)[];
}

/**
 * Each issue goes to the deepest registered field its path starts with (['villages', 0] lands
 * on the villages list); several issues on one field become several lines under it.
 */
export function issuesToFieldErrors(
  issues: readonly IssueLike[],
  fieldNames: readonly FieldName[],
  translate: (message: string) => string,
  options: IssueOptions = {},
): { fields: FieldErrors[]; unplaced: IssueLike[] } {
  const known = new Map(fieldNames.map((name) => [keyOf(name), name]));
  const byField = new Map<string, FieldErrors>();
  const unplaced: IssueLike[] = [];
  for (const issue of issues) {
    const path = stripPrefix(issue.path.filter((p): p is string | number => typeof p !== 'symbol'), options.prefix ?? []);
    let name: FieldName | undefined;
    for (let length = path.length; length > 0 && !name; length -= 1) name = known.get(keyOf(path.slice(0, length)));
    if (!name) {
      unplaced.push(issue);
      continue;
    }
    const key = keyOf(name);
    const entry = byField.get(key) ?? { name, errors: [] };
    const text = translate(issue.message);
    if (!entry.errors.includes(text)) entry.errors.push(text);
    byField.set(key, entry);
  }
  return { fields: [...byField.values()], unplaced };
}

/**
 * Show the issues on the form, and clear the errors of fields that no longer have any (so
 * `applyIssues(form, [])` clears the form). Returns the issues that name no field on it.
 */
export function applyIssues(
  form: FieldErrorTarget,
  issues: readonly IssueLike[],
  translate: (message: string) => string,
  options: IssueOptions = {},
): IssueLike[] {
  const current = form.getFieldsError();
  const { fields, unplaced } = issuesToFieldErrors(
    issues,
    current.map((field) => field.name),
    translate,
    options,
  );
  const named = new Set(fields.map((field) => keyOf(field.name)));
  const cleared = current.filter((field) => field.errors.length > 0 && !named.has(keyOf(field.name)));
  const changes = [...cleared.map((field) => ({ name: field.name, errors: [] })), ...fields];
  if (changes.length > 0) form.setFields(changes);
  return unplaced;
}

function stripPrefix(path: FieldName, prefix: readonly (string | number)[]): FieldName {
  return prefix.length > 0 && prefix.every((p, i) => path[i] === p) ? path.slice(prefix.length) : path;
}

function keyOf(name: readonly (string | number)[]): string {
  return JSON.stringify(name.map(String));
}
