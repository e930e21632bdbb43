import * as Comlink from 'comlink';
import { useEffect, useState } from 'react';
import type { BackendPreference, ClassifierInfo } from '../../engine/protocol';
import { formatInteger, formatNumber } from '../../ui/format';
import { PixelImage } from '../../ui/PixelImage';
import { unzipPicked } from '../../takeaway/download';
import type { SessionRef } from '../useEngineSession';
import { SAVED_TRANSFER_KEY } from './ModelKeeper';
import { decodeSquare, OWN_IMAGE_SIDE } from './ownImages';
import { CameraView } from './CameraView';
import { useCamera } from './useCamera';
import { FileButton } from '../../ui/FileButton';

/** Frames the live view judges per second, at most: enough to follow a hand, light on the GPU. */
const LIVE_INTERVAL_MS = 300;

interface Judged {
  image: Uint8Array;
  probabilities: number[];
}

/** Square RGB images (as ownImages decodes them) through the saved model, in one call. */
async function judge(session: SessionRef, images: Uint8Array[], backend: BackendPreference): Promise<number[][]> {
  const bytes = new Uint8Array(images.length * OWN_IMAGE_SIDE * OWN_IMAGE_SIDE * 3);
  images.forEach((image, i) => bytes.set(image, i * image.length));
  return (await session.current!.classify(Comlink.transfer(bytes, [bytes.buffer]), OWN_IMAGE_SIDE, backend)).probabilities;
}

const best = (p: number[]) => p.indexOf(Math.max(...p));
const percent = (v: number) => `${formatNumber(v * 100, 1)} %`;

/** Each class's probability, the winner first in bold. */
function Verdict({ probabilities, names, testId }: { probabilities: number[]; names: string[]; testId: string }) {
  const top = best(probabilities);
  return (
    <div className="use-verdict" data-testid={testId} data-value={names[top]}>
      <strong>
        {names[top]}: {percent(probabilities[top])}
      </strong>
      <span className="hint">
        {names
          .map((n, i) => [n, i] as const)
          .filter(([, i]) => i !== top)
          .map(([n, i]) => `${n} ${percent(probabilities[i])}`)
          .join(' · ')}
      </span>
    </div>
  );
}

/** The camera, judged a few times a second while it is open. */
function LiveCamera({ session, names, backend }: { session: SessionRef; names: string[]; backend: BackendPreference }) {
  const camera = useCamera();
  const { video } = camera;
  const [live, setLive] = useState<number[] | null>(null);
  useEffect(() => {
    let stopped = false;
    let timer = 0;
    const tick = async () => {
      const frame = video.current;
      if (frame && frame.readyState >= 2 && session.current) {
        const [probabilities] = await judge(session, [await decodeSquare(frame)], backend);
        if (!stopped) setLive(probabilities);
      }
      if (!stopped) timer = window.setTimeout(() => void tick(), LIVE_INTERVAL_MS);
    };
    void tick();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
  }, [session, video, backend]);
  return (
    <CameraView camera={camera} label="Cámara en directo">
      {live ? <Verdict probabilities={live} names={names} testId="use-live-prediction" /> : null}
    </CameraView>
  );
}

/**
 * "Usar mi modelo": the Teachable Machine loop with fine-tuning. A model saved from this lab
 * (in this browser or as its zip) judges new photos, or the camera live.
 */
export function UseMyModel({ session, backend }: { session: SessionRef; backend: BackendPreference }) {
  const [model, setModel] = useState<ClassifierInfo | null>(null);
  const [judged, setJudged] = useState<Judged[]>([]);
  const [camera, setCamera] = useState(false);
  const [note, setNote] = useState<{ text: string; error: boolean } | null>(null);
  const act = (what: () => Promise<void>) => {
    if (!session.current) return;
    setNote(null);
    what().catch((error: unknown) => setNote({ text: error instanceof Error ? error.message : String(error), error: true }));
  };
  const load = (from: { key: string } | { files: File[] }) =>
    act(async () => {
      setModel(await session.current!.loadClassifier(from, backend));
      setJudged([]);
    });
  return (
    <section className="use-my-model widget-wide" aria-label="Usar mi modelo" data-testid="use-my-model">
      <h3>Usar mi modelo</h3>
      <p className="hint">
        Un modelo guardado desde este laboratorio (en este navegador o en su .zip) clasifica fotos nuevas o la cámara en directo, con la
        base y los bloques afinados incluidos.
      </p>
      <div className="widget-actions">
        <button type="button" data-testid="use-load-browser" onClick={() => load({ key: SAVED_TRANSFER_KEY })}>
          Cargar el guardado en este navegador
        </button>
        <FileButton
          multiple
          accept=".zip,.json,.bin"
          testId="use-load-file"
          onFiles={(files) => {
            if (files.length > 0) act(async () => load({ files: await unzipPicked(files) }));
          }}
        >
          Cargar un .zip descargado…
        </FileButton>
      </div>
      {note ? (
        <p className={note.error ? 'message message-error' : 'hint'} role="alert">
          {note.text}
        </p>
      ) : null}
      {model ? (
        <>
          <p className="hint" data-testid="use-model-info" data-value={model.names.join(',')}>
            Modelo cargado: {model.names.join(', ')}; {formatInteger(model.params)} parámetros, imágenes de {model.resolution}×
            {model.resolution}.
          </p>
          <div className="widget-actions">
            <FileButton
              multiple
              accept="image/*"
              testId="use-photos"
              onFiles={(files) =>
                act(async () => {
                  const images = await Promise.all(files.map((f) => decodeSquare(f)));
                  const probabilities = await judge(session, images, backend);
                  setJudged(images.map((image, i) => ({ image, probabilities: probabilities[i] })));
                })
              }
            >
              Clasificar fotos…
            </FileButton>
            <button type="button" data-testid="use-camera-toggle" onClick={() => setCamera((c) => !c)}>
              {camera ? 'Cerrar la cámara' : 'Cámara en directo'}
            </button>
          </div>
          {camera ? <LiveCamera session={session} names={model.names} backend={backend} /> : null}
          <ul className="use-judged">
            {judged.map(({ image, probabilities }, i) => (
              <li key={i}>
                <PixelImage rgb={image} side={OWN_IMAGE_SIDE} size={72} label={`Foto ${i + 1}`} />
                <Verdict probabilities={probabilities} names={model.names} testId="use-prediction" />
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
