/** Shown while a page's server part is on its way. */
export default function Loading() {
  return (
    <main id="main" className="page">
      <p className="muted" role="status">
        Loading…
      </p>
    </main>
  );
}
