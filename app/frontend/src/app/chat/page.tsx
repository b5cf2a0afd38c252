import type { Metadata } from 'next';
import { AppHeader } from '@/components/AppHeader';
import { ChatView } from '@/components/ChatView';
import { requireUser } from '@/lib/session';

export const metadata: Metadata = { title: 'Chat' };

export default async function ChatPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const raw = (await searchParams).c;
  const id = Number(Array.isArray(raw) ? raw[0] : raw);
  const conversationId = Number.isInteger(id) && id > 0 ? id : undefined;
  const user = await requireUser(conversationId ? `/chat?c=${conversationId}` : '/chat');
  return (
    <>
      <AppHeader user={user} current="chat" />
      <main id="main" className="page page--wide">
        <ChatView key={conversationId ?? 'new'} userId={user.id} conversationId={conversationId} />
      </main>
    </>
  );
}
