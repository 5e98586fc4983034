import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

// The ceiling for the API part: a bare node:http server that answers each request with bytes captured
// from the sandbox (status, headers, body) straight from memory. Run as its own process, like the
// sandbox, so that both share the machine with the load generator in the same way.
// Usage: node --import tsx bench/parts/bareServer.ts <captured.json>; prints the URL it listens on.

export interface CapturedResponse {
  method: string;
  /** Path and query, as the load test sends it. */
  path: string;
  status: number;
  headers: Record<string, string>;
  bodyBase64: string;
}

const file = process.argv[2];
if (!file) throw new Error('usage: bareServer.ts <captured.json>');
const captured = JSON.parse(readFileSync(file, 'utf8')) as CapturedResponse[];
const responses = new Map(
  captured.map((response) => [
    `${response.method} ${response.path}`,
    { ...response, body: Buffer.from(response.bodyBase64, 'base64') },
  ]),
);

const server = createServer((req, res) => {
  // The body is read in full, as the sandbox must read it, before answering.
  req.resume();
  req.on('end', () => {
    const response = responses.get(`${req.method} ${req.url}`);
    if (!response) {
      res.statusCode = 404;
      res.end();
      return;
    }
    res.writeHead(response.status, { ...response.headers, 'Content-Length': response.body.length });
    res.end(response.body);
  });
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (typeof address === 'object' && address) console.log(`listening on http://127.0.0.1:${address.port}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
