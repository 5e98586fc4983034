import { createServer } from 'node:http';
import { createApp } from '../src/server/app.ts';
import { openDatabase } from '../src/server/sandbox/db/connection.ts';
import { ensureDemoTokens } from '../src/server/sandbox/demoUsers.ts';

// The server under test: the sandbox app (src/server/app.ts) over the bench's tenant, serving the
// bench's own build. Not `src/server/main.ts`, because main.ts rebuilds dist/ whenever a source file
// is newer: in a working tree that others edit, that would rebuild (or fail) in the middle of a run
// and measure a different app than the one the bench built.
// Usage: SANDBOX_DB=<file> BENCH_DIST=<dir> [SANDBOX_LATENCY_MS=<ms>] node --import tsx bench/server.ts

const dbFile = process.env.SANDBOX_DB;
const distDir = process.env.BENCH_DIST;
if (!dbFile || !distDir) throw new Error('bench/server.ts needs SANDBOX_DB and BENCH_DIST');

const db = openDatabase(dbFile);
ensureDemoTokens(db);
const server = createServer(createApp({ db, distDir }));
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (typeof address === 'object' && address) console.log(`listening on http://127.0.0.1:${address.port}`);
});
process.on('SIGTERM', () => {
  server.close();
  db.close();
  process.exit(0);
});
