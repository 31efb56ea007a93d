/**
 * The attack as one inline script: the page-side parts (natives, recorder, probes, patches,
 * moves) as their source, called in order with the template's configuration. tsx, which runs the
 * bench, names functions through a helper (`__name`) that the page lacks: the script defines a
 * harmless one first.
 */
import type { AttackConfig } from './attack-types';
import { captureNatives } from './natives';
import { installMoves } from './moves';
import { installPatches } from './patches';
import { installProbes } from './probes';
import { installRecorder } from './recorder';

export function attackScript(config: AttackConfig): string {
  return [
    'var __name = (target) => target;',
    `(${installRecorder.toString()})(${JSON.stringify(config)}, (${captureNatives.toString()})());`,
    `(${installProbes.toString()})(window.__attack);`,
    `(${installMoves.toString()})(window.__attack);`,
    // Last: from here on the page's own functions are patched or broken.
    `(${installPatches.toString()})(window.__attack);`,
  ].join('\n');
}
