// The worker thread of `vigil drift`: reads one file or analyses a share of the columns, with the
// same code as the main thread (readTable, analyseColumn), so both paths give identical reports.

import { parentPort } from 'node:worker_threads';
import { CliError } from '../errors.js';
import { readTable } from '../io/read.js';
import { analyseColumn } from '../report/build.js';
import { sketchSide, streamSource } from '../sketch/run.js';
import type { FromWorker, ToWorker, WorkerError } from './messages.js';
import { transferables } from './messages.js';

const port = parentPort;
if (port === null) throw new Error('worker.js must run in a worker thread');

function toWorkerError(error: unknown): WorkerError {
  if (error instanceof CliError) return { kind: error.kind, message: error.message };
  return { kind: 'internal', message: error instanceof Error ? error.message : String(error) };
}

port.on('message', async (message: ToWorker) => {
  const send = (m: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);
  try {
    if (message.type === 'read') {
      let last = 0;
      const table = await readTable({
        ...message.request,
        onProgress: (fraction) => {
          // Throttle: one message per 1 % is plenty for a progress bar.
          if (fraction - last >= 0.01 || fraction === 1) {
            last = fraction;
            send({ type: 'progress', fraction });
          }
        },
      });
      send({ type: 'table', table }, transferables(table.columns.values()));
      return;
    }
    if (message.type === 'sketch') {
      let last = 0;
      const side = await sketchSide(
        streamSource(message.file),
        message.specs,
        message.duplicateColumns,
        (fraction) => {
          if (fraction - last >= 0.01 || fraction === 1) {
            last = fraction;
            send({ type: 'progress', fraction });
          }
        },
      );
      send({ type: 'side', side });
      return;
    }
    const results = message.items.map((item, k) => {
      const result = analyseColumn(item.plan, item.reference, item.current, message.options);
      send({ type: 'progress', fraction: (k + 1) / message.items.length });
      return { index: item.index, result };
    });
    const columns = message.items.flatMap((item) => [item.reference, item.current]);
    send({ type: 'results', results, items: message.items }, transferables(columns));
  } catch (error) {
    send({ type: 'error', error: toWorkerError(error) });
  }
});
