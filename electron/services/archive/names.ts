// File and folder names an archive can carry to any computer: readable (date_record_caption),
// safe on Windows — none of < > : " / \ | ? * or control characters, no trailing dot or space,
// none of the reserved device names (CON, PRN, AUX, NUL, COM1–9, LPT1–9, with any extension) —
// bounded in length so the whole path stays well under Windows' 260 characters, and unique in
// their folder even where the file system ignores case.

/** Characters of a file name's stem (before its extension), and of a folder's name. */
export const MAX_STEM = 80;
export const MAX_FOLDER = 60;

const RESERVED = /^(con|prn|aux|nul|com[1-9¹²³]|lpt[1-9¹²³])(\..*)?$/i;

/** One name part as text a file system takes: refused characters become `_`, runs of space one space. */
export function safePart(text: string, max: number): string {
  const cleaned = [...text.normalize('NFC')]
    .map((ch) => (/[<>:"/\\|?*]/.test(ch) || ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f ? '_' : ch))
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
  // Cut by characters (never half a surrogate pair), then drop what Windows strips at the end.
  let cut = [...cleaned].slice(0, max).join('').replace(/[. ]+$/, '');
  if (cut === '') cut = '_';
  if (RESERVED.test(cut)) cut = `_${cut}`;
  return cut;
}

/** `2026-11-02_王建国_入户合影.jpg`: the parts that are there, joined, bounded, safe. */
export function fileNameOf(parts: readonly (string | null | undefined)[], ext: string): string {
  const stem = parts
    .map((p) => (p ?? '').trim())
    .filter(Boolean)
    .join('_');
  return `${safePart(stem, MAX_STEM)}.${ext}`;
}

/** A name not yet taken in its folder (compared without case): `name.jpg`, else `name_2.jpg` … */
export function uniqueIn(taken: Set<string>, name: string): string {
  const dot = name.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
  let candidate = name;
  for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${stem}_${n}${ext}`;
  taken.add(candidate.toLowerCase());
  return candidate;
}

/** Whether a name passes every rule above (what the tests check each written name against). */
export function isSafeName(name: string): boolean {
  return (
    name.length > 0 &&
    [...name].length <= MAX_STEM + 5 &&
    ![...name].some((ch) => /[<>:"/\\|?*]/.test(ch) || ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f) &&
    !/[. ]$/.test(name) &&
    !RESERVED.test(name)
  );
}
