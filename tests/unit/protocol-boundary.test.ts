/**
 * The boundary between the extension and the intake: the server reaches the extension's code only
 * through utils/protocol/, and utils/protocol/ is pure (zod, relative imports, no browser API), so
 * the server runs without the extension's build, its path aliases or its browser.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');

function sources(folder: string): string[] {
  return readdirSync(join(root, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)));
}

/** Every module a file imports or re-exports, as written. */
function imports(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((match) => match[1] ?? match[2]!);
}

const inside = (folder: string, path: string) => !relative(join(root, folder), path).startsWith('..');

describe('the protocol shared by the extension and the intake', () => {
  it('is all the intake imports of the extension', () => {
    const outside: string[] = [];
    let protocolImports = 0;
    for (const file of sources('intake/src')) {
      for (const specifier of imports(file)) {
        if (specifier.startsWith('@/')) outside.push(`${file}: ${specifier}`);
        if (!specifier.startsWith('.')) continue;
        const target = resolve(root, dirname(file), specifier);
        if (inside('utils/protocol', target)) protocolImports++;
        else if (!inside('intake', target)) outside.push(`${file}: ${specifier}`);
      }
    }
    expect(outside).toEqual([]);
    // The scan sees the imports it judges: the server does use the protocol.
    expect(protocolImports).toBeGreaterThan(10);
  });

  it('imports only zod and its own modules, and uses no browser API', () => {
    const files = sources('utils/protocol');
    expect(files.length).toBeGreaterThan(5);
    const found: string[] = [];
    for (const file of files) {
      for (const specifier of imports(file)) if (specifier !== 'zod' && !/^\.\/[\w-]+$/.test(specifier)) found.push(`${file}: imports ${specifier}`);
      const code = readFileSync(join(root, file), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      for (const api of code.match(/\b(?:browser|chrome|window|document|indexedDB|localStorage)\.\w+/g) ?? []) found.push(`${file}: uses ${api}`);
    }
    expect(found).toEqual([]);
  });

  it('is what the intake has as its own package, with the server dependencies the extension does not have', () => {
    const intake = JSON.parse(readFileSync(join(root, 'intake/package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const extension = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; workspaces: string[] };
    expect(extension.workspaces).toContain('intake');
    expect(Object.keys(intake.dependencies)).toEqual(expect.arrayContaining(['better-sqlite3', 'pg', 'zod']));
    expect(Object.keys(extension.dependencies)).not.toEqual(expect.arrayContaining(['better-sqlite3']));
    expect(Object.keys(extension.dependencies)).not.toContain('pg');
  });
});
