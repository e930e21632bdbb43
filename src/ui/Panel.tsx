import type { ReactNode } from 'react';

export interface PanelProps {
  /** Optional heading shown at the top of the panel. */
  title?: ReactNode;
  children: ReactNode;
  className?: string;
}

/** A bordered box that groups related controls or charts inside a widget. */
export function Panel({ title, children, className }: PanelProps) {
  return (
    <section className={className ? `panel ${className}` : 'panel'}>
      {title ? <h3 className="panel-title">{title}</h3> : null}
      {children}
    </section>
  );
}

/** Lays readouts out in a wrapping row; on narrow screens they stack. */
export function ReadoutRow({ children }: { children: ReactNode }) {
  return <div className="readout-row">{children}</div>;
}
