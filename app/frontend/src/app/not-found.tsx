import Link from 'next/link';

/** Unknown addresses. */
export default function NotFound() {
  return (
    <main id="main" className="page">
      <div className="card">
        <h1>Page not found</h1>
        <p>
          <Link href="/tasks">Go to your tasks</Link>
        </p>
      </div>
    </main>
  );
}
