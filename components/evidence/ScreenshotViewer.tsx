/**
 * A screenshot at a size the user chooses: fit to the width, its own pixels (100 %), or zoomed in
 * and out, panned by scrolling (or the arrow keys, once the picture has the focus). A full page
 * tens of thousands of pixels tall stays usable: the picture scrolls inside a frame of the
 * window's height, and zooming keeps the middle of what was shown in the middle.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { artifactBlob } from '@/utils/evidence/store';
import { t } from '@/utils/i18n';
import { useEvidencePage } from './context';
import { percent } from './format';

type Zoom = 'fit' | number;

const step = 1.25;
const smallest = 0.05;
const largest = 8;

interface Props {
  artifactId: string;
  label: string;
  kind: string;
}

export function ScreenshotViewer({ artifactId, label, kind }: Props) {
  const { db } = useEvidencePage();
  const [url, setUrl] = useState<string | null>(null);
  const [state, setState] = useState<'loading' | 'shown' | 'missing'>('loading');
  const [zoom, setZoom] = useState<Zoom>('fit');
  const [natural, setNatural] = useState<{ width: number; height: number } | null>(null);
  const frame = useRef<HTMLDivElement>(null);
  const centre = useRef<{ x: number; y: number } | null>(null);

  useEffect(() => {
    let made: string | null = null;
    let live = true;
    artifactBlob(db, artifactId).then(
      (blob) => {
        if (!live) return;
        if (!blob) return setState('missing');
        made = URL.createObjectURL(blob);
        setUrl(made);
        setState('shown');
      },
      () => live && setState('missing'),
    );
    return () => {
      live = false;
      if (made) URL.revokeObjectURL(made);
    };
  }, [db, artifactId]);

  // After a zoom, scroll so that the point that was in the middle of the frame is again.
  useLayoutEffect(() => {
    const box = frame.current;
    const kept = centre.current;
    if (!box || !kept) return;
    box.scrollLeft = kept.x * box.scrollWidth - box.clientWidth / 2;
    box.scrollTop = kept.y * box.scrollHeight - box.clientHeight / 2;
    centre.current = null;
  }, [zoom]);

  /** The scale a zoom shows the picture at: fitting the width is a scale too, once the size is known. */
  const scaleOf = (shown: Zoom): number => {
    if (shown !== 'fit') return shown;
    const box = frame.current;
    return box && natural?.width ? box.clientWidth / natural.width : 1;
  };

  /** Zooms from the zoom shown, the latest one however fast the clicks or keys come. */
  const zoomTo = (next: (shown: Zoom) => Zoom) => {
    const box = frame.current;
    if (box && box.scrollWidth > 0 && box.scrollHeight > 0) {
      centre.current = { x: (box.scrollLeft + box.clientWidth / 2) / box.scrollWidth, y: (box.scrollTop + box.clientHeight / 2) / box.scrollHeight };
    }
    setZoom((shown) => {
      const wanted = next(shown);
      return wanted === 'fit' ? 'fit' : Math.min(largest, Math.max(smallest, wanted));
    });
  };
  const zoomIn = () => zoomTo((shown) => scaleOf(shown) * step);
  const zoomOut = () => zoomTo((shown) => scaleOf(shown) / step);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === '+' || event.key === '=') zoomIn();
    else if (event.key === '-') zoomOut();
    else if (event.key === '0') zoomTo(() => 1);
    else return;
    event.preventDefault();
  };

  const width = zoom === 'fit' || !natural ? undefined : `${Math.round(natural.width * zoom)}px`;

  return (
    <figure class="screenshot" data-testid="screenshot-viewer" data-kind={kind} data-state={state} data-zoom={String(zoom)}>
      <figcaption>
        <span class="caption">{label}</span>
        {natural ? <span class="hint"> {t('evidenceImageSize', String(natural.width), String(natural.height))}</span> : null}
        <span class="zoom" role="group" aria-label={t('evidenceZoom')}>
          <button type="button" aria-pressed={zoom === 'fit'} data-testid="zoom-fit" onClick={() => zoomTo(() => 'fit')}>
            {t('evidenceZoomFit')}
          </button>
          <button type="button" aria-pressed={zoom === 1} data-testid="zoom-actual" onClick={() => zoomTo(() => 1)}>
            {t('evidenceZoomActual')}
          </button>
          <button type="button" aria-label={t('evidenceZoomOut')} title={t('evidenceZoomOut')} data-testid="zoom-out" onClick={zoomOut}>
            −
          </button>
          <button type="button" aria-label={t('evidenceZoomIn')} title={t('evidenceZoomIn')} data-testid="zoom-in" onClick={zoomIn}>
            +
          </button>
          <output class="hint" data-testid="zoom-level">
            {zoom === 'fit' ? t('evidenceZoomFit') : percent(zoom)}
          </output>
        </span>
      </figcaption>
      {state === 'missing' ? (
        <p class="hint">{t('evidenceImageGone')}</p>
      ) : (
        // Focusable so the arrow keys pan it; + and − zoom, 0 shows its own pixels.
        <div class={`frame ${zoom === 'fit' ? 'fit' : 'scaled'}`} ref={frame} tabIndex={0} aria-label={label} onKeyDown={onKeyDown}>
          {url ? (
            <img
              src={url}
              alt={label}
              decoding="async"
              style={width ? { width, maxWidth: 'none' } : undefined}
              onLoad={(event) => setNatural({ width: event.currentTarget.naturalWidth, height: event.currentTarget.naturalHeight })}
            />
          ) : null}
        </div>
      )}
    </figure>
  );
}
