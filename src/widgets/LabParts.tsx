import type { ReactNode } from 'react';
import { useContext } from 'react';
import { SettingsStoreContext } from './urlState';
import './LabParts.css';

/**
 * The lab's main picture. On a #/lab page it takes the right-hand column beside the controls,
 * so it is on screen without scrolling (DESIGN.md, "What a student sees first").
 */
export function Hero({ children, className, label }: { children: ReactNode; className?: string; label?: string }) {
  return (
    <div className={className ? `hero ${className}` : 'hero'} data-testid="hero" role={label ? 'group' : undefined} aria-label={label}>
      {children}
    </div>
  );
}

/**
 * The settings the lesson is not about, folded away under "Más opciones". Inside a lesson the
 * widget is small and every knob is there for a reason, so the fold opens by default.
 */
export function MoreOptions({ children, open }: { children: ReactNode; open?: boolean }) {
  const store = useContext(SettingsStoreContext);
  return (
    <details className="more-options" open={open ?? store !== 'url'}>
      <summary>Más opciones</summary>
      <div className="widget-controls">{children}</div>
    </details>
  );
}
