import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { WIDGETS } from '../../widgets/registry';
import { SettingsSeedContext } from '../../widgets/urlState';
import { WidgetBody } from '../Widget';
import { judge, parseGuess, readAnswer, showAnswer, type AnswerFormat, type Reading, type Verdict } from './answer';
import './question.css';

export interface QuestionProps {
  /** The widget that answers, a key of WIDGETS ("recta"). */
  widget: string;
  /** Its settings in a lab link's form, e.g. "lr=0.01&epochs=1&backend=cpu&autoplay=1". */
  settings?: string;
  /** data-testid of the readout whose data-value is the answer ("param-w", "prob-0"). */
  readout: string;
  /**
   * Comma-separated statuses at which the answer is read ("done", "done,diverged", "idle").
   * Omitted for tools without a status (softmax, convolution): the first value shown.
   */
  until?: string;
  /** Options as readout value → Spanish label; without them the student types a number. */
  choices?: Readonly<Record<string, string>>;
  /** How far (in the readout's units: a fraction for percents) a guess may be and still count as close. */
  tolerance?: number;
  format?: AnswerFormat;
  /** Decimals shown, as in the widget's readout. */
  digits?: number;
  /** One sentence: why the answer is what it is. */
  explain: string;
  /** The question itself. */
  children: ReactNode;
}

type Phase =
  | { kind: 'asking' }
  | { kind: 'running'; guess: number | string }
  | { kind: 'answered'; guess: number | string; reading: NonNullable<Reading> };

/**
 * Predict, then check: the student commits to a guess, then "Comprobar" runs the real widget
 * with the question's settings (its own instance, seeded like a lab link) and shows the
 * engine's number beside the guess. The answer is read off the widget's readout, never
 * written in the lesson, so it is what the engine computes today.
 */
export function Question({
  widget,
  settings = '',
  readout,
  until = '',
  choices,
  tolerance = 0,
  format = 'number',
  digits,
  explain,
  children,
}: QuestionProps) {
  const id = useId();
  const [draft, setDraft] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'asking' });
  const lab = useRef<HTMLDivElement>(null);
  const entry = Object.hasOwn(WIDGETS, widget) ? WIDGETS[widget] : undefined;

  const running = phase.kind === 'running';
  useEffect(() => {
    const root = lab.current;
    if (!running || !root) return;
    const statuses = until
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    // Readouts change by attribute; the widget's first render comes after a lazy import.
    const check = () => {
      const reading = readAnswer(root, readout, statuses);
      if (reading) setPhase((p) => (p.kind === 'running' ? { kind: 'answered', guess: p.guess, reading } : p));
    };
    const observer = new MutationObserver(check);
    observer.observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-value'] });
    check();
    return () => observer.disconnect();
  }, [running, readout, until]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (phase.kind !== 'asking') return;
    let guess: number | string = draft;
    if (!choices) {
      guess = parseGuess(draft, format);
      if (!Number.isFinite(guess)) {
        setProblem(format === 'percent' ? 'Escribe un porcentaje, por ejemplo 25 o 12,5.' : 'Escribe un número, por ejemplo 0,5 o 1,25.');
        return;
      }
    } else if (!Object.hasOwn(choices, draft)) {
      setProblem('Elige una de las respuestas.');
      return;
    }
    setProblem(null);
    setPhase({ kind: 'running', guess });
  };

  const asked = phase.kind !== 'asking';
  const errorId = `${id}-error`;
  const show = (value: string) => (choices ? (choices[value] ?? value) : showAnswer(value, format, digits));
  const guessText = (guess: number | string) => (typeof guess === 'string' ? show(guess) : showAnswer(String(guess), format, digits));

  return (
    <div className={asked ? 'question question-open' : 'question'} role="group" aria-labelledby={`${id}-prompt`} data-testid="question">
      <div className="question-card">
        <form className="question-form" onSubmit={submit} noValidate>
          <div className="question-prompt" id={`${id}-prompt`}>
            <span className="question-kicker">Pregunta</span>
            {children}
          </div>
          {choices ? (
            <fieldset
              className="question-choices"
              aria-invalid={problem ? true : undefined}
              aria-describedby={problem ? errorId : undefined}
            >
              <legend>Tu predicción</legend>
              {Object.entries(choices).map(([value, label]) => (
                <label key={value} className="question-choice">
                  <input
                    type="radio"
                    name={`${id}-choice`}
                    value={value}
                    checked={draft === value}
                    disabled={asked}
                    data-testid={`question-choice-${value}`}
                    onChange={() => setDraft(value)}
                  />
                  {label}
                </label>
              ))}
            </fieldset>
          ) : (
            <div className="question-field">
              <label htmlFor={`${id}-guess`}>Tu predicción{format === 'percent' ? ' (en %)' : ''}</label>
              <input
                id={`${id}-guess`}
                type="text"
                inputMode="decimal"
                autoComplete="off"
                value={draft}
                readOnly={asked}
                data-testid="question-guess"
                aria-invalid={problem ? true : undefined}
                aria-describedby={problem ? errorId : undefined}
                onChange={(e) => setDraft(e.target.value)}
              />
            </div>
          )}
          {/* aria-disabled, not disabled: the focus stays on the button while the result is announced. */}
          <button type="submit" className="button-primary" aria-disabled={asked} data-testid="question-check">
            Comprobar
          </button>
          {problem ? (
            <p className="question-error" id={errorId} role="alert">
              {problem}
            </p>
          ) : null}
        </form>

        <div className="question-result" aria-live="polite" data-testid="question-result">
          {phase.kind === 'running' ? <p className="hint">El laboratorio está calculando…</p> : null}
          {phase.kind === 'answered' ? (
            <Result
              guess={guessText(phase.guess)}
              reading={phase.reading}
              show={show}
              judged={(value) => judge(phase.guess, value, tolerance, format)}
              textual={choices !== undefined}
              explain={explain}
            />
          ) : null}
        </div>
      </div>

      {asked ? (
        <figure className="widget-frame question-lab" aria-label={entry ? `${entry.title}, con los ajustes de la pregunta` : widget}>
          <figcaption className="widget-caption">
            <span className="widget-title">Así lo calcula el laboratorio</span>
            {entry ? (
              <Link className="widget-fullscreen" to={`/lab/${widget}${settings ? `?${settings}` : ''}`}>
                Abrir en pantalla completa
              </Link>
            ) : null}
          </figcaption>
          <div ref={lab}>
            {entry ? (
              <SettingsSeedContext value={settings}>
                <WidgetBody name={widget} settings="widget" />
              </SettingsSeedContext>
            ) : (
              <p className="message message-error" role="alert">
                No existe ningún laboratorio llamado «{widget}».
              </p>
            )}
          </div>
        </figure>
      ) : null}
    </div>
  );
}

interface ResultProps {
  guess: string;
  reading: NonNullable<Reading>;
  show(value: string): string;
  judged(value: string): Verdict;
  /** The answers are option labels (sentences), not numbers. */
  textual: boolean;
  explain: string;
}

/** The guess beside the engine's answer, whether it was close, and the question's explanation. */
function Result({ guess, reading, show, judged, textual, explain }: ResultProps) {
  if ('failed' in reading) {
    return (
      <p className="message message-error" data-testid="question-failed">
        El laboratorio no pudo responder: {reading.failed}
      </p>
    );
  }
  const verdict = judged(reading.value);
  return (
    <>
      <dl className={textual ? 'question-compare question-compare-text' : 'question-compare'}>
        <div>
          <dt>Tu predicción</dt>
          <dd data-testid="question-your-guess">{guess}</dd>
        </div>
        <div>
          <dt>El laboratorio</dt>
          <dd data-testid="question-answer" data-value={reading.value}>
            {show(reading.value)}
          </dd>
        </div>
      </dl>
      <p
        className={verdict.close ? 'question-verdict close' : 'question-verdict far'}
        data-testid="question-verdict"
        data-value={verdict.close ? 'close' : 'far'}
      >
        {verdict.sentence}
      </p>
      <p className="question-explain">{explain}</p>
    </>
  );
}
