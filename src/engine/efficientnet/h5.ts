import type { Dataset, Group } from 'h5wasm';
import { EngineInputError } from '../errors';
import { weightFiles as say } from '../messages';

/**
 * Reads the weights of a Keras 2 HDF5 weights file (the layout of `model.save_weights` and of
 * Keras's own `*_notop.h5` files): the root (or its `model_weights` group) lists the layers in
 * the attribute `layer_names`; each layer's group lists its weights in `weight_names`, and each
 * weight is one dataset at `<layer>/<weight name>`, e.g. `block1a_dwconv/depthwise_kernel:0`.
 *
 * h5wasm's ES module build runs unchanged in Node and in the browser: the file goes into its
 * in-memory file system, is read whole, and is removed again.
 */

export interface StoredWeight {
  /** As stored, e.g. `block1a_dwconv/depthwise_kernel:0`. */
  name: string;
  shape: number[];
  values: Float32Array | Int32Array;
}

/** Layer name → that layer's weights, keyed by their last name part (`kernel`, `gamma`, …). */
export type StoredWeights = Map<string, Map<string, StoredWeight>>;

let fileCounter = 0;

export async function readKerasWeights(bytes: Uint8Array): Promise<StoredWeights> {
  if (!hasHdf5Signature(bytes)) throw new EngineInputError(say.notHdf5);
  // Loaded on demand: 4 MB of WebAssembly that only this feature needs.
  const h5wasm = (await import('h5wasm')).default;
  const { FS } = await h5wasm.ready;
  const path = `/keras-weights-${++fileCounter}.h5`;
  FS.writeFile(path, bytes);
  try {
    const file = new h5wasm.File(path, 'r');
    // h5wasm does not throw when HDF5 cannot open the file; it hands back an invalid id.
    if (file.file_id < 0n) throw new EngineInputError(say.damagedHdf5);
    try {
      const modelWeights = file.get('model_weights');
      return readLayers(modelWeights instanceof h5wasm.Group ? modelWeights : file, h5wasm);
    } finally {
      file.close();
    }
  } catch (error) {
    if (error instanceof EngineInputError) throw error;
    // h5wasm reports a damaged file with plain strings from the C library.
    throw new EngineInputError(say.damagedHdf5);
  } finally {
    FS.unlink(path);
  }
}

/** HDF5's 8-byte signature sits at offset 0, or after a user block of 512, 1024, 2048… bytes. */
function hasHdf5Signature(bytes: Uint8Array): boolean {
  const signature = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];
  for (let offset = 0; offset + signature.length <= bytes.length; offset = offset === 0 ? 512 : offset * 2) {
    if (signature.every((b, i) => bytes[offset + i] === b)) return true;
  }
  return false;
}

function readLayers(root: Group, h5wasm: typeof import('h5wasm').default): StoredWeights {
  const layerNames = stringList(root, 'layer_names');
  if (!layerNames) {
    throw new EngineInputError(say.notKeras);
  }
  const weights: StoredWeights = new Map();
  for (const layer of layerNames) {
    const group = root.get(layer);
    if (!(group instanceof h5wasm.Group)) continue;
    const byShortName = new Map<string, StoredWeight>();
    for (const name of stringList(group, 'weight_names') ?? []) {
      const dataset = group.get(name);
      if (!(dataset instanceof h5wasm.Dataset)) continue;
      const shortName = name.slice(name.lastIndexOf('/') + 1).replace(/:\d+$/, '');
      byShortName.set(shortName, { name, shape: dataset.shape ?? [], values: numbers(dataset, name) });
    }
    weights.set(layer, byShortName);
  }
  return weights;
}

/**
 * A list of names stored as a string attribute. Keras splits attributes too big for an HDF5
 * header into `name0`, `name1`, …, so those are joined back.
 */
function stringList(group: Group, attribute: string): string[] | null {
  const attrs = group.attrs;
  const read = (key: string): string[] => {
    const value = attrs[key]?.value;
    if (typeof value === 'string') return [value];
    // A layer without weights has an empty numeric array here.
    return Array.isArray(value) ? value.map(String) : [];
  };
  if (attribute in attrs) return read(attribute);
  if (!(`${attribute}0` in attrs)) return null;
  const parts: string[] = [];
  for (let i = 0; `${attribute}${i}` in attrs; i++) parts.push(...read(`${attribute}${i}`));
  return parts;
}

function numbers(dataset: Dataset, name: string): Float32Array | Int32Array {
  const dtype = typeof dataset.dtype === 'string' ? dataset.dtype : JSON.stringify(dataset.dtype);
  const raw = dataset.value;
  // A scalar dataset (Normalization's count) comes back as a bare number or bigint.
  const list = (ArrayBuffer.isView(raw) ? raw : [raw]) as ArrayLike<number | bigint>;
  if (/^[<>|=]?[fd]$/.test(dtype)) return Float32Array.from(list as ArrayLike<number>);
  // Keras stores Normalization's sample count as int64; tfjs weights hold int32 at most.
  if (/^[<>|=]?[bhilq]$/i.test(dtype)) return Int32Array.from(list, Number);
  throw new EngineInputError(say.dtype(name, dtype));
}
