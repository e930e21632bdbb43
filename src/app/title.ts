const SITE = 'Laboratorio de redes neuronales';

/** Document title for a page; React 19 hoists <title> elements into <head>. */
export function pageTitle(page?: string): string {
  return page ? `${page} · ${SITE}` : SITE;
}
