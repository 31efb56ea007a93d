/**
 * The hostile page's recorder: part of the first script of the page, run before the
 * marketplace's own markup is even parsed and long before Colophon (which starts at
 * document_idle). It notes everything a page can observe that it did not cause itself: DOM
 * mutations, window messages, synthetic events, events named after the extension, new globals;
 * and it holds the attack's state, which the test reads through `window.__attack.report()`.
 *
 * Runs in the page (stringified by attack-script.ts): no imports, nothing from outside its body.
 */
import type { AttackConfig, AttackFindings } from './attack-types';
import type { Natives } from './natives';

export interface AttackState {
  config: AttackConfig;
  native: Natives;
  started: number;
  /** Above zero while the attack's own code runs: patched functions do not count those calls. */
  busy: number;
  ownEvents: WeakSet<Event>;
  /** Serialised messages the attack posted and has not received back yet. */
  ownMessages: string[];
  /** Elements added by someone else than the page's parser and the attack: Colophon's, if any. */
  foreign: Element[];
  loaded: boolean;
  findings: AttackFindings;
  /** Runs `work` as the attack: its mutations are not noted, its calls not counted. */
  own<T>(work: () => T): T;
  /** Things done every 50 ms while the page lives (spoofs, clicks). */
  every: Array<() => void>;
  /** Things done once the document is parsed. */
  onLoaded: Array<() => void>;
  /** Called with every window message and untrusted event the attack did not make (moves.ts echoes them). */
  onForeignMessage: Array<(data: unknown) => void>;
  onForeignEvent: Array<(event: Event) => void>;
  /** Adds a listing card after load, as a marketplace's own script would (moves.ts). */
  lateCard(id: string): boolean;
  /** Filled in by probes.ts. */
  probe: { read(): void; shadows(): void };
  noteShadow(root: ShadowRoot, via: string): void;
  /** The findings as JSON (a string: the page may have broken its own JSON.parse). */
  report(): string;
}

export function installRecorder(config: AttackConfig, native: Natives): void {
  const page = window as unknown as Record<string, unknown>;
  const globalsBefore = new Set(Object.getOwnPropertyNames(window));
  const findings: AttackFindings = {
    template: config.template,
    foreignMutations: [],
    foreignMessages: [],
    foreignEvents: [],
    foreignCalls: {},
    newGlobals: [],
    shadowRoots: [],
    internals: [],
    text: { withOurs: {}, withoutOurs: {} },
    find: { hits: [] },
    pwned: [],
    payloadLive: false,
    storm: { ticks: 0, ticksWithOurs: 0, clicks: 0, keys: 0, ourLookingClicks: 0, statusSeen: 0 },
    spoofs: 0,
    echoes: 0,
    elements: 0,
    errors: [],
  };

  const describe = (node: unknown): string => {
    if (!(node instanceof Node)) return String(node);
    if (node instanceof Element) return `${node.tagName.toLowerCase()}${node.id ? `#${node.id}` : ''}`;
    return node.nodeName;
  };

  const A: AttackState = {
    config,
    native,
    started: native.now(),
    busy: 0,
    ownEvents: new WeakSet(),
    ownMessages: [],
    foreign: [],
    loaded: false,
    findings,
    every: [],
    onLoaded: [],
    onForeignMessage: [],
    onForeignEvent: [],
    lateCard: () => false,
    probe: { read: () => undefined, shadows: () => undefined },
    noteShadow(root, via) {
      const text = native.textContent(root) ?? '';
      const words: Record<string, number> = {};
      for (const word of config.words) if (text.includes(word)) words[word] = text.split(word).length - 1;
      if (!findings.shadowRoots.some((known) => known.via === via)) findings.shadowRoots.push({ via, mode: root.mode, words });
    },
    own(work) {
      take(observer.takeRecords());
      A.busy++;
      try {
        return work();
      } finally {
        A.busy--;
        observer.takeRecords();
      }
    },
    report() {
      return A.own(() => {
        A.probe.shadows();
        A.probe.read();
        // Numbered globals are the page's frames.
        findings.newGlobals = Object.getOwnPropertyNames(window).filter((name) => !globalsBefore.has(name) && !/^(__(attack|name|pwned|payloadLive)|\d+)$/.test(name));
        const pwned = document.documentElement.getAttribute('data-pwned');
        if (pwned && !findings.pwned.includes(pwned)) findings.pwned.push(pwned);
        if (page.__pwned !== undefined && !findings.pwned.includes(String(page.__pwned))) findings.pwned.push(String(page.__pwned));
        findings.payloadLive = page.__payloadLive === true;
        findings.elements = native.getElementsByTagName.call(document, '*').length;
        return native.stringify(findings);
      });
    },
  };
  page.__attack = A;

  // Mutations: every one after DOMContentLoaded that the attack did not make is someone else's.
  const take = (records: MutationRecord[]) => {
    if (!A.loaded) return;
    const at = Math.round(native.now() - A.started);
    for (const record of records) {
      const parent = describe(record.target);
      if (record.type === 'childList') {
        for (const node of Array.from(record.addedNodes)) {
          if (node instanceof Element) A.foreign.push(node);
          findings.foreignMutations.push({ kind: 'added', tag: describe(node), parent, at });
        }
        for (const node of Array.from(record.removedNodes)) findings.foreignMutations.push({ kind: 'removed', tag: describe(node), parent, at });
      } else if (record.type === 'attributes') {
        if (record.attributeName === 'data-pwned') findings.pwned.push(`attribute ${(record.target as Element).getAttribute('data-pwned')}`);
        findings.foreignMutations.push({ kind: 'attribute', tag: parent, parent, attribute: record.attributeName ?? '', at });
      } else findings.foreignMutations.push({ kind: 'text', tag: parent, parent, at });
    }
  };
  // Observed from DOMContentLoaded: the parser's own insertions are the page, and Colophon starts
  // only once the document is parsed (document_idle).
  const observer = new MutationObserver((records) => take(records));

  // Messages: the attack's own come back to it; any other is someone talking to the page.
  native.addEventListener.call(window, 'message', (event) => {
    const data = (event as MessageEvent).data;
    let text: string;
    try {
      text = native.stringify(data) ?? String(data);
    } catch {
      text = String(data);
    }
    const mine = A.ownMessages.indexOf(text);
    if (mine >= 0) return void A.ownMessages.splice(mine, 1);
    findings.foreignMessages.push(text.slice(0, 300));
    A.own(() => A.onForeignMessage.forEach((hook) => hook(data)));
  }, true);

  // Events: every type the page can name, on window and document, in the capture phase.
  const types = new Set<string>();
  for (const source of [window, Document.prototype, HTMLElement.prototype, Element.prototype]) {
    for (const key of Object.getOwnPropertyNames(source)) if (key.startsWith('on')) types.add(key.slice(2));
  }
  for (const id of ['', ...config.extensionIds]) {
    for (const name of ['wxt:content-script-started', 'marketplace:wxt:content-script-started', 'wxt:locationchange', 'colophon', 'colophon:ready', 'colophon:marks']) types.add(id ? `${id}:${name}` : name);
  }
  const named = new RegExp(['colophon', 'wxt', 'content-script', ...config.extensionIds.map((id) => id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))].join('|'), 'i');
  // Events seen while the attack's own code runs are its own (`element.click()` dispatches at once).
  const onEvent = (event: Event) => {
    if (A.busy > 0 || A.ownEvents.has(event)) return;
    if (event.isTrusted && !named.test(event.type)) return;
    findings.foreignEvents.push({ type: event.type, target: describe(event.target), trusted: event.isTrusted });
    if (!event.isTrusted) A.own(() => A.onForeignEvent.forEach((hook) => hook(event)));
  };
  for (const type of types) {
    native.addEventListener.call(window, type, onEvent, true);
    native.addEventListener.call(document, type, onEvent, true);
  }

  native.addEventListener.call(document, 'DOMContentLoaded', () => {
    observer.observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
    A.loaded = true;
    A.own(() => {
      for (const work of A.onLoaded) {
        try {
          work();
        } catch (error) {
          findings.errors.push(`onLoaded: ${String(error)}`);
        }
      }
    });
    // Spoofs and clicks every 50 ms from here on (Colophon cannot have started before).
    native.setInterval(() => {
      A.own(() => {
        for (const work of A.every) {
          try {
            work();
          } catch (error) {
            if (findings.errors.length < 20) findings.errors.push(`tick: ${String(error)}`);
          }
        }
      });
    }, 50);
  });
}
