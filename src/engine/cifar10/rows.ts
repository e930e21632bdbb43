import { Unzlib } from 'fflate';
import { cifar10 as say } from '../messages';

const SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];
/** RGB at 8 bits: each pixel's filter looks 3 bytes back. */
const PIXEL_BYTES = 3;

/** Undoes a scanline's PNG filter in place, given the row above (already unfiltered). */
function unfilter(type: number, row: Uint8Array, above: Uint8Array, name: string): void {
  for (let i = 0; i < row.length; i++) {
    const a = i >= PIXEL_BYTES ? row[i - PIXEL_BYTES] : 0;
    const b = above[i];
    const c = i >= PIXEL_BYTES ? above[i - PIXEL_BYTES] : 0;
    let predicted: number;
    if (type === 0) predicted = 0;
    else if (type === 1) predicted = a;
    else if (type === 2) predicted = b;
    else if (type === 3) predicted = (a + b) >> 1;
    else if (type === 4) {
      const p = a + b - c;
      const pa = Math.abs(p - a);
      const pb = Math.abs(p - b);
      const pc = Math.abs(p - c);
      predicted = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    } else throw new Error(say.notPng(name, `filtro ${type}`));
    row[i] = (row[i] + predicted) & 255;
  }
}

/**
 * The first `rows` rows of an 8-bit RGB PNG of rows `rowBytes` wide, read from a stream
 * that is cancelled as soon as they are decoded: a gallery of a few CIFAR-10 images costs
 * about a hundred kilobytes instead of the file's 23 MB. The chunks are parsed as they
 * arrive, since the pixels come in one long IDAT run.
 */
export async function readFirstRows(response: Response, rows: number, rowBytes: number, name: string): Promise<Uint8Array> {
  const out = new Uint8Array(rows * rowBytes);
  const zero = new Uint8Array(rowBytes);
  // The scanline being filled: its filter byte, then its pixels.
  const line = new Uint8Array(rowBytes + 1);
  let lineFill = 0;
  let row = 0;
  const inflate = new Unzlib((data) => {
    for (let at = 0; at < data.length && row < rows;) {
      const n = Math.min(line.length - lineFill, data.length - at);
      line.set(data.subarray(at, at + n), lineFill);
      lineFill += n;
      at += n;
      if (lineFill < line.length) break;
      const target = out.subarray(row * rowBytes, (row + 1) * rowBytes);
      target.set(line.subarray(1));
      unfilter(line[0], target, row === 0 ? zero : out.subarray((row - 1) * rowBytes, row * rowBytes), name);
      row += 1;
      lineFill = 0;
    }
  });

  // Small fixed pieces (signature, chunk heads, IHDR, CRCs) gather here; chunk data streams.
  const piece = new Uint8Array(16);
  let need = SIGNATURE.length;
  let fill = 0;
  let stage: 'signature' | 'head' | 'header' | 'data' | 'crc' = 'signature';
  let chunkType = '';
  let left = 0;
  const expect = (next: typeof stage, bytes: number) => {
    stage = next;
    need = bytes;
    fill = 0;
  };
  const complete = (bytes: Uint8Array) => {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
    if (stage === 'signature') {
      if (SIGNATURE.some((b, i) => bytes[i] !== b)) throw new Error(say.notPng(name, 'sin firma PNG'));
      expect('head', 8);
    } else if (stage === 'head') {
      left = view.getUint32(0);
      chunkType = String.fromCharCode(...bytes.subarray(4, 8));
      if (chunkType === 'IEND') throw new Error(say.tooFewRows(name, rows));
      if (chunkType === 'IHDR') expect('header', 13);
      else if (left === 0) expect('crc', 4);
      else stage = 'data';
    } else if (stage === 'header') {
      const [width, height, depth, colour, interlace] = [view.getUint32(0), view.getUint32(4), bytes[8], bytes[9], bytes[12]];
      if (width * PIXEL_BYTES !== rowBytes || depth !== 8 || colour !== 2 || interlace !== 0 || height < rows) {
        throw new Error(say.notSprite(name, { width, height, channels: colour === 2 ? 3 : 0, depth }, rows));
      }
      expect('crc', 4);
    } else expect('head', 8);
  };
  const feed = (bytes: Uint8Array) => {
    for (let at = 0; at < bytes.length && row < rows;) {
      if (stage === 'data') {
        const n = Math.min(left, bytes.length - at);
        if (chunkType === 'IDAT') inflate.push(bytes.subarray(at, at + n));
        at += n;
        left -= n;
        if (left === 0) expect('crc', 4);
        continue;
      }
      const n = Math.min(need - fill, bytes.length - at);
      piece.set(bytes.subarray(at, at + n), fill);
      fill += n;
      at += n;
      if (fill === need) complete(piece.subarray(0, need));
    }
  };

  if (!response.body) feed(new Uint8Array(await response.arrayBuffer()));
  else {
    const reader = response.body.getReader();
    try {
      while (row < rows) {
        const { done, value } = await reader.read();
        if (done) break;
        feed(value);
      }
    } finally {
      // The rest of the file is not wanted: stop its download.
      await reader.cancel().catch(() => undefined);
    }
  }
  if (row < rows) throw new Error(say.tooFewRows(name, rows));
  return out;
}
