/**
 * Page-wide keyboard shortcuts must not steal keys the user is typing or that a focused
 * control uses itself (space on a button, arrows in a slider or a select).
 */
export function isShortcut(event: KeyboardEvent): boolean {
  if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return false;
  const target = event.target as HTMLElement | null;
  if (!target || !(target instanceof HTMLElement)) return true;
  if (target.isContentEditable) return false;
  if (['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)) return false;
  if (target.closest('[role="application"]')) return false;
  // A focused button already answers space and Enter on its own.
  if (target.tagName === 'BUTTON' && (event.key === ' ' || event.key === 'Enter')) return false;
  return true;
}

/** The shortcuts, as the help overlay lists them. */
export const SHORTCUTS: readonly { keys: string; what: string }[] = [
  { keys: 'Espacio', what: 'Entrenar o pausar' },
  { keys: '→', what: 'Un paso (una actualización)' },
  { keys: 'R', what: 'Reiniciar' },
  { keys: 'B', what: 'Cambiar de motor de cálculo' },
  { keys: 'F', what: 'Pantalla completa' },
  { keys: 'P', what: 'Modo proyector' },
  { keys: '?', what: 'Mostrar u ocultar esta ayuda' },
];
