/** Why values in the link were refused (see urlState), shown at the top of every widget. */
export function UrlNotices({ notices }: { notices: string[] }) {
  return (
    <>
      {notices.map((n) => (
        <p key={n} className="message message-error" role="alert" data-testid="url-notice">
          {n}
        </p>
      ))}
    </>
  );
}
