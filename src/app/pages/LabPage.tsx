import { lazy, Suspense, useMemo } from 'react';
import { Link, useLocation, useParams } from 'react-router-dom';
import { LabRunContext, LabRunStore } from '../../takeaway/LabRunContext';
import { WIDGETS } from '../../widgets/registry';
import { WidgetBody } from '../Widget';
import { LESSONS } from '../course';
import { useEmbed } from '../embed';
import { LabShare } from '../LabShare';
import { NotFoundPage } from './NotFoundPage';
import { pageTitle } from '../title';

/** The code, notebook and history downloads: loaded with the lab, not with the site. */
const TakeawayPanel = lazy(() => import('../../takeaway/TakeawayPanel'));

/** #/lab/:widget — one widget at full width, for projecting in class. */
export function LabPage() {
  const { widget = '' } = useParams();
  const { search } = useLocation();
  const embed = useEmbed();
  // What the widget runs with, published for the take-away panel below it; a new lab, a new store.
  const labRun = useMemo(() => new LabRunStore(widget), [widget]);
  const entry = Object.hasOwn(WIDGETS, widget) ? WIDGETS[widget] : undefined;
  if (!entry) return <NotFoundPage />;
  const { title, summary, lesson } = entry;
  const lessonInfo = LESSONS.find((l) => l.slug === lesson);

  return (
    <div className="lab" key={widget}>
      <title>{pageTitle(title)}</title>
      {embed ? (
        // Embedded, the host page titles the iframe: the heading stays for screen readers only.
        <h1 className="sr-only">{title}</h1>
      ) : (
        <div className="lab-head">
          <h1>{title}</h1>
          <p className="lab-summary">{summary}</p>
          {lessonInfo ? (
            <p className="lab-lesson">
              Explicado en la lección <Link to={`/leccion/${lessonInfo.slug}`}>{lessonInfo.title}</Link>.
            </p>
          ) : null}
          <LabShare route={`#/lab/${widget}${search}`} title={title} />
        </div>
      )}
      {/* One widget on the page: its settings live in the URL, so a link restores them. */}
      <LabRunContext value={labRun}>
        <WidgetBody name={widget} settings="url" />
      </LabRunContext>
      {embed ? null : (
        <Suspense fallback={null}>
          <TakeawayPanel store={labRun} />
        </Suspense>
      )}
    </div>
  );
}
