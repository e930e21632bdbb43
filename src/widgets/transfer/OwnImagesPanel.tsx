import { useState } from 'react';
import { formatInteger } from '../../ui/format';
import { PixelImage } from '../../ui/PixelImage';
import { heldOutCount } from '../../engine/protocol';
import { MAX_PER_CLASS, MIN_PER_CLASS, OWN_IMAGE_SIDE, type OwnImages } from './ownImages';
import { CameraView } from './CameraView';
import { useCamera } from './useCamera';
import { FileButton } from '../../ui/FileButton';

const THUMBNAILS = 6;

/** A camera preview that hands one frame to a class per press (optional: not every laptop has one). */
function Camera({
  onFrame,
  onClose,
  names,
}: {
  onFrame: (classIndex: number, frame: ImageBitmap) => void;
  onClose: () => void;
  names: string[];
}) {
  const camera = useCamera();
  const { video, error } = camera;
  return (
    <CameraView camera={camera} label="Cámara">
      <div className="camera-buttons">
        {names.map((name, i) => (
          <button
            key={i}
            type="button"
            disabled={!!error}
            onClick={() => {
              if (video.current) void createImageBitmap(video.current).then((f) => onFrame(i, f));
            }}
          >
            Foto para «{name}»
          </button>
        ))}
        <button type="button" onClick={onClose}>
          Cerrar la cámara
        </button>
      </div>
    </CameraView>
  );
}

/** Four classes of the student's own images: names, files (or camera frames), counts. */
export function OwnImagesPanel({
  own,
  names,
  onRename,
  disabled,
}: {
  own: OwnImages;
  names: string[];
  onRename: (i: number, name: string) => void;
  disabled: boolean;
}) {
  const [camera, setCamera] = useState(false);
  return (
    <section className="own-images" aria-label="Tus imágenes">
      <p className="hint">
        Añade imágenes de cuatro cosas distintas (al menos {MIN_PER_CLASS} por clase, mejor una veintena). Se recortan al cuadrado central;
        la última quinta parte de cada clase se aparta para validar.
      </p>
      <div className="own-classes">
        {own.perClass.map((images, i) => (
          <div className="own-class" key={i} data-testid={`own-class-${i}`}>
            <label className="control">
              Nombre de la clase {i + 1}
              <input
                type="text"
                defaultValue={names[i]}
                disabled={disabled}
                data-testid={`own-name-${i}`}
                onBlur={(e) => e.target.value.trim() && e.target.value.trim() !== names[i] && onRename(i, e.target.value.trim())}
              />
            </label>
            <FileButton
              accept="image/*"
              multiple
              disabled={disabled || own.busy}
              testId={`own-files-${i}`}
              onFiles={(files) => {
                if (files.length > 0) void own.add(i, files);
              }}
            >
              Añadir imágenes…
            </FileButton>
            <output className="own-count" data-testid={`class-count-${i}`} data-value={images.length}>
              {formatInteger(images.length)} {images.length === 1 ? 'imagen' : 'imágenes'}
              {images.length >= MIN_PER_CLASS ? ` (${formatInteger(heldOutCount(images.length))} para validar)` : ''}
            </output>
            <div className="own-thumbs">
              {images.slice(-THUMBNAILS).map((image, j) => (
                <PixelImage
                  key={images.length - THUMBNAILS + j}
                  rgb={image}
                  side={OWN_IMAGE_SIDE}
                  size={44}
                  label={`${names[i]}, imagen ${j + 1}`}
                />
              ))}
            </div>
            {images.length > 0 ? (
              <button type="button" disabled={disabled} onClick={() => own.clear(i)}>
                Vaciar
              </button>
            ) : null}
          </div>
        ))}
      </div>
      <button type="button" disabled={disabled} onClick={() => setCamera((c) => !c)} data-testid="camera-toggle">
        {camera ? 'Cerrar la cámara' : 'Usar la cámara'}
      </button>
      {camera ? <Camera names={names} onClose={() => setCamera(false)} onFrame={(i, frame) => void own.add(i, [frame])} /> : null}
      {own.busy ? (
        <p className="hint" role="status">
          Leyendo las imágenes…
        </p>
      ) : null}
      {own.error ? (
        <p className="message message-error" role="alert">
          {own.error}
        </p>
      ) : null}
      {!own.usable ? (
        <p className="hint" data-testid="own-missing">
          Cada clase necesita al menos {MIN_PER_CLASS} imágenes (máximo {MAX_PER_CLASS}).
        </p>
      ) : null}
    </section>
  );
}
