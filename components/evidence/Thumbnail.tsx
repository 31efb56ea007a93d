/** A row's picture: its visible screenshot, small, made only once the row comes into view. */
import { useEffect, useRef, useState } from 'preact/hooks';
import { useEvidencePage } from './context';

export function Thumbnail({ artifactId }: { artifactId: string | null }) {
  const { thumbnails, views } = useEvidencePage();
  const box = useRef<HTMLSpanElement>(null);
  const [url, setUrl] = useState<string | null>(null);
  const [state, setState] = useState<'waiting' | 'shown' | 'none'>(artifactId ? 'waiting' : 'none');

  useEffect(() => {
    if (!artifactId || !box.current) return;
    let live = true;
    const load = () =>
      void thumbnails.get(artifactId).then((made) => {
        if (!live) return;
        setUrl(made);
        setState(made ? 'shown' : 'none');
      });
    const stop = views?.watch(box.current, load);
    if (!views) load();
    return () => {
      live = false;
      stop?.();
    };
  }, [artifactId, thumbnails, views]);

  return (
    <span class="thumbnail" ref={box} data-testid="evidence-thumbnail" data-state={state}>
      {url ? <img src={url} alt="" decoding="async" /> : null}
    </span>
  );
}
