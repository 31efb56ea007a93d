/**
 * The built extension with its optional permissions granted, as after the user allowed them.
 * Colophon asks for `<all_urls>` only when the user wants one-click capture from the page's Report
 * buttons (browsers screenshot a tab only with it or with activeTab, which a click inside the page
 * does not grant). A browser under automation cannot answer the permission prompt, so the tests
 * that capture load a copy of the build whose manifest already holds what the user would grant.
 */
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const copies = new Map<string, Promise<string>>();

export function grantedBuild(build: string): Promise<string> {
  let copy = copies.get(build);
  if (!copy) {
    copy = (async () => {
      const target = join(await mkdtemp(join(tmpdir(), 'colophon-granted-')), 'extension');
      await cp(build, target, { recursive: true });
      const path = join(target, 'manifest.json');
      const manifest = JSON.parse(await readFile(path, 'utf8')) as Record<string, string[] | undefined>;
      // MV3 (Chrome) keeps hosts apart; MV2 (Firefox) lists them among the permissions.
      const [granted, optional] = manifest.optional_host_permissions ? ['host_permissions', 'optional_host_permissions'] : ['permissions', 'optional_permissions'];
      manifest[granted] = [...new Set([...(manifest[granted] ?? []), ...(manifest[optional] ?? [])])];
      // Still declared optional: Firefox refuses permissions.request for anything not declared so
      // (the options page asks for the intake's origin even when it is granted already).
      if (optional === 'optional_host_permissions') delete manifest[optional];
      await writeFile(path, JSON.stringify(manifest, null, 2));
      return target;
    })();
    copies.set(build, copy);
  }
  return copy;
}
