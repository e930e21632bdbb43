// Temporary until the engine hook lands (same session).
export function Recta() {
  return <div data-testid="widget-recta">recta</div>;
}
