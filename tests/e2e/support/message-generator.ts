/**
 * Writes valid messages for the background from the zod schemas of utils/messages.ts, filled with
 * the most hostile values each schema lets through (message-mutations.ts then breaks them).
 *
 * Our own small generator, seeded (message-values.ts), rather than a library: zod-fast-check, the
 * kept zod-to-fast-check generator, supports zod 3 and fast-check 3 only, and nothing kept on the
 * registry derives arbitraries from zod 4 schemas. It walks zod 4's own schema description
 * (`_zod.def`) and asks each leaf schema whether a candidate passes, so a new field or bound in
 * the protocol is picked up without editing this file; a kind of schema or string pattern it does
 * not know yet stops the run with a message saying so.
 */
import type { z } from 'zod';
import { Message } from '@/utils/messages';
import { wireMessages } from './message-pages';
import { edgeNumbers, hostileTexts, hostileUrls, own, prototypeKeys, prototypePayloads, Random, wire } from './message-values';

/** What the generator knows of the browser it writes for: the pages it may name. */
export interface GeneratorWorld {
  urls: { a: string; b: string; frame: string };
  extensionBase: string;
  /** Every tab open in the browser, the two marketplace tabs first. */
  tabIds: number[];
}

type Def = {
  type: string;
  shape?: Record<string, Schema>;
  options?: Schema[];
  innerType?: Schema;
  element?: Schema;
  entries?: Record<string, string>;
  values?: unknown[];
  format?: string;
  checks?: Array<{ _zod: { def: { check: string; maximum?: number; minimum?: number; pattern?: RegExp } } }>;
};
type Schema = z.ZodType & { _zod: { def: Def } };

/** A key left out of an object (a field with a default, written as absent). */
const omitted = Symbol('omitted');

/** Strings for the patterns of the protocol: listing ids, item ids (SHA-256), ISBNs, currencies. */
const patterns: Record<string, (random: Random) => string> = {
  '^\\d{5,20}$': (random) => random.pick(['00000', '99999999999999999999', '9007199254740993', '1005006180026951', '562283240178', digits(random, 5 + random.int(16))]),
  '^[0-9a-f]{64}$': (random) => random.pick(['0'.repeat(64), 'f'.repeat(64), Array.from({ length: 64 }, () => '0123456789abcdef'[random.int(16)]).join('')]),
  '^(\\d{9}[\\dX]|\\d{13})$': (random) => random.pick(['9787111407010', '000000000X', '9999999999999', digits(random, 9) + 'X']),
  '^[A-Z]{3}$': (random) => random.pick(['CNY', 'USD', 'RUB', 'XXX', 'AAA', 'ZZZ']),
};

function digits(random: Random, length: number): string {
  return Array.from({ length }, () => String(random.int(10))).join('');
}

/** Whether `value` (wire directives and all) passes `schema`, as the background would parse it. */
function passes(schema: Schema, value: unknown): boolean {
  return schema.safeParse(wireMessages(JSON.stringify([value]))[0]).success;
}

export class MessageGenerator {
  private readonly urls: string[];
  private readonly numbers: unknown[];

  constructor(
    private readonly random: Random,
    private readonly world: GeneratorWorld,
  ) {
    this.urls = hostileUrls({ ...world.urls, extensionBase: world.extensionBase });
    this.numbers = edgeNumbers(world.tabIds);
  }

  /** The message schema of one type. */
  static schemaOf(type: Message['type']): Schema {
    const options = (Message as unknown as Schema)._zod.def.options!;
    const schema = options.find((option) => option._zod.def.shape!.type!._zod.def.values![0] === type);
    if (!schema) throw new Error(`no schema for ${type}`);
    return schema;
  }

  /**
   * One large part per message at most (a string at its bound, an array at its length limit):
   * a thousand listings each with a hundred URLs at their bound would be hundreds of megabytes.
   */
  private large = true;

  /** A value that passes `schema`, its contents as hostile as the schema lets them be. */
  valid(schema: Schema): unknown {
    this.large = true;
    return this.walk(schema);
  }

  private walk(schema: Schema): unknown {
    const { random } = this;
    const def = schema._zod.def;
    switch (def.type) {
      case 'object': {
        const out: Record<string, unknown> = {};
        for (const [key, field] of Object.entries(def.shape!)) {
          const value = this.walk(field);
          if (value !== omitted) out[key] = value;
        }
        // Keys the schema does not know are dropped by the background: they may be anything.
        if (random.chance(0.1)) own(out, random.pick(prototypeKeys), random.pick(prototypePayloads));
        if (random.chance(0.05)) own(out, random.pick(hostileTexts), random.pick(hostileTexts));
        return out;
      }
      case 'union':
        return this.walk(random.pick(def.options!));
      case 'literal':
        return def.values![0];
      case 'enum':
        return random.pick(Object.values(def.entries!));
      case 'nullable':
        return random.chance(0.3) ? null : this.walk(def.innerType!);
      case 'default':
        return random.chance(0.3) ? omitted : this.walk(def.innerType!);
      case 'boolean':
        return random.chance(0.5);
      case 'number':
        return this.passing(schema, this.numbers, () => 0);
      case 'string':
        return this.string(schema);
      case 'array': {
        const { minimum = 0, maximum = 3 } = bounds(def);
        if (this.large && maximum <= 1000 && random.chance(0.03)) {
          this.large = false;
          return wire.array(this.walk(def.element!), maximum);
        }
        const length = Math.max(minimum, Math.min(maximum, random.int(4)));
        return Array.from({ length }, () => this.walk(def.element!));
      }
      default:
        throw new Error(`the message generator does not know zod's "${def.type}" yet: teach it (tests/e2e/support/message-generator.ts)`);
    }
  }

  private string(schema: Schema): unknown {
    const { random } = this;
    const def = schema._zod.def;
    const { maximum = 1000, pattern } = bounds(def);
    if (def.format === 'url') {
      const long = (base: string) => base + 'a'.repeat(Math.max(0, maximum - base.length));
      const atBound = this.large && random.chance(0.1) ? this.atBound(schema, long(random.pick([`${this.world.urls.a}#`, `${this.world.urls.b}&x=`]))) : null;
      return atBound ?? this.passing(schema, this.urls, () => this.world.urls.a);
    }
    if (pattern) {
      const write = patterns[pattern.source];
      if (!write) throw new Error(`the message generator cannot write strings matching /${pattern.source}/ yet: teach it (tests/e2e/support/message-generator.ts)`);
      return write(random);
    }
    // At the bound exactly, in characters a page should never get to show as they are.
    const atBound = this.large && random.chance(0.1) ? this.atBound(schema, wire.repeat(random.pick(['\u202e', '\u0000', '书', 'a', '\u200b']), maximum)) : null;
    return atBound ?? this.passing(schema, [...hostileTexts, random.pick(hostileTexts) + random.pick(hostileTexts)], () => 'x');
  }

  /** `candidate` if it passes (it takes this message's one large part), else null. */
  private atBound(schema: Schema, candidate: unknown): unknown {
    if (!passes(schema, candidate)) return null;
    this.large = false;
    return candidate;
  }

  /** A candidate that passes `schema`, tried in random order; `fallback` when none does. */
  private passing(schema: Schema, candidates: readonly unknown[], fallback: () => unknown): unknown {
    for (let tries = 0; tries < 12; tries++) {
      const candidate = this.random.pick(candidates);
      if (passes(schema, candidate)) return candidate;
    }
    return fallback();
  }
}

function bounds(def: Def): { minimum?: number; maximum?: number; pattern?: RegExp } {
  const out: { minimum?: number; maximum?: number; pattern?: RegExp } = {};
  for (const check of def.checks ?? []) {
    const { check: kind, maximum, minimum, pattern } = check._zod.def;
    if (kind === 'max_length') out.maximum = maximum;
    if (kind === 'min_length') out.minimum = minimum;
    if (kind === 'string_format' && pattern) out.pattern = pattern;
  }
  return out;
}
