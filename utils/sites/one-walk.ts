/**
 * Several selectors answered in one walk of the page. A selector that finds nothing makes the
 * browser pass every node, and a page flooded with a hundred thousand of them would be passed
 * once per selector; their union is walked once, and each element found is told to the selectors
 * it matches.
 */

/**
 * The elements each of `hooks` matches under `root` (of those named in `keys`, at least one: all by
 * default), each list in document order.
 */
export function elementsByHook<K extends string>(root: ParentNode, hooks: Readonly<Record<K, string>>, keys: readonly K[] = Object.keys(hooks) as K[]): Record<K, Element[]> {
  const found = {} as Record<K, Element[]>;
  for (const key of keys) found[key] = [];
  for (const element of Array.from(root.querySelectorAll(keys.map((key) => hooks[key]).join()))) {
    for (const key of keys) if (element.matches(hooks[key])) found[key].push(element);
  }
  return found;
}
