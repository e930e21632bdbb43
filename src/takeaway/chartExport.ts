/**
 * A chart figure as a file: its <svg> (src/ui/chart/Plot.tsx) with every colour and font
 * written in (the page's CSS variables resolved, so the file looks the same outside the page),
 * with the figure's title above and its HTML legend drawn into the SVG where the page shows it,
 * and a PNG of the same picture drawn through a canvas.
 */

/** The properties that make the picture: copied from the computed style of each element. */
const STYLE_PROPERTIES = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'stroke-opacity',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'text-anchor',
  'dominant-baseline',
  'visibility',
];
const SVG_NS = 'http://www.w3.org/2000/svg';

/** Writes the computed look of each source element onto its clone, attributes with var() resolved. */
function inlineStyles(source: Element, clone: Element): void {
  const style = getComputedStyle(source);
  const inline = STYLE_PROPERTIES.map((p) => `${p}:${style.getPropertyValue(p)}`).join(';');
  clone.setAttribute('style', inline);
  for (const attribute of ['fill', 'stroke', 'stop-color']) {
    if (clone.getAttribute(attribute)?.includes('var(')) clone.setAttribute(attribute, style.getPropertyValue(attribute));
  }
  const sources = source.children;
  const clones = clone.children;
  for (let i = 0; i < sources.length; i++) inlineStyles(sources[i], clones[i]);
}

function text(x: number, y: number, content: string, attributes: Record<string, string>): SVGTextElement {
  const node = document.createElementNS(SVG_NS, 'text');
  node.setAttribute('x', String(x));
  node.setAttribute('y', String(y));
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.textContent = content;
  return node;
}

export interface ChartPicture {
  svg: string;
  width: number;
  height: number;
}

/** The figure's chart as a standalone SVG document, or null when it holds no chart yet. */
export function chartSvg(figure: HTMLElement): ChartPicture | null {
  const surface = figure.querySelector<SVGSVGElement>('svg.chart-svg');
  if (!surface) return null;
  const page = getComputedStyle(figure);
  const font = `font-family:${page.fontFamily};font-size:${page.fontSize}`;
  const title = figure.querySelector('.chart-title')?.textContent?.trim() ?? '';
  // The legend is HTML above or below the chart: each entry is redrawn where it stands.
  const frame = surface.getBoundingClientRect();
  const legend = Array.from(figure.querySelectorAll<HTMLElement>('.chart-legend-item')).map((item) => {
    const box = item.getBoundingClientRect();
    return {
      label: item.querySelector('.chart-legend-label')?.textContent ?? '',
      color: getComputedStyle(item).color,
      dashed: item.dataset.dashed === 'true',
      dot: item.dataset.dot === 'true',
      x: box.left - frame.left,
      y: box.top - frame.top + box.height / 2,
    };
  });
  const width = surface.clientWidth;
  const chartHeight = surface.clientHeight;
  // Room for a legend above the chart (negative y) and below it.
  const above = Math.max(0, ...legend.map((l) => 12 - l.y));
  const top = (title ? 28 : 0) + above;
  const height = top + Math.max(chartHeight, ...legend.map((l) => l.y + 12));
  const root = document.createElementNS(SVG_NS, 'svg');
  root.setAttribute('xmlns', SVG_NS);
  root.setAttribute('width', String(width));
  root.setAttribute('height', String(height));
  root.setAttribute('viewBox', `0 0 ${width} ${height}`);
  root.setAttribute('style', font);
  const background = document.createElementNS(SVG_NS, 'rect');
  background.setAttribute('width', '100%');
  background.setAttribute('height', '100%');
  // The figure's own background is usually transparent: the page's is what the reader saw.
  background.setAttribute('fill', getComputedStyle(document.body).backgroundColor);
  root.append(background);
  if (title) root.append(text(width / 2, 19, title, { 'text-anchor': 'middle', 'font-weight': '600', fill: page.color }));

  const chart = surface.cloneNode(true) as SVGSVGElement;
  inlineStyles(surface, chart);
  chart.setAttribute('x', '0');
  chart.setAttribute('y', String(top));
  chart.setAttribute('width', String(width));
  chart.setAttribute('height', String(chartHeight));
  root.append(chart);

  for (const { label, color, dashed, dot, x, y } of legend) {
    const at = top + y;
    // A line for a curve, a dot for data points, as the page's legend draws them.
    const line = document.createElementNS(SVG_NS, dot ? 'circle' : 'line');
    const attributes = dot
      ? { cx: x + 7, cy: at, r: 4, fill: color }
      : { x1: x, y1: at, x2: x + 14, y2: at, stroke: color, 'stroke-width': 3, 'stroke-dasharray': dashed ? '5 3' : 'none' };
    Object.entries(attributes).forEach(([k, v]) => line.setAttribute(k, String(v)));
    root.append(line, text(x + 18, at, label, { fill: color, 'dominant-baseline': 'central' }));
  }
  return { svg: new XMLSerializer().serializeToString(root), width, height };
}

/** The picture rasterised at `scale` × its size (sharp on a projector or in a report). */
export async function chartPng(picture: ChartPicture, scale = 2): Promise<Blob> {
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(picture.svg)}`;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(picture.width * scale);
  canvas.height = Math.round(picture.height * scale);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('No 2D canvas');
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('toBlob failed'))), 'image/png'),
  );
}

/** A file name from a chart's title: `Pérdida por época` → `perdida-por-epoca`. */
export function chartFileName(title: string): string {
  const slug = title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return slug || 'grafica';
}
