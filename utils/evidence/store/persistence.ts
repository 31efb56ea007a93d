/**
 * Asks the browser not to evict the extension's storage under pressure, so that nothing
 * is lost. Chrome grants it to extensions with `unlimitedStorage`; Firefox may ask the user. Where
 * the API is missing (some workers, tests), the answer is "not granted", never an exception.
 */
export async function requestPersistence(): Promise<boolean> {
  const storage = globalThis.navigator?.storage;
  if (typeof storage?.persist !== 'function') return false;
  try {
    return (await storage.persisted?.()) || (await storage.persist());
  } catch {
    return false;
  }
}
