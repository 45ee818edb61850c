// A change's value is JSON text. Most are `null` or a plain string, which say what they hold
// without a parse: a merge reads the value of every change it checks and of every cell it wins.

/** The value of a JSON text, or undefined when it is not JSON. */
export function safeParse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** A JSON text of a plain string: no escape, no control character (which JSON refuses unescaped). */
// eslint-disable-next-line no-control-regex -- control characters are exactly what JSON refuses in a string
const PLAIN_STRING = /^"[^"\\\u0000-\u001f]*"$/;

/** safeParse, without parsing the texts that say what they hold: `null` and a plain string (most values). */
export function valueOfText(text: string): unknown {
  if (text === 'null') return null;
  if (text.charCodeAt(0) === 34 && PLAIN_STRING.test(text)) return text.slice(1, -1);
  return safeParse(text);
}
