/** Every hostile bundle of the corpus: the container's (./hostile-bundle-corpus-zip.ts), then the files' and names' (./hostile-bundle-corpus-files.ts). */
import type { HostileCase } from './hostile-bundle-base';
import { fileCases } from './hostile-bundle-corpus-files';
import { zipCases } from './hostile-bundle-corpus-zip';

export { hostileBase, type Expected, type HostileBase, type HostileCase } from './hostile-bundle-base';

export const hostileCorpus: readonly HostileCase[] = [...zipCases, ...fileCases];
