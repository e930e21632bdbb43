import { CopyLinkButton } from '../ui/CopyLinkButton';
import { QrCode, QrDialogButton } from '../ui/QrCode';
import { iframeSnippet, shareUrl } from './embed';
import { useProjectorOn } from './projector';
import './LabShare.css';

/**
 * A lab's ways out: its link, the <iframe> that embeds it, and its QR code, on demand and, on
 * the projector, always in the corner so the room can open the projected configuration.
 */
export function LabShare({ route, title }: { route: string; title: string }) {
  const projector = useProjectorOn();
  const url = shareUrl(new URL(route, window.location.href).href);
  return (
    <>
      <span className="lab-share">
        <CopyLinkButton url={url} snippet={iframeSnippet(url, title)} />
        <QrDialogButton text={url} />
      </span>
      {projector ? <QrCode text={url} size={80} className="lab-qr" testId="projector-qr" /> : null}
    </>
  );
}
