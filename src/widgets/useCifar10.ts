import { useEffect, useState } from 'react';
import { IMAGES_PER_FILE, type Cifar10Availability } from '../engine/protocol';
import { useRemoteLoad, type LoadState } from './useRemoteLoad';
import type { SessionRef } from './useEngineSession';

/** The five training files and the test file: what 'all' asks for. */
const TRAIN_FILES = 5;

export type Cifar10State =
  | LoadState<{ train: number; test: number; downloaded: boolean }>
  /** Looking whether this browser keeps the files (a moment; nothing to show). */
  | { status: 'checking' }
  /** Not kept here: the size is said and the download waits for a click. */
  | ({ status: 'offer' } & Cifar10Availability);

/** The site's own copy, beside index.html, under whatever sub-path the site is served from. */
export const cifar10Url = () => new URL('data/cifar10/', document.baseURI).href;

/** The training files that hold the first `images` training images. */
export const trainFilesFor = (images: number) => Math.ceil(images / IMAGES_PER_FILE);

/**
 * CIFAR-10 loaded into a widget's worker, with progress and a retry. `trainFiles` says how
 * many training files the widget needs ('all', or 0 for the test images alone); null skips
 * the load (the transfer widget on the student's own images). With `askFirst`, files this
 * browser does not keep are not downloaded until the student agrees: the state is then an
 * offer with the size, and the returned action accepts it (it also retries after an error).
 * Kept files load at once, without asking.
 */
export function useCifar10(session: SessionRef, trainFiles: number | 'all' | null, askFirst = false): [Cifar10State, () => void] {
  const files = trainFiles === 'all' ? TRAIN_FILES : trainFiles;
  // The most training files the student agreed to download in this widget.
  const [agreed, setAgreed] = useState(-1);
  const [check, setCheck] = useState<{ files: number; result: Cifar10Availability | Error } | null>(null);
  const [attempt, setAttempt] = useState(0);
  const mustAsk = askFirst && files !== null && files > agreed;

  useEffect(() => {
    const remote = session.current;
    if (!remote || !mustAsk) return;
    let live = true;
    remote
      .cifar10Availability(cifar10Url(), files)
      .then((result) => live && setCheck({ files, result }))
      .catch((error: unknown) => live && setCheck({ files, result: error instanceof Error ? error : new Error(String(error)) }));
    return () => {
      live = false;
    };
  }, [session, files, mustAsk, attempt]);

  const checked = check?.files === files ? check.result : null;
  const kept = checked !== null && !(checked instanceof Error) && checked.missing === 0;
  const go = files !== null && (!mustAsk || kept);
  const [load, retry] = useRemoteLoad(session, go ? `cifar10:${files}` : null, (remote, onProgress) =>
    remote.loadCifar10(cifar10Url(), onProgress, files ?? undefined),
  );

  if (go || files === null) return [load, retry];
  if (checked === null) return [{ status: 'checking' }, () => {}];
  if (checked instanceof Error) return [{ status: 'error', message: checked.message }, () => setAttempt((n) => n + 1)];
  return [{ status: 'offer', ...checked }, () => setAgreed(files)];
}
