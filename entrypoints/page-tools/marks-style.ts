/**
 * The marks' own styles, inside their shadow root, so neither the page's CSS nor ours leaks
 * across. Their words are drawn here from `data-text` (marks.ts says why); nothing in them can be
 * selected.
 */
export const marksStyle = `
:host { user-select: none; -webkit-user-select: none; }
[data-text]::before { content: attr(data-text); }
.layer { position: absolute; top: 0; left: 0; font: 12px/1.4 system-ui, 'PingFang SC', 'Microsoft YaHei', sans-serif; }
.mark { position: absolute; top: 0; left: 0; box-sizing: border-box; border: 3px solid #c2410c; border-radius: 6px; pointer-events: none; }
.mark.high { border-color: #b91c1c; box-shadow: 0 0 0 2px rgba(185, 28, 28, 0.25); }
.badge { pointer-events: auto; cursor: pointer; border: 0; border-radius: 0 0 6px 0; padding: 2px 8px; color: #fff; background: #b91c1c; font: inherit; font-weight: 600; }
.mark .badge { position: absolute; top: 0; left: 0; }
.medium .badge { background: #c2410c; }
.details { pointer-events: auto; position: absolute; top: 22px; left: 0; z-index: 1; max-width: 360px; padding: 8px 10px; border-radius: 6px; color: #1f2937; background: #fff; box-shadow: 0 4px 16px rgba(0, 0, 0, 0.25); }
.details { display: none; }
.details.open, .badge:hover ~ .details, .badge:focus-visible ~ .details, .details:hover { display: block; }
.details .entry { display: block; margin-bottom: 4px; }
.details .reasons { color: #4b5563; }
.banner { position: fixed; top: 12px; right: 12px; display: flex; gap: 8px; align-items: center; max-width: 480px; padding: 8px 12px; border-radius: 8px; color: #fff; background: #b91c1c; box-shadow: 0 4px 16px rgba(0, 0, 0, 0.3); pointer-events: auto; }
.banner.medium { background: #c2410c; }
.banner .badge { background: rgba(255, 255, 255, 0.2); border-radius: 4px; }
.banner .details { top: 100%; right: 0; left: auto; margin-top: 6px; }
.report { pointer-events: auto; cursor: pointer; border: 0; border-radius: 0 0 6px 0; padding: 2px 8px; color: #b91c1c; background: #fff; font: inherit; font-weight: 600; box-shadow: 0 1px 4px rgba(0, 0, 0, 0.3); }
.mark .report { position: absolute; top: 0; right: 0; border-radius: 0 0 0 6px; }
.banner .report { border-radius: 4px; }
.status { position: fixed; right: 16px; bottom: 16px; max-width: 360px; padding: 10px 14px; border-radius: 8px; color: #fff; background: #1f2937; box-shadow: 0 4px 16px rgba(0, 0, 0, 0.3); pointer-events: auto; }
.status[hidden] { display: none; }
.status.stored { background: #15803d; }
.status.failed { background: #b91c1c; }
`;
