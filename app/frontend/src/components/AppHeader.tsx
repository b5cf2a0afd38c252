import Link from 'next/link';
import type { SessionUser } from '@/lib/session-cookie';

/** The signed-in header: app name, navigation, who is signed in, and sign out. */
export function AppHeader({ user, current }: { user: SessionUser; current: 'tasks' | 'chat' }) {
  return (
    <header className="app-header">
      <div className="app-header__inner">
        <Link href="/tasks" className="brand">
          Todo
        </Link>
        <nav aria-label="Main">
          <ul className="nav-list">
            <li>
              <Link href="/tasks" aria-current={current === 'tasks' ? 'page' : undefined}>
                Tasks
              </Link>
            </li>
            <li>
              <Link href="/chat" aria-current={current === 'chat' ? 'page' : undefined}>
                Chat
              </Link>
            </li>
          </ul>
        </nav>
        <div className="session">
          <span className="session__user" title={user.email}>
            {user.name || user.email}
          </span>
          {/* A plain form: signing out works even before the page's scripts load. */}
          <form method="post" action="/bff/auth/signout">
            <button type="submit" className="button button--quiet">
              Sign out
            </button>
          </form>
        </div>
      </div>
    </header>
  );
}
