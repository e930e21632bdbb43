import { useEffect, useRef, useState } from 'react';

/**
 * The laptop's camera in a <video>, open while the component is mounted (collecting photos
 * for a class, or classifying live with a saved model); an error in Spanish when there is none.
 */
export function useCamera() {
  const video = useRef<HTMLVideoElement>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let stream: MediaStream | null = null;
    navigator.mediaDevices
      ?.getUserMedia({ video: { width: 640, height: 480 } })
      .then((s) => {
        stream = s;
        if (video.current) video.current.srcObject = s;
      })
      .catch((e: unknown) => setError(`No se pudo abrir la cámara: ${e instanceof Error ? e.message : String(e)}.`));
    if (!navigator.mediaDevices) setError('Este navegador no da acceso a la cámara (hace falta https).');
    return () => stream?.getTracks().forEach((t) => t.stop());
  }, []);
  return { video, error };
}
