import { Link, useLocation, useParams } from 'react-router-dom';
import { CopyLinkButton } from '../../ui/CopyLinkButton';
import { WIDGETS } from '../../widgets/registry';
import { WidgetBody } from '../Widget';
import { LESSONS } from '../course';
import { NotFoundPage } from './NotFoundPage';
import { pageTitle } from '../title';

/** #/lab/:widget — one widget at full width, for projecting in class. */
export function LabPage() {
  const { widget = '' } = useParams();
  const { search } = useLocation();
  const entry = Object.hasOwn(WIDGETS, widget) ? WIDGETS[widget] : undefined;
  if (!entry) return <NotFoundPage />;
  const { title, summary, lesson } = entry;
  const lessonInfo = LESSONS.find((l) => l.slug === lesson);

  return (
    <div className="lab" key={widget}>
      <title>{pageTitle(title)}</title>
      <div className="lab-head">
        <h1>{title}</h1>
        <p className="lab-summary">{summary}</p>
        {lessonInfo ? (
          <p className="lab-lesson">
            Explicado en la lección <Link to={`/leccion/${lessonInfo.slug}`}>{lessonInfo.title}</Link>.
          </p>
        ) : null}
        <CopyLinkButton href={`#/lab/${widget}${search}`} />
      </div>
      {/* One widget on the page: its settings live in the URL, so a link restores them. */}
      <WidgetBody name={widget} settings="url" />
    </div>
  );
}
