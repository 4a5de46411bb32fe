import type http from 'node:http';
import { problem } from './problem.js';

/**
 * Requests Node's HTTP parser refuses before any route sees them (headers over 16 KB, a broken request line):
 * answered as problem+json like everything else, instead of Node's bare 400/431 with an empty body.
 */
export function answerClientErrors(server: http.Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable || error.code === 'ECONNRESET') return socket.destroy();
    const body = JSON.stringify(
      error.code === 'HPE_HEADER_OVERFLOW'
        ? problem('headers_too_large', 'The request headers exceed 16 KB')
        : problem('malformed_request', 'The request is not valid HTTP/1.1'),
    );
    const status = error.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request';
    socket.end(
      `HTTP/1.1 ${status}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}
