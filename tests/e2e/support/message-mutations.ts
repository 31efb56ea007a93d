/**
 * Breaks valid messages (message-generator.ts): a value of the wrong type, a key removed, a string
 * or array past its bound, a number past the edge, a URL of another scheme, nesting; and writes
 * unknown types and prototype-shaped messages. Each with the same seeded random source.
 */
import { responses } from '@/utils/messages';
import type { GeneratorWorld } from './message-generator';
import { edgeNumbers, hostileTexts, hostileUrls, own, prototypeKeys, prototypePayloads, Random, wire, wrongTypes } from './message-values';

export class MessageBreaker {
  private readonly urls: string[];
  private readonly numbers: unknown[];

  constructor(
    private readonly random: Random,
    world: GeneratorWorld,
  ) {
    this.urls = hostileUrls({ ...world.urls, extensionBase: world.extensionBase });
    this.numbers = edgeNumbers(world.tabIds);
  }

  /** A copy of `valid` broken at one or two random places. */
  mutate(valid: unknown): unknown {
    const { random } = this;
    // A copy: payloads under prototype keys are shared between messages. JSON keeps own "__proto__" keys.
    const message: unknown = JSON.parse(JSON.stringify(valid));
    for (let times = 1 + random.int(2); times > 0; times--) {
      const places = placesIn(message);
      if (places.length === 0) break;
      const [parent, key] = random.pick(places);
      const mutation = random.weighted({ remove: 2, type: 3, oversize: 2, number: 2, url: 1, text: 1, deep: 1, long: 1 });
      if (mutation === 'remove') {
        if (Array.isArray(parent)) parent.splice(Number(key), 1);
        else delete (parent as Record<string, unknown>)[key];
        continue;
      }
      // Copied in, as the pools' objects are shared and a second mutation may land inside this one.
      (parent as Record<string, unknown>)[key] = JSON.parse(JSON.stringify(this.breaking(mutation, (parent as Record<string, unknown>)[key])) ?? 'null');
    }
    return message;
  }

  private breaking(mutation: 'type' | 'oversize' | 'number' | 'url' | 'text' | 'deep' | 'long', current: unknown): unknown {
    const { random } = this;
    switch (mutation) {
      case 'type':
        return random.pick(wrongTypes);
      case 'oversize':
        return wire.repeat(random.pick(['A', '\u202e', '书', '\u0000', '<b>']), random.chance(0.01) ? 1_000_001 : random.pick([41, 101, 201, 501, 1001, 2001, 4001, 10_001, 100_001]));
      case 'number':
        return random.pick(this.numbers);
      case 'url':
        return random.pick(this.urls);
      case 'text':
        return random.pick(hostileTexts);
      case 'deep':
        return wire.nest(random.pick(wrongTypes), random.pick([10, 100, 1000]), random.pick(['a', '__proto__', 'constructor']));
      case 'long': {
        // Copies of what was there, if small: copies of a megabyte string would be a gigabyte.
        const text = JSON.stringify(current ?? null);
        return wire.array(text.length < 200 && !text.includes('"$') ? current ?? null : null, random.pick([21, 51, 101, 1001]));
      }
    }
  }

  /** A type name close to a real one, or nothing like it. */
  unknownType(): unknown {
    const real = this.random.pick(Object.keys(responses));
    return this.random.pick([
      'content:delete-everything',
      'background:capture-step',
      `${real} `,
      `${real}\u0000`,
      `\u202e${real}`,
      `${real}\u200b`,
      real.toUpperCase(),
      real.replace(':', '\uff1a'),
      '__proto__',
      'constructor',
      'toString',
      '',
      wire.repeat('popup:', 10_000),
      7,
      null,
      [real],
      { toString: real },
    ]);
  }

  /** A message with a key that would reach a prototype if the background merged what it receives. */
  prototypeShaped(valid: Record<string, unknown>): unknown {
    const { random } = this;
    switch (random.int(4)) {
      case 0:
        return own({}, '__proto__', valid);
      case 1:
        return own({ ...valid }, random.pick(prototypeKeys), random.pick(prototypePayloads));
      case 2:
        return own(own({ ...valid }, '__proto__', { polluted: 'colophon-fuzz' }), 'constructor', { prototype: { polluted: 'colophon-fuzz' } });
      default:
        return wire.nest(valid, random.pick([1, 2, 50]), random.pick(prototypeKeys));
    }
  }
}

/** Every (parent, key) pair in a message, wire directives taken as leaves. */
function placesIn(value: unknown, places: Array<[object, string]> = []): Array<[object, string]> {
  if (value === null || typeof value !== 'object') return places;
  const keys = Object.keys(value);
  if (keys.length === 1 && keys[0]!.startsWith('$')) return places;
  for (const key of keys) {
    places.push([value, key]);
    placesIn((value as Record<string, unknown>)[key], places);
  }
  return places;
}
