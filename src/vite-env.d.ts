/// <reference types="vite/client" />
// Types for `import X from './leccion.mdx'` (default export: the MDX component).
/// <reference types="mdx" />
