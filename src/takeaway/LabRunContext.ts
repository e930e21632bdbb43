import { createContext, useContext, useEffect, useSyncExternalStore } from 'react';
import type { EpochRecord } from '../engine/protocol';

/**
 * What a lab page's take-away panel needs from the widget it shows: the settings the widget
 * runs with (the values its spec builder takes) and the history of its main run. The widget
 * publishes them from the two shared hooks (useSettings, useTrainer), so no widget has to
 * know the panel exists. A plain store, not React state: a widget's updates must not
 * re-render the page around it.
 */
export class LabRunStore {
  private values: Readonly<Record<string, unknown>> | null = null;
  private history: readonly EpochRecord[] = [];
  private readonly listeners = new Set<() => void>();

  /** The lab's widget, e.g. `recta`: whose values these are. */
  constructor(readonly widget: string) {}

  readonly subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };

  getValues = () => this.values;
  getHistory = () => this.history;
  /** Subscribers re-render only when a run starts or ends having epochs, not on each epoch. */
  hasHistory = () => this.history.length > 0;

  /**
   * A widget may read its settings in parts (a first call for what picks the rest's defaults):
   * every part comes from the same URL, so they merge without conflict.
   */
  publishValues(values: Readonly<Record<string, unknown>>): void {
    this.values = { ...this.values, ...values };
    this.notify();
  }

  publishHistory(history: readonly EpochRecord[]): void {
    if (history === this.history) return;
    this.history = history;
    this.notify();
  }

  private notify(): void {
    this.listeners.forEach((listener) => listener());
  }
}

/** Present on lab pages only: lessons show several widgets and no take-away panel. */
export const LabRunContext = createContext<LabRunStore | null>(null);

/** Publishes `value` into the page's store (if any) whenever it changes. */
export function usePublish<T>(value: T, publish: (store: LabRunStore, value: T) => void, enabled = true): void {
  const store = useContext(LabRunContext);
  useEffect(() => {
    if (store && enabled) publish(store, value);
    // `publish` is a fixed accessor at each call site.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [store, enabled, value]);
}

/** The values the lab's widget runs with, or null before it has published them. */
export function useLabValues(store: LabRunStore): Readonly<Record<string, unknown>> | null {
  return useSyncExternalStore(store.subscribe, store.getValues);
}

export function useHasHistory(store: LabRunStore): boolean {
  return useSyncExternalStore(store.subscribe, store.hasHistory);
}
