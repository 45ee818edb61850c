// A fast yes for a value a zod schema accepts, made once per schema by reading its definition
// (`_zod.def`), for the import's check of every received value. What it must never do is say yes
// where the schema's own parse says no; when it says no, the caller runs the schema, which gives
// the verdict and the reason — so a refusal reads exactly as the schema words it. (Its tests hold
// it to saying yes wherever zod does, too: a needless no costs only time.) Each node does what
// zod's parse does for it (the same order of type, checks and rewrites such as trim, the same
// length in code points, the schema's own refine and transform functions called as zod calls
// them); a node or check it does not know is run through zod's own code for that node or check.
import { z } from 'zod';

/** What a step gives when the schema refuses the value (zod would report an issue). */
const REFUSED: unique symbol = Symbol('refused');
/** What a step gives when it cannot tell without zod (an async refine, say): the caller asks zod. */
const UNSURE: unique symbol = Symbol('unsure');
type Outcome = unknown;
/** A node's parse: the value it passes on (after trim, transform…), REFUSED or UNSURE. */
type Step = (value: unknown) => Outcome;

// Minimal views of zod's internals, as zod 4 defines them (node_modules/zod/v4/core).
interface Payload {
  value: unknown;
  issues: unknown[];
  addIssue?: (issue: unknown) => void;
}
interface CheckDef {
  readonly check: string;
  readonly when?: (payload: Payload) => boolean;
  readonly format?: string;
  readonly pattern?: RegExp;
  readonly maximum?: number;
  readonly minimum?: number;
  readonly length?: number;
  readonly value?: unknown;
  readonly inclusive?: boolean;
  readonly tx?: (value: unknown) => unknown;
  readonly fn?: (value: unknown) => unknown;
}
interface Internals {
  readonly def: Record<string, unknown> & { readonly type: string; readonly checks?: readonly Node[] };
  readonly traits: ReadonlySet<string>;
  readonly values?: ReadonlySet<unknown>;
  readonly optin?: string;
  readonly check?: (payload: Payload) => unknown;
  readonly run: (payload: Payload, ctx: { async: boolean }) => Payload | Promise<Payload>;
}
interface Node {
  readonly _zod: Internals;
}

/** As zod's ZodTransform gives it: the context a transform may add issues to. */
class TransformPayload implements Payload {
  readonly issues: unknown[] = [];
  constructor(public value: unknown) {}
  addIssue(issue: unknown): void {
    this.issues.push(issue);
  }
}

const internals = (schema: unknown): Internals => (schema as Node)._zod;
const checkDef = (check: Node): CheckDef => check._zod.def as unknown as CheckDef;
/** zod's own `when` of its length checks (one function, shared by all of them): true for any string or array. */
const LENGTH_WHEN = checkDef(internals(z.string().max(1)).def.checks![0]!).when;
const { codePointLength } = z.util;

/** Whether zod says yes to the value — compiled from `schema` once, asked many times. */
export function compileAccepts(schema: z.ZodType): (value: unknown) => boolean {
  const step = stepOf(schema as unknown as Node);
  return (value) => {
    const out = step(value);
    return out !== REFUSED && out !== UNSURE;
  };
}

/** A refusal or doubt passes up unchanged; anything else is the value passed on. */
const stopped = (out: Outcome): boolean => out === REFUSED || out === UNSURE;

function stepOf(node: Node): Step {
  const zod = internals(node);
  const def = zod.def;
  // A schema that is itself a check (z.email(), z.int(), refine's ZodCustom…) runs itself as one.
  const checks = zod.traits.has('$ZodCheck') ? [node, ...(def.checks ?? [])] : (def.checks ?? []);
  const parse = def.coerce ? null : parseOf(node);
  if (!parse) return viaZod(node);
  if (checks.length === 0) return parse;
  const steps = checks.map(checkStep);
  // zod parses first and runs the checks on what the parse gave, in order.
  return (value) => {
    let out = parse(value);
    for (let i = 0; i < steps.length && !stopped(out); i++) out = steps[i]!(out);
    return out;
  };
}

/** The node's own parse (without its checks), or null for a kind this does not model. */
function parseOf(node: Node): Step | null {
  const zod = internals(node);
  const def = zod.def;
  switch (def.type) {
    case 'string':
      return (v) => (typeof v === 'string' ? v : REFUSED);
    case 'number':
      return (v) => (typeof v === 'number' && Number.isFinite(v) ? v : REFUSED);
    case 'boolean':
      return (v) => (typeof v === 'boolean' ? v : REFUSED);
    case 'enum':
    case 'literal': {
      const values = zod.values!;
      return (v) => (values.has(v) ? v : REFUSED);
    }
    case 'nullable': {
      const inner = stepOf(def.innerType as Node);
      return (v) => (v === null ? null : inner(v));
    }
    case 'optional': {
      const innerNode = def.innerType as Node;
      const inner = stepOf(innerNode);
      // z.exactOptional() hands undefined to its inner schema, as it does any value.
      if (zod.traits.has('$ZodExactOptional')) return inner;
      // Absent, a defaulted inner schema gives its default; zod takes undefined if that fails.
      if (internals(innerNode).optin === 'defaulted') {
        return (v) => {
          const out = inner(v);
          return v === undefined && out === REFUSED ? undefined : out;
        };
      }
      return (v) => (v === undefined ? undefined : inner(v));
    }
    case 'default': {
      const inner = stepOf(def.innerType as Node);
      return (v) => {
        if (v === undefined) return def.defaultValue;
        const out = inner(v);
        return out === undefined ? def.defaultValue : out;
      };
    }
    case 'pipe': {
      if (def.transform) return null; // a codec: its own transform sits between in and out
      const left = stepOf(def.in as Node);
      const right = stepOf(def.out as Node);
      return (v) => {
        const out = left(v);
        return stopped(out) ? out : right(out);
      };
    }
    case 'transform': {
      const transform = def.transform as (value: unknown, payload: Payload) => unknown;
      return (v) => {
        const payload = new TransformPayload(v);
        const out = transform(v, payload);
        if (out instanceof Promise) return UNSURE;
        return payload.issues.length > 0 ? REFUSED : out;
      };
    }
    case 'union': {
      // An exclusive (xor) or discriminated union decides otherwise: zod runs it.
      if (def.inclusive === false || def.discriminator !== undefined) return null;
      const options = (def.options as Node[]).map(stepOf);
      return (v) => {
        // The first option that takes the value gives it, as in zod; a doubt before it is a doubt.
        for (const option of options) {
          const out = option(v);
          if (out !== REFUSED) return out;
        }
        return REFUSED;
      };
    }
    case 'array': {
      const element = stepOf(def.element as Node);
      return (v) => {
        if (!Array.isArray(v)) return REFUSED;
        const out: unknown[] = new Array(v.length);
        for (let i = 0; i < v.length; i++) {
          const item = element(v[i]);
          if (stopped(item)) return item;
          out[i] = item;
        }
        return out;
      };
    }
    default:
      return null;
  }
}

/** One check of a node, as zod's runChecks runs it on a value that has passed the node's parse. */
function checkStep(check: Node): Step {
  const def = checkDef(check);
  const when = def.when && def.when !== LENGTH_WHEN ? def.when : null;
  const test = checkTest(check);
  if (!when) return test;
  // A check with a condition of its own runs only when that condition holds, as in zod.
  return (v) => (when({ value: v, issues: [] }) ? test(v) : v);
}

function checkTest(check: Node): Step {
  const def = checkDef(check);
  const { minimum, maximum, length, pattern, value: bound, inclusive } = def;
  switch (def.check) {
    case 'max_length':
      // zod counts a string in code points; a string within the limit in UTF-16 units is within it.
      return (v) => ((v as string).length <= maximum! || (typeof v === 'string' && codePointLength(v) <= maximum!) ? v : REFUSED);
    case 'min_length':
      return (v) => {
        const units = (v as string).length;
        if (units < minimum!) return REFUSED;
        return typeof v !== 'string' || units >= minimum! * 2 || codePointLength(v) >= minimum! ? v : REFUSED;
      };
    case 'length_equals':
      return (v) => ((typeof v === 'string' ? codePointLength(v) : (v as unknown[]).length) === length ? v : REFUSED);
    case 'string_format':
      if (def.format !== 'regex' || !pattern) break;
      return (v) => {
        pattern.lastIndex = 0;
        return pattern.test(v as string) ? v : REFUSED;
      };
    case 'greater_than':
      if (typeof bound !== 'number') break;
      return inclusive ? (v) => ((v as number) >= bound ? v : REFUSED) : (v) => ((v as number) > bound ? v : REFUSED);
    case 'less_than':
      if (typeof bound !== 'number') break;
      return inclusive ? (v) => ((v as number) <= bound ? v : REFUSED) : (v) => ((v as number) < bound ? v : REFUSED);
    case 'number_format':
      if (def.format !== 'safeint') break;
      return (v) => (Number.isSafeInteger(v) ? v : REFUSED);
    case 'overwrite':
      if (!def.tx) break;
      return def.tx; // trim and its kind: the value the later checks see
    case 'custom':
      // refine: zod's ZodCustom calls the predicate with the value; a falsy answer is an issue.
      if (def.fn && internals(check).traits.has('$ZodCustom')) {
        const fn = def.fn;
        return (v) => {
          const ok = fn(v);
          if (ok instanceof Promise) return UNSURE;
          return ok ? v : REFUSED;
        };
      }
      break;
  }
  return viaZodCheck(check);
}

/** A check this does not model, run by zod's own code for it. */
function viaZodCheck(check: Node): Step {
  const run = internals(check).check;
  if (!run) return () => UNSURE;
  return (v) => {
    const payload: Payload = { value: v, issues: [] };
    const done = run(payload);
    if (done instanceof Promise) return UNSURE;
    return payload.issues.length > 0 ? REFUSED : payload.value;
  };
}

/** A node this does not model, run by zod itself. */
function viaZod(node: Node): Step {
  const zod = internals(node);
  return (v) => {
    const payload = zod.run({ value: v, issues: [] }, { async: false });
    if (payload instanceof Promise) return UNSURE;
    return payload.issues.length > 0 ? REFUSED : payload.value;
  };
}
