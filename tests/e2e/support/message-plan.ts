/**
 * The fuzzing run, planned before anything is sent: which messages, from which sender, and what
 * each must be answered. Seeded, so a failing run is replayed by its seed (COLOPHON_FUZZ_SEED).
 *
 * Senders: the extension page, Colophon's content-script world in the top frame of two marketplace
 * tabs (each may claim the other's page and tab), and the same world in an iframe of a
 * marketplace page. Each sender mostly sends what it may send (to reach the handlers with hostile
 * values), and otherwise anything.
 */
import { responses, type Message } from '@/utils/messages';
import { MessageGenerator, type GeneratorWorld } from './message-generator';
import { MessageBreaker } from './message-mutations';
import { predict, type ExpectWorld, type Prediction, type SenderContext } from './message-expect';
import { wireMessages } from './message-pages';
import { hostileTexts, Random, wire } from './message-values';

export type Category = 'valid' | 'mutated' | 'unknown-type' | 'non-object' | 'prototype' | 'deep' | 'huge' | 'extreme';

export interface PlannedMessage {
  context: SenderContext;
  category: Category;
  /** The message as JSON with wire directives: what is sent and expanded in the browser. */
  text: string;
  prediction: Prediction;
}

export interface Plan {
  sent: PlannedMessage[];
  /** Valid, allowed messages that would change a store: not sent in the hostile mix. */
  held: PlannedMessage[];
}

const types = Object.keys(responses) as Message['type'][];
const allowedFrom: Record<SenderContext, Message['type'][]> = {
  page: types.filter((type) => type.startsWith('popup:') || type.startsWith('page:')),
  'content-a': types.filter((type) => type.startsWith('content:')),
  'content-b': types.filter((type) => type.startsWith('content:')),
  // Nothing is allowed from a subframe: it tries everything.
  frame: types,
};

function planned(context: SenderContext, category: Category, value: unknown, world: ExpectWorld): PlannedMessage {
  const text = JSON.stringify(value);
  return { context, category, text, prediction: predict(wireMessages(`[${text}]`)[0], context, world) };
}

export function planMessages(seed: number, count: number, generatorWorld: GeneratorWorld, world: ExpectWorld): Plan {
  const random = new Random(seed);
  const generator = new MessageGenerator(random, generatorWorld);
  const breaker = new MessageBreaker(random, generatorWorld);
  const plan: Plan = { sent: [], held: [] };
  // Past the browsers' own limits, once each: over Chromium's 64 MiB, and nested 200,000 deep.
  const edge = { type: 'popup:get-tab-page', tabId: generatorWorld.tabIds[0] };
  plan.sent.push(planned('page', 'extreme', { ...edge, padding: wire.repeat('A', 64 * 1024 * 1024 + 1) }, world));
  plan.sent.push(planned('content-a', 'extreme', { ...edge, deep: wire.nest(null, 200_000, 'a') }, world));

  while (plan.sent.length < count) {
    const context = random.weighted<SenderContext>({ page: 35, 'content-a': 30, 'content-b': 15, frame: 20 });
    const type = random.pick(random.chance(0.7) ? allowedFrom[context] : types);
    const valid = generator.valid(MessageGenerator.schemaOf(type)) as Record<string, unknown>;
    const category = random.weighted<Category>({ valid: 45, mutated: 28, 'unknown-type': 7, 'non-object': 5, prototype: 8, deep: 5, huge: 1, extreme: 0 });
    const message = build(category, valid, breaker, random);
    const next = planned(context, category, message, world);
    (next.prediction.outcome === 'acts' ? plan.held : plan.sent).push(next);
  }
  return plan;
}

function build(category: Category, valid: Record<string, unknown>, breaker: MessageBreaker, random: Random): unknown {
  switch (category) {
    case 'valid':
    case 'extreme':
      return valid;
    case 'mutated':
      return breaker.mutate(valid);
    case 'unknown-type':
      return { ...valid, type: breaker.unknownType() };
    case 'non-object':
      return random.pick([null, 0, true, 'page:sync-now', random.pick(hostileTexts), [], [valid], [[[valid]]], wire.repeat('x', 100_000), wire.number('NaN')]);
    case 'prototype':
      return breaker.prototypeShaped(valid);
    case 'deep':
      return random.chance(0.5)
        ? { ...valid, extra: wire.nest(random.pick(hostileTexts), random.pick([100, 1000, 2000]), random.pick(['a', '__proto__', 'then'])) }
        : breaker.mutate({ ...valid, nested: wire.nest(valid, random.pick([10, 500]), 'a') });
    case 'huge':
      // Mostly a hundred thousand characters; now and then millions (they take the time).
      return { ...valid, [random.pick(['note', 'title', 'url', 'padding', '__proto__'])]: wire.repeat(random.pick(['A', '\u202e', '书']), Number(random.weighted({ 100000: 85, 1000000: 13, 4000000: 2 }))) };
  }
}

/** Valid reports of their own page from the two marketplace tabs' content scripts, hostile values and all. */
export function planReports(seed: number, perTab: number, generatorWorld: GeneratorWorld, world: ExpectWorld): PlannedMessage[] {
  const random = new Random(seed ^ 0x5eed);
  const generator = new MessageGenerator(random, generatorWorld);
  const reports: PlannedMessage[] = [];
  for (const [context, url] of [['content-a', generatorWorld.urls.a], ['content-b', generatorWorld.urls.b]] as const) {
    const sameOrigin = [url, `${url}#\u202e${random.pick(hostileTexts)}`, `${url}${url.includes('?') ? '&' : '?'}q=%00%E2%80%AE`];
    while (reports.filter((report) => report.context === context).length < perTab) {
      const valid = generator.valid(MessageGenerator.schemaOf('content:page-recognised')) as Record<string, unknown>;
      const next = planned(context, 'valid', { ...valid, url: random.pick(sameOrigin) }, world);
      if (next.prediction.outcome === 'acts') reports.push(next);
    }
  }
  return reports;
}
