'use client';

import { useEffect, useRef } from 'react';

/** Shown when a page fails to render; offers a retry instead of a blank screen. */
export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  return (
    <main id="main" className="page">
      <div className="card" role="alert">
        <h1 ref={headingRef} tabIndex={-1}>
          Something went wrong
        </h1>
        <p>The page could not be shown. It may be a passing problem.</p>
        <button type="button" className="button button--primary" onClick={reset}>
          Try again
        </button>
      </div>
    </main>
  );
}
