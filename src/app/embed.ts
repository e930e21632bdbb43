import { useSearchParams } from 'react-router-dom';

/** `embed=1` after a #/lab route: the widget alone, for an <iframe> on another site. */
const EMBED_KEY = 'embed';
const PROJECTOR_KEY = 'proyector';

/** The size the snippet asks for; embed mode is laid out to fit it. */
const EMBED_SIZE = { width: 800, height: 600 };

// Only the transfer lab films the student (its webcam classes); no other embed needs the camera.
const CAMERA_ROUTES = ['#/lab/transfer'];

/**
 * Embed mode for the whole page: no site header or footer, no lab title. It is read from the
 * URL on every render (not remembered), since an iframe's URL always carries it.
 */
export function useEmbed(): boolean {
  const [params] = useSearchParams();
  return params.get(EMBED_KEY) === '1';
}

/** Changes the query that follows a hash route ("…/#/lab/x?a=1"), leaving the rest of the URL alone. */
function editHashQuery(url: string, edit: (params: URLSearchParams) => void): string {
  const parsed = new URL(url);
  const [route, query = ''] = parsed.hash.split('?');
  const params = new URLSearchParams(query);
  edit(params);
  const search = params.toString();
  parsed.hash = search ? `${route}?${search}` : route;
  return parsed.href;
}

/**
 * The link to hand to someone else: the same configuration, without the projector (the
 * instructor's display choice, not part of the demonstration).
 */
export function shareUrl(url: string): string {
  return editHashQuery(url, (params) => params.delete(PROJECTOR_KEY));
}

/** The shared link in embed mode. */
export function embedUrl(url: string): string {
  return editHashQuery(shareUrl(url), (params) => params.set(EMBED_KEY, '1'));
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** HTML to paste into a course page: the lab in embed mode, 800×600, titled for screen readers. */
export function iframeSnippet(url: string, title: string): string {
  const src = embedUrl(url);
  const route = new URL(src).hash.split('?')[0];
  const allow = CAMERA_ROUTES.includes(route) ? 'fullscreen; camera' : 'fullscreen';
  return (
    `<iframe src="${escapeAttribute(src)}" width="${EMBED_SIZE.width}" height="${EMBED_SIZE.height}" ` +
    `title="${escapeAttribute(title)}" style="border: 0; max-width: 100%" allow="${allow}" loading="lazy"></iframe>`
  );
}
