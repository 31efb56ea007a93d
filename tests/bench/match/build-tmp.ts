import { buildMatchIndex } from '../../../utils/catalog/match';
import { readCatalogues } from './catalogues';
import { scaledCatalogue } from './scale';
const real = await readCatalogues();
const entries = scaledCatalogue(real, Number(process.argv[2] ?? 500000), 7);
for (let r = 0; r < 2; r++) {
  const t = performance.now();
  buildMatchIndex(entries);
  console.log('build', entries.length, Math.round(performance.now() - t), 'ms');
}
