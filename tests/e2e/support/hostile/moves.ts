/**
 * What the hostile page does, besides watching: every 50 ms it spoofs WXT's content-script
 * handshake and Colophon-sounding events, and clicks, presses keys on and points at anything that
 * looks like Colophon's (the click-storm template: at whatever lies under the window's points and
 * every element in turn too); it echoes every message and synthetic event it did not make; it
 * floods the DOM; it proves that a payload inserted as markup would run under its CSP; and it
 * adds a listing card after load when the test asks.
 *
 * Runs in the page (stringified by attack-script.ts): no imports, nothing from outside its body.
 */
import type { AttackState } from './recorder';

export function installMoves(A: AttackState): void {
  const { native, config, findings } = A;
  const random = () => Math.random().toString(36).slice(2);
  const dispatch = (target: EventTarget, event: Event) => {
    A.ownEvents.add(event);
    native.dispatchEvent.call(target, event);
  };
  const post = (message: unknown) => {
    A.ownMessages.push(native.stringify(message));
    native.postMessage(message, '*');
  };

  // WXT's context announced each start with these (its newer copy stopped an older one on hearing them).
  A.every.push(() => {
    for (const id of ['', ...config.extensionIds]) {
      const started = id ? `${id}:marketplace:wxt:content-script-started` : 'wxt:content-script-started';
      const detail = { contentScriptName: 'marketplace', messageId: random() };
      dispatch(document, new native.CustomEvent(started, { detail }));
      dispatch(window, new native.CustomEvent(id ? `${id}:wxt:locationchange` : 'wxt:locationchange', { detail: { newUrl: location.href, oldUrl: location.href } }));
      post({ type: started, ...detail });
      post({ type: 'wxt:content-script-started', contentScriptName: 'marketplace', messageId: random(), extensionId: id });
    }
    dispatch(document, new native.CustomEvent('colophon:stop', { detail: { reason: 'page' } }));
    findings.spoofs++;
  });
  A.onForeignMessage.push((data) => {
    findings.echoes++;
    post(data);
  });
  A.onForeignEvent.push((event) => {
    findings.echoes++;
    dispatch(event.target ?? document, new native.CustomEvent(event.type, { detail: (event as CustomEvent).detail, bubbles: true, composed: true }));
  });

  // No synthetic click may take the page elsewhere; it still reaches every listener first.
  for (const type of ['click', 'submit', 'auxclick']) {
    native.addEventListener.call(window, type, (event) => !event.isTrusted && event.preventDefault(), true);
  }

  const all = native.getElementsByTagName.call(document, '*');
  let cursor = 0;
  let grid = 0;
  const poke = (element: Element, x: number, y: number) => {
    const at = { bubbles: true, cancelable: true, composed: true, clientX: x, clientY: y, view: window };
    if (element instanceof HTMLElement) native.click.call(element);
    dispatch(element, new native.PointerEvent('pointerdown', at));
    dispatch(element, new native.MouseEvent('mousedown', at));
    dispatch(element, new native.PointerEvent('pointerup', at));
    dispatch(element, new native.MouseEvent('mouseup', at));
    dispatch(element, new native.MouseEvent('click', at));
    for (const key of ['Enter', ' ']) {
      dispatch(element, new native.KeyboardEvent('keydown', { key, code: key === ' ' ? 'Space' : 'Enter', bubbles: true, cancelable: true, composed: true }));
      dispatch(element, new native.KeyboardEvent('keyup', { key, code: key === ' ' ? 'Space' : 'Enter', bubbles: true, cancelable: true, composed: true }));
    }
    findings.storm.clicks++;
    findings.storm.keys += 4;
  };
  const centre = (element: Element) => {
    const box = native.getBoundingClientRect.call(element);
    return [box.left + box.width / 2, box.top + box.height / 2] as const;
  };
  A.every.push(() => {
    const start = native.now();
    findings.storm.ticks++;
    if (A.foreign.some((element) => element.isConnected)) findings.storm.ticksWithOurs++;
    // The viewport without scrollbars (a quirks-mode page's root reports no height).
    const width = visualViewport?.width ?? innerWidth;
    const height = visualViewport?.height ?? innerHeight;
    // Colophon's capture shows its progress in the bottom right corner: a page could tell.
    const corner = native.elementFromPoint.call(document, width - 24, height - 24);
    if (corner && A.foreign.includes(corner)) findings.storm.statusSeen++;
    // Anything that looks like ours: elements someone else added, and our custom names.
    const root = document.documentElement;
    const looksOurs = new Set([...A.foreign, ...Array.from(root.children).filter((element) => element !== document.head && element !== document.body)]);
    for (const element of looksOurs) {
      poke(element, ...centre(element));
      findings.storm.ourLookingClicks++;
    }
    if (document.activeElement) poke(document.activeElement, 0, 0);
    // The full storm: whatever lies under the points of the window (a row of the grid per tick)
    // and every element in turn, for as long as the tick's budget lasts.
    if (config.storm !== 'full') return;
    const rows = Math.ceil(height / 40);
    const y = (grid++ % rows) * 40 + 8;
    for (let x = 8; x < width; x += 40) {
      const element = native.elementFromPoint.call(document, x, y);
      if (element) poke(element, x, y);
    }
    while (all.length > 0 && native.now() - start < 25) {
      const element = all[cursor++ % all.length]!;
      poke(element, ...centre(element));
    }
  });

  if (config.payloadControl) {
    A.onLoaded.push(() => {
      const control = native.createElement.call(document, 'div');
      control.innerHTML = config.payloadControl!;
      native.appendChild.call(document.body ?? document.documentElement, control);
    });
  }

  if (config.flood === 'nodes') {
    // 100 000 elements (rows of a div and a span, in blocks of a thousand) in two bursts, the
    // second while Colophon may be reading the page. The blocks skip rendering while off screen
    // (content-visibility), as long pages do: the flood is for Colophon's queries and observer,
    // not for the browser's renderer.
    A.onLoaded.push(() => {
      const box = native.createElement.call(document, 'div');
      native.appendChild.call(document.body ?? document.documentElement, box);
      for (let burst = 0; burst < 2; burst++) {
        native.setTimeout(() => A.own(() => {
          for (let block = 0; block < 25; block++) {
            const rows = native.createElement.call(document, 'div');
            rows.style.contentVisibility = 'auto';
            for (let i = 0; i < 1000; i++) {
              const row = native.appendChild.call(rows, native.createElement.call(document, 'div')) as HTMLElement;
              row.className = `flood-${burst}-${block}-${i}`;
              native.appendChild.call(row, native.createElement.call(document, 'span')).textContent = `item ${i} ¥${i}.00`;
            }
            native.appendChild.call(box, rows);
          }
        }), 300 * burst);
      }
    });
  }
  if (config.flood === 'deep') {
    // The page's content at the bottom of 500 nested elements, beside a chain of 2 000. Deeper is
    // no page at all: at 3 000 levels Chromium's renderer crashes with no extension loaded, and
    // Firefox lays out nothing below about 1 000 (measured with these browsers).
    A.onLoaded.push(() => {
      const body = document.body;
      if (!body) return;
      const chain = (depth: number, tag: string) => {
        const top = native.createElement.call(document, tag);
        let bottom = top;
        for (let i = 1; i < depth; i++) bottom = native.appendChild.call(bottom, native.createElement.call(document, tag)) as HTMLElement;
        return [top, bottom] as const;
      };
      const [top, bottom] = chain(500, 'div');
      while (body.firstChild) native.appendChild.call(bottom, body.firstChild);
      native.appendChild.call(body, top);
      native.appendChild.call(body, chain(2000, 'span')[0]);
    });
  }

  // A card like the first one recognition reads from the DOM, for a new listing id.
  A.lateCard = (id) =>
    A.own(() => {
      const selectors = ['a[id^="item_id_"]', '.product[data-id]', 'a.search-card-item', '.m-itemlist .item', 'a[href*="/item/"]:has(img)', 'a[href*="item.htm"]:has(img)'];
      for (const selector of selectors) {
        const card = native.querySelectorAll.call(document, selector)[0];
        if (!card?.parentNode) continue;
        const html = card.outerHTML;
        const old = /item_id_(\d+)|data-n?id="(\d+)"|\/item\/(\d+)\.html|[?&]id=(\d+)/.exec(html);
        const oldId = old?.slice(1).find(Boolean);
        if (!oldId) continue;
        const holder = native.createElement.call(document, 'div');
        holder.innerHTML = html.split(oldId).join(id);
        if (!holder.firstElementChild) continue;
        native.appendChild.call(card.parentNode, holder.firstElementChild);
        return true;
      }
      return false;
    });
}
