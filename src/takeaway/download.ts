import { strToU8, unzipSync, zipSync } from 'fflate';

/**
 * Every take-away is one file, so the browser asks once: a notebook, a CSV, an image, or a
 * zip where there are several parts.
 */
export function downloadBlob(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  // Give the browser time to start the download before the address dies.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function downloadText(name: string, text: string, type: string): void {
  downloadBlob(name, new Blob([text], { type: `${type};charset=utf-8` }));
}

/** Several files as one zip (stored as given: text and weights are what they are). */
export function zipFiles(files: Record<string, string | Uint8Array>): Uint8Array<ArrayBuffer> {
  const entries = Object.fromEntries(Object.entries(files).map(([name, body]) => [name, typeof body === 'string' ? strToU8(body) : body]));
  return zipSync(entries);
}

/** The files a student picks, with each zip this site gave them opened back into its parts. */
export async function unzipPicked(files: readonly File[]): Promise<File[]> {
  const out: File[] = [];
  for (const file of files) {
    if (!file.name.toLowerCase().endsWith('.zip')) {
      out.push(file);
      continue;
    }
    const entries = unzipSync(new Uint8Array(await file.arrayBuffer()));
    for (const [name, bytes] of Object.entries(entries)) out.push(new File([bytes as Uint8Array<ArrayBuffer>], name));
  }
  return out;
}
