/**
 * The lint worker's entry: a worker thread that lints files too large for the extension host's own thread. It loads
 * the lint engine (dist/lint.js in the extension, the same bundle the editor loads) and answers one request at a time.
 */
import { parentPort } from 'node:worker_threads';
import type { LintWorkerReply, LintWorkerRequest } from './lintWorkerProtocol';
import { loadLintEngine } from './loadLintEngine';

const port = parentPort;
if (port) {
  port.on('message', (request: LintWorkerRequest) => {
    let reply: LintWorkerReply;
    try {
      const result = loadLintEngine().lintFile(request.path, request.text, { context: request.context, forceRke2Config: request.forceRke2Config });
      reply = { id: request.id, ok: true, result };
    } catch (error) {
      reply = { id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) };
    }
    port.postMessage(reply);
  });
}
