import { useEffect, useState } from 'react';
import { CIFAR10_CLASSES, cifar10Sample, IMAGE_SIDE, type Cifar10Sample } from '../../engine/protocol';
import { PixelImage } from '../../ui/PixelImage';
import { cifar10Url } from '../useCifar10';
import './DataGallery.css';

/** Images of each class shown: enough to see the variety, few enough to cost ~100 kB. */
const PER_CLASS = 2;

/**
 * What the network will see, before it trains: real test images of CIFAR-10 with their
 * Spanish labels, two per class. They come from the first rows of the test file (about a
 * hundred kilobytes, or this browser's copy), read on the page, so the gallery shows at once
 * without the 139 MB download and without waiting for the worker.
 */
export function DataGallery() {
  const [sample, setSample] = useState<Cifar10Sample | Error | null>(null);
  useEffect(() => {
    let live = true;
    cifar10Sample(cifar10Url(), PER_CLASS)
      .then((s) => live && setSample(s))
      .catch((error: unknown) => live && setSample(error instanceof Error ? error : new Error(String(error))));
    return () => {
      live = false;
    };
  }, []);

  if (sample instanceof Error) {
    return (
      <p className="hint" data-testid="data-gallery-error">
        No se pudieron mostrar imágenes de ejemplo: {sample.message}
      </p>
    );
  }
  return (
    <figure className="data-gallery" data-testid="data-gallery" data-value={sample?.indices.length ?? 0} aria-busy={sample === null}>
      <figcaption>
        <strong>Los datos.</strong> Imágenes de 32 × 32 píxeles, {PER_CLASS} de cada una de las {CIFAR10_CLASSES.length} clases (del
        conjunto de prueba): la red recibe sus 3.072 números y debe decir la clase.
      </figcaption>
      <ul>
        {CIFAR10_CLASSES.map((name, c) => (
          <li key={name}>
            <div className="data-gallery-images">
              {sample
                ? sample.indices.map((index, i) =>
                    sample.labels[i] === c ? (
                      <span key={index} data-testid="data-gallery-item" data-value={c}>
                        <PixelImage rgb={sample.images[i]} side={IMAGE_SIDE} size={64} label={`Imagen de prueba ${index}: ${name}`} />
                      </span>
                    ) : null,
                  )
                : Array.from({ length: PER_CLASS }, (_, i) => <span key={i} className="data-gallery-placeholder" />)}
            </div>
            <span className="data-gallery-label">{name}</span>
          </li>
        ))}
      </ul>
    </figure>
  );
}
