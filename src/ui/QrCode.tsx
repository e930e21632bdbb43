import { useEffect, useState } from 'react';
import { Dialog } from './Dialog';
import './QrCode.css';

/** The QR code of a link as an SVG data URL; the library loads only when a code is shown. */
function useQrImage(text: string): string | null {
  const [image, setImage] = useState<{ text: string; src: string } | null>(null);
  useEffect(() => {
    let live = true;
    void import('qrcode')
      // Medium error correction: still reads when the projector blurs or a corner is lit badly.
      .then(({ toString }) => toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }))
      .then((svg) => live && setImage({ text, src: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}` }))
      .catch(() => live && setImage(null));
    return () => {
      live = false;
    };
  }, [text]);
  return image?.text === text ? image.src : null;
}

/** A QR code a phone camera opens: black on white whatever the theme, so it always scans. */
export function QrCode({ text, size, className, testId }: { text: string; size: number; className?: string; testId?: string }) {
  const src = useQrImage(text);
  const classes = className ? `qr-code ${className}` : 'qr-code';
  if (!src) return <span className={classes} style={{ width: size, height: size }} aria-hidden="true" />;
  return (
    <img
      className={classes}
      src={src}
      width={size}
      height={size}
      alt="Código QR con el enlace a este laboratorio"
      data-testid={testId}
      data-value={text}
    />
  );
}

/** "Código QR": the code of `text` large, in a dialog. */
export function QrDialogButton({ text }: { text: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" aria-haspopup="dialog" onClick={() => setOpen(true)} data-testid="qr-open">
        Código QR
      </button>
      <Dialog open={open} onClose={() => setOpen(false)} title="Abre este laboratorio en tu móvil" testId="qr-dialog">
        <p>Apunta la cámara del móvil al código: abre esta misma configuración.</p>
        <QrCode text={text} size={320} className="qr-large" testId="qr-large" />
        <p className="qr-link">{text}</p>
      </Dialog>
    </>
  );
}
