import type { ReactNode } from 'react';
import type { useCamera } from './useCamera';

/** The camera's picture (or why there is none), with what acts on it below. */
export function CameraView({ camera, label, children }: { camera: ReturnType<typeof useCamera>; label: string; children: ReactNode }) {
  return (
    <div className="camera" role="group" aria-label={label}>
      {camera.error ? (
        <p className="message message-error" role="alert">
          {camera.error}
        </p>
      ) : (
        <video ref={camera.video} autoPlay playsInline muted width={240} height={180} />
      )}
      {children}
    </div>
  );
}
