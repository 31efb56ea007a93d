/**
 * index.html: the bundle for reading. A platform's reviewer or a court expert unzips it and opens
 * this one file in any browser, offline: every item with its screenshot (by relative path, from
 * the item's folder) and its metadata, history and file digests. Labels are in English and
 * Simplified Chinese side by side, as bundles go to Chinese platforms too.
 *
 * Self-contained: inline CSS, no script, nothing fetched; a Content-Security-Policy forbids scripts
 * and remote loads outright. Every text from a capture (titles, shop names, notes: the sellers'
 * and users' words) goes through the escaping `html` template (./html-escape.ts). Saved pages are
 * named, not linked: they are the seller's markup and may carry scripts.
 */
import type { EvidenceChange, EvidenceEvent, EvidenceMarketplace, EvidenceStatus, ArtifactKind, Case } from '@/utils/protocol/evidence';
import { html, joinHtml, SafeHtml } from './html-escape';
import { leadScreenshot, type PlannedItem } from './layout';

export interface IndexPage {
  items: readonly PlannedItem[];
  case: Case | null;
  createdAt: string;
  extensionVersion: string;
  fingerprint: string;
}

const marketplaceNames: Record<EvidenceMarketplace, string> = {
  aliexpress: 'AliExpress · 速卖通',
  'aliexpress-ru': 'AliExpress Russia · 速卖通俄罗斯站',
  taobao: 'Taobao · 淘宝',
  tmall: 'Tmall · 天猫',
};

const statusNames: Record<EvidenceStatus, string> = {
  new: 'New · 新建',
  reported: 'Reported · 已投诉',
  'taken-down': 'Taken down · 已下架',
  rejected: 'Rejected · 投诉被驳回',
  dismissed: 'Dismissed · 不予处理',
};

const artifactNames: Record<ArtifactKind, string> = {
  'visible-screenshot': 'Visible screenshot · 可见区域截图',
  'full-page-screenshot': 'Full-page screenshot · 整页截图',
  'page-html': 'Saved page · 网页存档',
};

const style = `
body{font:15px/1.5 system-ui,"PingFang SC","Microsoft YaHei",sans-serif;margin:0 auto;max-width:1100px;padding:1.5em;color:#1d1d1f}
h1{margin:0 0 .5em}h2{margin:0 0 .5em;font-size:1.2em;overflow-wrap:anywhere}h3{font-size:1em;margin:1em 0 .3em}
article{border-top:2px solid #ccc;padding:1.5em 0}
table{border-collapse:collapse;width:100%}th,td{text-align:left;vertical-align:top;padding:.2em .6em .2em 0;overflow-wrap:anywhere}
th{width:14em;font-weight:600;color:#555}
img{max-width:100%;border:1px solid #ccc}
code{font:12px ui-monospace,monospace;overflow-wrap:anywhere}
.deleted{background:#fde8e8;border:1px solid #e99;padding:.5em}
.note{white-space:pre-wrap}
`;

/** Ours, not captured text: its quotes must stay quotes. */
const stylesheet = new SafeHtml(style);

const bytes = (size: number) => `${size.toLocaleString('en-US')} bytes · 字节`;

function describeChange(change: EvidenceChange, exportedCase: Case | null): SafeHtml {
  const caseName = (caseId: string) => (exportedCase?.id === caseId ? `${exportedCase.name} (${caseId})` : caseId);
  switch (change.type) {
    case 'note':
      return html`Note · 备注: <span class="note">${change.note}</span>`;
    case 'tags':
      return html`Tags · 标签: ${change.tags.join(', ')}`;
    case 'status':
      return html`Status · 状态: ${statusNames[change.status]}${change.comment ? ` — ${change.comment}` : ''}`;
    case 'case-added':
      return html`Added to case · 加入案件: ${caseName(change.caseId)}`;
    case 'case-removed':
      return html`Removed from case · 移出案件: ${caseName(change.caseId)}`;
    case 'deleted':
      return html`Deleted · 已删除: ${change.reason}`;
  }
}

const eventLine = (event: EvidenceEvent, exportedCase: Case | null) =>
  html`<li><code>${event.at}</code> ${event.by ? html`(${event.by}) ` : ''}${describeChange(event.change, exportedCase)} <small>#${event.sequence}</small></li>`;

const row = (label: string, value: SafeHtml | string | number) => html`<tr><th>${label}</th><td>${value}</td></tr>`;

function itemSection(planned: PlannedItem, page: IndexPage): SafeHtml {
  const { item, state, events } = planned;
  const { metadata } = item;
  const { listing, match } = metadata;
  const screenshot = leadScreenshot(planned);
  const deleted = state.deleted
    ? html`<p class="deleted">Deleted · 已删除 ${state.deleted.at}${state.deleted.by ? ` (${state.deleted.by})` : ''}: ${state.deleted.reason}. The screenshots and saved page were dropped; the record remains. · 截图与网页存档已删除，记录保留。</p>`
    : html``;
  const price = listing.price === null ? '—' : `${listing.price}${listing.currency ? ` ${listing.currency}` : ''}`;
  const shop = listing.shop ? [listing.shop.name, listing.shop.id && `id ${listing.shop.id}`, listing.shop.sellerId && `seller ${listing.shop.sellerId}`].filter(Boolean).join(' · ') : '—';
  const matched = match ? html`${match.title} <small>(${match.catalogueId}/${match.entryId}, ${Math.round(match.confidence * 100)}%)</small>` : html`— (no match · 未匹配)`;
  const files = planned.artifacts.map(({ descriptor, file }) => {
    const name = file === null ? html`<em>deleted · 已删除</em>` : descriptor.kind === 'page-html' ? html`<code>${file}</code>` : html`<a href="${file}"><code>${file}</code></a>`;
    return html`<li>${artifactNames[descriptor.kind]}: ${name}, ${bytes(descriptor.size)}, SHA-256 <code>${descriptor.sha256}</code></li>`;
  });
  return html`<article id="item-${item.sequence}">
<h2>#${item.sequence} · ${listing.title ?? '(no title · 无标题)'}</h2>
${deleted}${screenshot ? html`<p><a href="${screenshot.file!}"><img src="${screenshot.file!}" alt="${artifactNames[screenshot.descriptor.kind]}"></a></p>` : html``}
<table>
${row('Marketplace · 平台', marketplaceNames[metadata.marketplace])}
${row('Listing · 商品链接', html`<a href="${metadata.canonicalUrl}" rel="noreferrer">${metadata.canonicalUrl}</a>`)}
${row('Listing id · 商品编号', listing.id)}
${row('Price · 价格', price)}
${row('Shop · 店铺', shop)}
${row('Matched work · 匹配书目', matched)}
${row('Captured at (UTC) · 截取时间', metadata.capturedAt)}
${row('Captured by · 截取人', metadata.capturedBy || '—')}
${row('Page address · 页面地址', html`<code>${metadata.url}</code>`)}
${row('Browser · 浏览器', `${metadata.browser.name} ${metadata.browser.version}, ${metadata.viewport.width}×${metadata.viewport.height} @${metadata.devicePixelRatio}x`)}
${row('Status · 状态', statusNames[state.status])}
${row('Tags · 标签', state.tags.join(', ') || '—')}
${row('Note · 备注', html`<span class="note">${state.note || '—'}</span>`)}
${row('Evidence id · 证据编号', html`<code>${item.id}</code>`)}
${row('Metadata · 元数据', html`<code>${planned.metadataFile}</code>, SHA-256 <code>${item.metadataDigest}</code>`)}
${row('Chain link · 链接值', html`<code>${item.link}</code>`)}
</table>
<h3>Files · 文件</h3>
<ul>${joinHtml(files, '\n')}</ul>
<h3>History · 处理记录</h3>
<ol><li><code>${item.createdAt}</code> Captured · 截取 <small>#${item.sequence}</small></li>${joinHtml(events.map((event) => eventLine(event, page.case)))}</ol>
</article>`;
}

/** The page's complete text. */
export function indexHtml(page: IndexPage): string {
  const heading = page.case ? page.case.name : 'Selected evidence · 选定证据';
  const caseRows = page.case
    ? html`${row('Case · 案件', page.case.name)}${page.case.description ? row('Description · 说明', html`<span class="note">${page.case.description}</span>`) : html``}`
    : html``;
  const document = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src 'self' file: data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'">
<title>Evidence bundle · 证据包: ${heading}</title>
<style>${stylesheet}</style>
</head>
<body>
<header>
<h1>Evidence bundle · 证据包: ${heading}</h1>
<table>
${caseRows}
${row('Exported at (UTC) · 导出时间', page.createdAt)}
${row('Evidence items · 证据条数', page.items.length)}
${row('Exported by · 导出工具', `Colophon ${page.extensionVersion}`)}
${row('Signing key fingerprint · 签名密钥指纹', html`<code>${page.fingerprint}</code>`)}
</table>
<p>Every file of this bundle is listed with its SHA-256 in <code>manifest.json</code>, which is signed (<code>manifest.sig</code>) by the key above. Check the bundle with <code>npm run -s verify -- bundle.zip</code> and compare the fingerprint it prints with the one the sender’s Colophon shows.<br>
本证据包中每个文件的 SHA-256 均记录于 <code>manifest.json</code>，并由上述密钥签名（<code>manifest.sig</code>）。可用 <code>npm run -s verify -- bundle.zip</code> 核验，并将输出的密钥指纹与发送方 Colophon 中显示的指纹进行比对。</p>
</header>
<main>
${joinHtml(page.items.map((planned) => itemSection(planned, page)), '\n')}
</main>
</body>
</html>
`;
  return document.markup;
}
