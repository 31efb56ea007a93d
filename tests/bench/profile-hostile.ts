/**
 * Where Colophon's time goes on one hostile page: `npx tsx tests/bench/profile-hostile.ts
 * <template/site/page> …` visits each named page of the hostile corpus as the hostile-page bench
 * does (hostile-steps.ts), with V8's sampling profiler on, and prints the functions of the
 * content script and the page tools that the samples fell in (self time, and time with what they
 * called), heaviest first. A tool for finding what to shorten when the bench shows a task over
 * budget; the bench itself measures. Names are readable only in a build without minification
 * (`COLOPHON_READABLE_BUILD=1 npm run build`).
 */
import { catalogueFile, hostileCorpus } from '../e2e/support/hostile/corpus';
import { hostileChromium } from '../e2e/support/hostile/hostile-chromium';
import { benchVisit } from './hostile-steps';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const ours = /^chrome-extension:\/\/[^/]+\/(content-scripts\/|page-tools\.js)/;
const names = process.argv.slice(2);
const browser = await hostileChromium();
await browser.importCatalogue(catalogueFile);
for (const page of hostileCorpus().filter((page) => names.includes(page.name))) {
  const cdp = await browser.page.context().newCDPSession(browser.page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
  await cdp.send('Profiler.start');
  await benchVisit(browser, page);
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
  await cdp.detach();
  report(page.name, profile);
}
await browser.close();

function report(name: string, profile: Profile): void {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const label = (node: ProfileNode) => {
    const frame = node.callFrame;
    const file = frame.url.replace(/^.*\//, '');
    return `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber + 1}:${frame.columnNumber + 1}`;
  };
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let oursMs = 0;
  profile.samples.forEach((id, index) => {
    const ms = (profile.timeDeltas[index + 1] ?? 0) / 1000;
    const stack: ProfileNode[] = [];
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) stack.push(byId.get(at)!);
    if (!stack.some((node) => ours.test(node.callFrame.url))) return;
    oursMs += ms;
    // The leaf, even when it is a built-in (JSON.parse, querySelectorAll) our code called.
    self.set(label(stack[0]!), (self.get(label(stack[0]!)) ?? 0) + ms);
    for (const seen of new Set(stack.filter((node) => ours.test(node.callFrame.url)).map(label))) total.set(seen, (total.get(seen) ?? 0) + ms);
  });
  const top = (map: Map<string, number>) => [...map].sort((a, b) => b[1] - a[1]).slice(0, 25);
  console.log(`\n${name}: ${oursMs.toFixed(1)} ms in Colophon's scripts`);
  console.log('  self:');
  for (const [what, ms] of top(self)) console.log(`${ms.toFixed(1).padStart(9)}  ${what}`);
  console.log('  with callees:');
  for (const [what, ms] of top(total)) console.log(`${ms.toFixed(1).padStart(9)}  ${what}`);
}
