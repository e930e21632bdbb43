import * as tf from '@tensorflow/tfjs';
import { IMAGE_BYTES } from '../cifar10/classes';
import { openFileCache } from '../cifar10/cache';
import {
  loadCifar10,
  neededFiles,
  readManifest,
  siteFiles,
  TRAIN_FILE_COUNT,
  type Cifar10Data,
  type FileSource,
  type LoadProgress,
} from '../cifar10/load';
import type { DataSources } from '../data';
import { modelFiles } from '../efficientnet/files';
import { EngineInputError } from '../errors';
import { BASE_NAMES, cifar10 as cifar10Says, session as say } from '../messages';
import type { RunSpec, TransferBase } from '../spec';
import { throttleProgress } from '../throttle';
import type { UserImages } from '../transfer/images';
import { cacheModelFiles, loadModelWeights, MissingWeightsError } from '../transfer/weights';

/** Which weights a transfer base holds in this worker, and where they came from. */
export type BaseWeights =
  | {
      status: 'ready';
      base: TransferBase;
      /** 'network': downloaded now; 'cache': this browser's copy; 'file': a .h5 the student converted just now. */
      origin: 'network' | 'cache' | 'file';
      /** The model.json's userDefinedMetadata: `weights` ('imagenet', 'cifar10-6'), `source`, … */
      metadata: Record<string, unknown>;
      bytes: number;
    }
  | { status: 'missing'; base: TransferBase; message: string };

/** What loading CIFAR-10 with some training files would cost (cifar10Availability). */
export interface Cifar10Availability {
  /** Bytes still to download; 0 when this browser keeps every file. */
  missing: number;
  /** Bytes of all the files the load reads. */
  total: number;
  /** Whether this browser can keep the files for the next visit (Cache Storage). */
  keeps: boolean;
}

/**
 * The data a worker's runs share, loaded once per worker: CIFAR-10, the transfer bases'
 * converted weights (downloaded, cached or converted from a student's .h5), and the
 * student's own images.
 */
export class Datasets {
  private cifar10: { trainFiles: number; data: Promise<Cifar10Data> } | null = null;
  private bases: NonNullable<DataSources['bases']> = {};
  private userImages: UserImages | null = null;

  /** How many bytes a load of `trainFiles` training files would download, before asking for them. */
  async cifar10Availability(baseUrl: string, trainFiles: number): Promise<Cifar10Availability> {
    const cache = await openFileCache(baseUrl);
    const manifest = await readManifest(siteFiles(baseUrl), cache);
    let missing = 0;
    let total = 0;
    for (const name of neededFiles(trainFiles)) {
      const file = manifest.files[name];
      if (!file) throw new Error(cifar10Says.notInManifest(name));
      total += file.bytes;
      if (!(await cache?.get(name, file.sha256))) missing += file.bytes;
    }
    return { missing, total, keeps: cache !== null };
  }

  /**
   * Downloads (or reads from this browser's copy), checks and decodes CIFAR-10 once; later
   * calls reuse it unless they need more training files. A failed load can be retried.
   * `downloaded` says whether any file came over the network.
   */
  async loadCifar10(
    baseUrl: string,
    onProgress: (progress: LoadProgress) => void,
    trainFiles = TRAIN_FILE_COUNT,
  ): Promise<{ train: number; test: number; downloaded: boolean }> {
    let downloaded = false;
    if (!this.cifar10 || this.cifar10.trainFiles < trainFiles) {
      const site = siteFiles(baseUrl);
      const source: FileSource = (name, init) => {
        // The manifest is read from the site on every load; the dataset's files only when not kept.
        if (name !== 'manifest.json') downloaded = true;
        return site(name, init);
      };
      const data = loadCifar10(source, throttleProgress(onProgress), trainFiles, await openFileCache(baseUrl));
      this.cifar10 = { trainFiles, data };
    }
    const loading = this.cifar10;
    try {
      const data = await loading.data;
      return { train: data.trainLabels.length, test: data.testLabels.length, downloaded };
    } catch (error) {
      if (this.cifar10 === loading) this.cifar10 = null;
      throw error;
    }
  }

  /** CIFAR-10 as loaded by `loadCifar10`; refused before that. */
  async loadedCifar10(): Promise<Cifar10Data> {
    if (!this.cifar10) throw new Error(cifar10Says.notLoaded);
    return this.cifar10.data;
  }

  /** Raw RGB bytes of official test images (galleries, the convolution widget). */
  async testImages(indices: number[]): Promise<Uint8Array[]> {
    const { testImages } = await this.loadedCifar10();
    return indices.map((i) => testImages.slice(i * IMAGE_BYTES, (i + 1) * IMAGE_BYTES));
  }

  /**
   * Converted weights for a transfer base, from the site's own origin (model.json at
   * `modelUrl`) or this browser's cache. Absent weights are an answer, not an error: the
   * page then offers the offline base.
   */
  async loadBase(base: TransferBase, modelUrl: string, onProgress: (progress: LoadProgress) => void): Promise<BaseWeights> {
    try {
      const loaded = await loadModelWeights(modelUrl, BASE_NAMES[base], throttleProgress(onProgress));
      this.bases[base] = loaded.artifacts;
      return { status: 'ready', base, origin: loaded.origin, metadata: loaded.metadata, bytes: loaded.bytes };
    } catch (error) {
      if (error instanceof MissingWeightsError) return { status: 'missing', base, message: error.message };
      throw error;
    }
  }

  /**
   * An official Keras file (efficientnetb0_notop.h5 or efficientnetb3_notop.h5) converted by
   * the project's converter, and kept in this browser's cache under the address the site
   * would serve those weights from (`modelUrls`), so it works offline from now on.
   */
  async convertBaseFile(bytes: Uint8Array, fileName: string, modelUrls: Record<'b0' | 'b3', string>): Promise<BaseWeights> {
    // Loaded on demand: the converter pulls in 4.8 MB of h5wasm.
    const { convertBaseFile } = await import('../transfer/baseFile');
    // Building the model to convert into needs some backend; a run's, if one is active already.
    await tf.ready();
    const { base, artifacts } = await convertBaseFile(bytes);
    const metadata = { weights: 'imagenet', source: fileName };
    artifacts.userDefinedMetadata = metadata;
    await cacheModelFiles(modelUrls[base], modelFiles(artifacts));
    this.bases[base] = artifacts;
    return { status: 'ready', base, origin: 'file', metadata, bytes: (artifacts.weightData as ArrayBuffer).byteLength };
  }

  /** The student's own images (decoded by the page) for runs with `user-images` data. */
  setUserImages(images: UserImages): void {
    if (images.images.length !== images.labels.length * images.side * images.side * 3) {
      throw new EngineInputError(say.userImagesSize);
    }
    this.userImages = images;
  }

  /** What a run of `spec` reads its data from. */
  async sourcesFor(spec: RunSpec): Promise<DataSources> {
    const sources: DataSources = { bases: this.bases };
    if (spec.data.kind === 'cifar10' || spec.data.kind === 'cifar10-classes') sources.cifar10 = await this.loadedCifar10();
    if (this.userImages) sources.userImages = this.userImages;
    return sources;
  }
}
