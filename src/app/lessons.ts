import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { MDXProps } from 'mdx/types';

type MdxModule = { default: ComponentType<MDXProps> };

// Lazy glob: every lesson becomes its own chunk, loaded when its page opens.
const modules = import.meta.glob<MdxModule>('../../lessons/*.mdx');

function slugOf(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1).replace(/\.mdx$/, '');
}

/** MDX documents in lessons/, by file name without extension (lessons and the glossary). */
export const MDX_PAGES: Readonly<Record<string, LazyExoticComponent<ComponentType<MDXProps>>>> = Object.fromEntries(
  Object.entries(modules).map(([path, load]) => [slugOf(path), lazy(load)]),
);
