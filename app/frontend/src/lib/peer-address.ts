/**
 * The TCP peer of each request, as a header that only this server sets. Next.js gives a
 * route handler the request's headers but not its socket, and it fills X-Forwarded-For
 * with the peer only when the client sent none, so a client could name any address.
 * Node publishes every incoming request on the `http.server.request.start` diagnostics
 * channel before the server's request listener (Next.js) runs; the subscriber below
 * overwrites the header there, so a value sent by the client never survives.
 */
import { subscribe } from 'node:diagnostics_channel';
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';

/** The header holding the address this server heard the request from. */
export const PEER_ADDRESS_HEADER = 'x-todo-peer-address';

let stamping = false;

/** Sets {@link PEER_ADDRESS_HEADER} on every request from then on (idempotent). */
export function stampPeerAddresses(): void {
  if (stamping) return;
  stamping = true;
  subscribe('http.server.request.start', (message) => {
    const { request, socket } = message as { request: IncomingMessage; socket: Socket };
    const address = socket.remoteAddress;
    if (address) request.headers[PEER_ADDRESS_HEADER] = address;
    else delete request.headers[PEER_ADDRESS_HEADER];
  });
}
