import * as Comlink from 'comlink';
import { useState } from 'react';
import type { BaseWeights, TransferBase } from '../../engine/protocol';
import type { SessionRef } from '../useEngineSession';
import { WEIGHTS_PATHS } from './settings';
import { useRemoteLoad, type LoadState } from '../useRemoteLoad';

export type ReadyWeights = Extract<BaseWeights, { status: 'ready' }>;

export interface BaseInUse {
  weights: ReadyWeights;
  /** Why the offline base stands in for the one asked for (its weights are absent), or null. */
  fallback: string | null;
}

const weightsUrl = (base: TransferBase) => new URL(WEIGHTS_PATHS[base], document.baseURI).href;

/**
 * The weights of the base the URL asks for, loaded into the worker from the site (or this
 * browser's cache) with progress. Where they are absent the mini base stands in, and says
 * why. An official .h5 file dropped on the page is converted in the worker and used at once.
 */
export function useBaseWeights(session: SessionRef, requested: TransferBase, onBaseChange: (base: TransferBase) => void) {
  const [converted, setConverted] = useState<Partial<Record<TransferBase, ReadyWeights>>>({});
  const [conversion, setConversion] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  const fromFile = converted[requested];

  const [state, retry] = useRemoteLoad<BaseInUse>(session, `${requested}:${fromFile ? 'archivo' : 'sitio'}`, async (remote, onProgress) => {
    if (fromFile) return { weights: fromFile, fallback: null };
    const asked = await remote.loadBase(requested, weightsUrl(requested), onProgress);
    if (asked.status === 'ready') return { weights: asked, fallback: null };
    if (requested === 'mini') throw new Error(asked.message);
    const mini = await remote.loadBase('mini', weightsUrl('mini'), onProgress);
    if (mini.status !== 'ready') throw new Error(`${asked.message} ${mini.message}`);
    return { weights: mini, fallback: asked.message };
  });

  const convert = async (file: File) => {
    const remote = session.current;
    if (!remote) return;
    setConversion({ busy: true, error: null });
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      // Handed over, not copied: an official file is 16 to 44 MB.
      const weights = await remote.convertBaseFile(Comlink.transfer(bytes, [bytes.buffer]), file.name, {
        b0: weightsUrl('b0'),
        b3: weightsUrl('b3'),
      });
      if (weights.status !== 'ready') throw new Error(weights.message);
      setConverted((c) => ({ ...c, [weights.base]: weights }));
      setConversion({ busy: false, error: null });
      if (weights.base !== requested) onBaseChange(weights.base);
    } catch (error) {
      setConversion({ busy: false, error: error instanceof Error ? error.message : String(error) });
    }
  };

  return { state: state as LoadState<BaseInUse>, retry, convert, conversion };
}
