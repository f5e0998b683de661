import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { LintContext } from '../core/files/lintContext';
import type { FileLintResult } from '../core/files/lintFile';
import type { LintWorkerReply, LintWorkerRequest } from './lintWorkerProtocol';

/** A lint in the worker that takes longer than this is stopped (the worker with it) and said to have failed. */
const LINT_TIMEOUT_MS = 60_000;

interface Job {
  readonly request: LintWorkerRequest;
  readonly resolve: (result: FileLintResult) => void;
  readonly reject: (error: Error) => void;
}

/**
 * Lints large files on a worker thread, so the extension host's thread (which every extension and the editor's UI
 * wait on) is never blocked by a Calico manifest of thousands of lines. The worker starts on first use and lints one
 * file at a time; a file queued again before its turn keeps only its latest text (typing in a large file does not
 * pile up lints of old versions). A crash or a lint past its time limit fails that lint and replaces the worker.
 */
export class BackgroundLinter {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly queue: Job[] = [];
  private running: { readonly job: Job; readonly timer: NodeJS.Timeout } | undefined;
  private disposed = false;

  /** `script` is the worker's entry: lintWorker.js beside this module (dist/ in the extension, out/ in tests). */
  constructor(private readonly script: string = join(__dirname, 'lintWorker.js')) {}

  lint(path: string, text: string, context: LintContext, forceRke2Config: boolean): Promise<FileLintResult> {
    if (this.disposed) return Promise.reject(new Error('the lint worker was stopped'));
    return new Promise<FileLintResult>((resolve, reject) => {
      const queued = this.queue.findIndex((job) => job.request.path === path);
      if (queued !== -1) this.queue.splice(queued, 1)[0]?.reject(new Error('superseded by a newer version of the file'));
      this.queue.push({ request: { id: this.nextId++, path, text, context, forceRke2Config }, resolve, reject });
      this.pump();
    });
  }

  /** Files waiting for the worker, the one it is linting included. */
  get backlog(): number {
    return this.queue.length + (this.running ? 1 : 0);
  }

  private pump(): void {
    if (this.running || this.disposed) return;
    const job = this.queue.shift();
    if (!job) return;
    const timer = setTimeout(() => this.fail(new Error(`the lint took longer than ${LINT_TIMEOUT_MS / 1000} s`)), LINT_TIMEOUT_MS);
    timer.unref();
    this.running = { job, timer };
    this.started().postMessage(job.request);
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.script);
    // An idle worker does not keep the process alive (tests, the extension host's shutdown).
    worker.unref();
    worker.on('message', (reply: LintWorkerReply) => this.settle(reply));
    worker.on('error', (error) => this.fail(error));
    worker.on('exit', (code) => {
      if (this.worker === worker) this.fail(new Error(`the lint worker stopped (exit code ${code})`));
    });
    this.worker = worker;
    return worker;
  }

  private settle(reply: LintWorkerReply): void {
    const running = this.running;
    if (running?.job.request.id !== reply.id) return;
    this.running = undefined;
    clearTimeout(running.timer);
    if (reply.ok) running.job.resolve(reply.result);
    else running.job.reject(new Error(reply.error));
    this.pump();
  }

  /** Fails the lint in progress and stops the worker; the files still queued go to a new one. */
  private fail(reason: Error): void {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) void worker.terminate();
    const running = this.running;
    this.running = undefined;
    if (running) {
      clearTimeout(running.timer);
      running.job.reject(reason);
    }
    this.pump();
  }

  dispose(): void {
    this.disposed = true;
    const stopped = new Error('the lint worker was stopped');
    for (const job of this.queue.splice(0)) job.reject(stopped);
    this.fail(stopped);
  }
}
