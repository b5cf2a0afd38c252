'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import {
  type FormEvent,
  type KeyboardEvent,
  useCallback,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
} from 'react';
import { type ChatMessage, type Conversation, createApiClient } from '@/lib/api-client';
import { ToolCallList } from './ToolCallList';

type Load<T> =
  | { state: 'loading' }
  | { state: 'error'; message: string }
  | { state: 'ready'; data: T };

/** The assistant: conversation list, full history, and a message box. */
export function ChatView({
  userId,
  conversationId,
}: {
  userId: number | string;
  conversationId: number | undefined;
}) {
  const api = useMemo(() => createApiClient(userId), [userId]);
  const router = useRouter();
  const [conversations, setConversations] = useState<Load<Conversation[]>>({ state: 'loading' });
  const [history, setHistory] = useState<Load<ChatMessage[]>>(
    conversationId ? { state: 'loading' } : { state: 'ready', data: [] },
  );
  const [activeId, setActiveId] = useState(conversationId);
  const [draft, setDraft] = useState('');
  const [sending, setSending] = useState(false);
  const [sendError, setSendError] = useState<string | undefined>();
  const [announcement, setAnnouncement] = useState('');
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const logEndRef = useRef<HTMLDivElement>(null);
  const ids = useId();

  const loadConversations = useCallback(async () => {
    const result = await api.listConversations();
    setConversations(
      result.ok
        ? { state: 'ready', data: result.data }
        : { state: 'error', message: result.error.message },
    );
  }, [api]);

  const loadHistory = useCallback(async () => {
    if (!conversationId) return;
    setHistory({ state: 'loading' });
    const result = await api.listMessages(conversationId);
    if (!result.ok && result.error.status === 401) {
      window.location.assign(`/signin?next=${encodeURIComponent(`/chat?c=${conversationId}`)}`);
    }
    setHistory(
      result.ok
        ? { state: 'ready', data: result.data }
        : { state: 'error', message: result.error.message },
    );
  }, [api, conversationId]);

  useEffect(() => {
    void loadConversations();
    void loadHistory();
  }, [loadConversations, loadHistory]);

  const messageCount = history.state === 'ready' ? history.data.length : 0;
  useEffect(() => {
    if (messageCount > 0 || sending) logEndRef.current?.scrollIntoView({ block: 'end' });
  }, [messageCount, sending]);

  async function send(event?: FormEvent<HTMLFormElement>) {
    event?.preventDefault();
    const message = draft.trim();
    if (!message || sending) return;
    setSending(true);
    setSendError(undefined);
    setAnnouncement('');
    const pendingUser: ChatMessage = {
      id: `pending-${Date.now()}`,
      role: 'user',
      content: message,
      tool_calls: [],
    };
    const before = history.state === 'ready' ? history.data : [];
    setHistory({ state: 'ready', data: [...before, pendingUser] });
    setDraft('');
    const result = await api.sendChat(message, activeId);
    setSending(false);
    if (!result.ok) {
      const saved = result.error.conversationId;
      if (saved !== undefined && saved !== activeId) {
        // The API kept the message in a new conversation: stay on it for the retry.
        setActiveId(saved);
        window.history.replaceState(null, '', `/chat?c=${saved}`);
        void loadConversations();
      }
      setHistory({ state: 'ready', data: saved !== undefined ? [...before, pendingUser] : before });
      setDraft(message);
      setSendError(
        saved !== undefined
          ? `No answer from the assistant: ${result.error.message}`
          : `The message was not sent: ${result.error.message}`,
      );
      inputRef.current?.focus();
      return;
    }
    const reply: ChatMessage = {
      id: `reply-${Date.now()}`,
      role: 'assistant',
      content: result.data.response,
      tool_calls: result.data.tool_calls,
    };
    setHistory({ state: 'ready', data: [...before, pendingUser, reply] });
    // Screen readers hear the answer without leaving the message box.
    setAnnouncement(`Assistant: ${reply.content}`);
    inputRef.current?.focus();
    if (activeId !== result.data.conversation_id) {
      setActiveId(result.data.conversation_id);
      // Keep the URL on this conversation so a reload finds it, without a remount.
      window.history.replaceState(null, '', `/chat?c=${result.data.conversation_id}`);
    }
    void loadConversations();
  }

  function startNew() {
    // Same page key when this view began without a conversation: reset here as well.
    setActiveId(undefined);
    setHistory({ state: 'ready', data: [] });
    setSendError(undefined);
    setDraft('');
    router.push('/chat');
    inputRef.current?.focus();
  }

  function sendOnEnter(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void send();
    }
  }

  return (
    <div className="chat">
      <aside className="chat__sidebar" aria-labelledby={`${ids}-conversations`}>
        <div className="chat__sidebar-head">
          <h2 id={`${ids}-conversations`}>Conversations</h2>
          <button type="button" className="button button--quiet" onClick={startNew}>
            New chat
          </button>
        </div>
        {conversations.state === 'loading' ? (
          <p className="muted" role="status">
            Loading conversations…
          </p>
        ) : conversations.state === 'error' ? (
          <div className="alert" role="alert">
            <p>Could not load conversations: {conversations.message}</p>
            <button type="button" className="button" onClick={() => void loadConversations()}>
              Try again
            </button>
          </div>
        ) : conversations.data.length === 0 ? (
          <p className="muted">No conversations yet.</p>
        ) : (
          <nav aria-label="Conversations">
            <ul className="conversation-list">
              {conversations.data.map((c) => (
                <li key={c.id}>
                  <Link
                    href={`/chat?c=${c.id}`}
                    aria-current={c.id === activeId ? 'page' : undefined}
                    className="conversation-link"
                  >
                    {c.title || `Conversation ${c.id}`}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        )}
      </aside>

      <section className="chat__main" aria-labelledby={`${ids}-heading`}>
        <h1 id={`${ids}-heading`}>Chat</h1>
        <div className="chat__log-wrap">
          {history.state === 'loading' ? (
            <p className="muted" role="status">
              Loading messages…
            </p>
          ) : history.state === 'error' ? (
            <div className="alert" role="alert">
              <p>Could not load this conversation: {history.message}</p>
              <button type="button" className="button" onClick={() => void loadHistory()}>
                Try again
              </button>
            </div>
          ) : history.data.length === 0 && !sending ? (
            <div className="empty">
              <p>Ask the assistant to manage your tasks, for example:</p>
              <ul>
                <li>“Add a task to buy milk”</li>
                <li>“What is still pending?”</li>
                <li>“Mark buy milk as done”</li>
              </ul>
            </div>
          ) : (
            <ol className="chat__log" aria-label="Messages">
              {history.data.map((m) => (
                <li key={m.id} className={`message message--${m.role}`}>
                  <span className="visually-hidden">
                    {m.role === 'user' ? 'You said:' : 'Assistant:'}
                  </span>
                  {m.content ? <p className="message__text">{m.content}</p> : null}
                  <ToolCallList calls={m.tool_calls} />
                </li>
              ))}
            </ol>
          )}
          <p className="muted chat__thinking" role="status" aria-live="polite">
            {sending ? 'Assistant is thinking…' : ''}
          </p>
          <p className="visually-hidden" role="status">
            {announcement}
          </p>
          <div ref={logEndRef} />
        </div>

        <form className="chat__form" onSubmit={send}>
          {sendError ? (
            <p className="alert" role="alert">
              {sendError}
            </p>
          ) : null}
          <label htmlFor={`${ids}-message`} className="visually-hidden">
            Message
          </label>
          <textarea
            id={`${ids}-message`}
            ref={inputRef}
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={sendOnEnter}
            rows={2}
            placeholder="Message the assistant"
            aria-describedby={`${ids}-help`}
            maxLength={4000}
          />
          <button
            type="submit"
            className="button button--primary"
            disabled={sending || !draft.trim()}
          >
            {sending ? 'Sending…' : 'Send'}
          </button>
          <p id={`${ids}-help`} className="muted chat__hint">
            Enter sends · Shift+Enter adds a new line
          </p>
        </form>
      </section>
    </div>
  );
}
