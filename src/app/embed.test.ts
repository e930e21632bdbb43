import { describe, expect, it } from 'vitest';
import { embedUrl, iframeSnippet, shareUrl } from './embed';

const LAB = 'https://aula.example/lab/#/lab/puntos?datos=xor&proyector=1&capas=2';

describe('links to share and to embed', () => {
  it('the shared link keeps the configuration and drops the projector', () => {
    expect(shareUrl(LAB)).toBe('https://aula.example/lab/#/lab/puntos?datos=xor&capas=2');
    expect(shareUrl('https://aula.example/lab/#/lab/recta?proyector=0')).toBe('https://aula.example/lab/#/lab/recta');
  });

  it('embed=1 goes after the hash route, once', () => {
    expect(embedUrl(LAB)).toBe('https://aula.example/lab/#/lab/puntos?datos=xor&capas=2&embed=1');
    expect(embedUrl('https://aula.example/lab/#/lab/recta')).toBe('https://aula.example/lab/#/lab/recta?embed=1');
    expect(embedUrl('https://aula.example/lab/#/lab/recta?embed=1')).toBe('https://aula.example/lab/#/lab/recta?embed=1');
  });

  it('the iframe snippet is 800×600, titled, with its attributes escaped', () => {
    const html = iframeSnippet(LAB, 'La "red" <puntos>');
    expect(html).toContain('src="https://aula.example/lab/#/lab/puntos?datos=xor&amp;capas=2&amp;embed=1"');
    expect(html).toContain('width="800" height="600"');
    expect(html).toContain('title="La &quot;red&quot; &lt;puntos&gt;"');
    expect(html).toMatch(/^<iframe [^>]*><\/iframe>$/);
    expect(html).toContain('allow="fullscreen"');
  });

  it('only the transfer lab, which uses the webcam, asks for the camera', () => {
    expect(iframeSnippet('https://aula.example/lab/#/lab/transfer?base=mini', 'T')).toContain('allow="fullscreen; camera"');
  });
});
