import { Component, Fragment, type ErrorInfo, type ReactNode } from 'react';

export interface ErrorBoundaryProps {
  children: ReactNode;
  /** What failed, in Spanish, for the heading: e.g. "el widget «recta»". */
  what?: string;
}

interface State {
  error: Error | null;
  /** Bumped on retry so the children remount with fresh state. */
  attempt: number;
}

/**
 * Catches render errors of its children and shows a Spanish panel with "Reintentar",
 * so one broken widget never blanks the whole lesson.
 */
export class ErrorBoundary extends Component<ErrorBoundaryProps, State> {
  override state: State = { error: null, attempt: 0 };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    // Keep the stack in the console for whoever debugs; the panel shows only the message.
    console.error(error, info.componentStack);
  }

  private retry = () => {
    this.setState((s) => ({ error: null, attempt: s.attempt + 1 }));
  };

  override render() {
    const { error, attempt } = this.state;
    if (error) {
      return (
        <div className="error-panel" role="alert" data-testid="error-panel">
          <p className="error-title">Algo ha fallado en {this.props.what ?? 'esta parte de la página'}.</p>
          <p className="error-message">{error.message || 'Error desconocido.'}</p>
          <p>El resto de la página sigue funcionando.</p>
          <button type="button" className="button" onClick={this.retry}>
            Reintentar
          </button>
        </div>
      );
    }
    return <Fragment key={attempt}>{this.props.children}</Fragment>;
  }
}
