/**
 * The fuzzing's code that runs inside the browser: in Colophon's content-script world of a
 * marketplace frame, in an extension page, or in Node. Each function here is self-contained (it
 * uses nothing from outside its own body), because the browser receives it as source text:
 * `Function.prototype.toString` of what vitest compiled.
 */

/**
 * Parses a batch of messages and expands the wire directives of message-values.ts. Node runs the
 * very same function to predict the answers, so what is predicted is what was sent.
 */
export function wireMessages(text: string): unknown[] {
  return JSON.parse(text, (_key, value: unknown) => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
    const keys = Object.keys(value);
    if (keys.length !== 1) return value;
    const arg = (value as Record<string, unknown>)[keys[0]!] as unknown[];
    switch (keys[0]) {
      case '$repeat':
        return String(arg[0]).repeat(arg[1] as number);
      case '$number':
        return Number(arg);
      case '$array':
        return Array.from({ length: arg[1] as number }, () => arg[0]);
      case '$nest': {
        let nested = arg[0];
        // A computed key makes an own property, "__proto__" included.
        for (let depth = 0; depth < (arg[1] as number); depth++) nested = { [arg[2] as string]: nested };
        return nested;
      }
      default:
        return value;
    }
  });
}

/** One answer as seen by the sender: the background's answer, no answer at all, or a sending error. */
export type SentAnswer = { answer: unknown } | { undefined: true } | { error: string };

/**
 * Sends every message of `text` with `runtime.sendMessage`, `concurrency` at a time, as the sender
 * it runs in; resolves with the answers, in order, as JSON text (so no browser turns an undefined
 * answer into something else on the way back).
 */
export async function sendWire(expand: (text: string) => unknown[], arg: { text: string; concurrency: number }): Promise<string> {
  const api = (globalThis as unknown as { browser?: typeof browser }).browser ?? (globalThis as unknown as { chrome: typeof browser }).chrome;
  const messages = expand(arg.text);
  const answers: unknown[] = new Array(messages.length);
  let next = 0;
  const work = async () => {
    while (next < messages.length) {
      const index = next++;
      try {
        const answer: unknown = await api.runtime.sendMessage(messages[index]);
        answers[index] = answer === undefined ? { undefined: true } : { answer };
      } catch (error) {
        answers[index] = { error: String((error as Error)?.message ?? error).slice(0, 300) };
      }
    }
  };
  await Promise.all(Array.from({ length: arg.concurrency }, work));
  return JSON.stringify(answers);
}

/** A store's contents, reduced to what tells a change: how many records, and a digest of them all. */
export interface StoreDigest {
  count: number;
  sha256: string;
}

export interface StoreSnapshot {
  /** Every IndexedDB database of the extension, by name: its version and each object store. */
  databases: Record<string, { version: number; stores: Record<string, StoreDigest> }>;
  local: StoreDigest;
  session: StoreDigest;
  /** storage.session itself (small: what Colophon saw on each tab), to predict the popup's answers. */
  sessionEntries: Record<string, unknown>;
}

/**
 * Reads every store of the extension and digests it; runs in an extension page. Records are
 * written out canonically (sorted keys; Blobs, buffers and dates by their bytes or time), so equal
 * contents give equal digests whatever the order they were read in.
 */
export async function storeSnapshot(): Promise<StoreSnapshot> {
  const api = (globalThis as unknown as { browser?: typeof browser }).browser ?? (globalThis as unknown as { chrome: typeof browser }).chrome;
  const hex = (bytes: ArrayBuffer) => Array.from(new Uint8Array(bytes), (byte) => byte.toString(16).padStart(2, '0')).join('');
  const sha256 = async (bytes: ArrayBuffer | Uint8Array) => hex(await crypto.subtle.digest('SHA-256', bytes as BufferSource));
  const canonical = async (value: unknown): Promise<unknown> => {
    if (value === null || typeof value !== 'object') return typeof value === 'number' && !Number.isFinite(value) ? { number: String(value) } : value;
    if (value instanceof Blob) return { blob: value.type, size: value.size, sha256: await sha256(await value.arrayBuffer()) };
    if (value instanceof ArrayBuffer) return { bytes: await sha256(value) };
    if (ArrayBuffer.isView(value)) return { bytes: await sha256(new Uint8Array(value.buffer, value.byteOffset, value.byteLength)) };
    if (value instanceof Date) return { date: value.getTime() };
    if (Array.isArray(value)) return Promise.all(value.map(canonical));
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) out[key] = await canonical((value as Record<string, unknown>)[key]);
    return out;
  };
  const digest = async (records: unknown[]): Promise<StoreDigest> => ({
    count: records.length,
    sha256: await sha256(new TextEncoder().encode(JSON.stringify(await canonical(records)))),
  });
  const request = <T>(req: IDBRequest<T>) =>
    new Promise<T>((resolve, reject) => {
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });

  const databases: StoreSnapshot['databases'] = {};
  // Only databases that exist: opening one by name would create it.
  for (const { name } of await indexedDB.databases()) {
    if (!name) continue;
    const db = await request(indexedDB.open(name));
    const stores: Record<string, StoreDigest> = {};
    for (const store of Array.from(db.objectStoreNames).sort()) {
      const objects = db.transaction(store).objectStore(store);
      const [keys, values] = await Promise.all([request(objects.getAllKeys()), request(objects.getAll())]);
      stores[store] = await digest(keys.map((key, index) => [key, values[index]]));
    }
    databases[name] = { version: db.version, stores };
    db.close();
  }
  const local = await api.storage.local.get(null);
  const session = await api.storage.session.get(null);
  const entries = (area: Record<string, unknown>) => Object.keys(area).sort().map((key) => [key, area[key]]);
  return { databases, local: await digest(entries(local)), session: await digest(entries(session)), sessionEntries: session };
}
