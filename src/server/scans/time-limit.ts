import { describeError } from '../../core/errors.ts';
import type { Report } from '../../report/model.ts';
import type { Scanner, ScanRequest } from './scan-report.ts';

/** How a scan on request ended: its report, or an error fit to show a visitor. */
export type ScanOutcome =
  | { readonly report: Report }
  | { readonly error: { readonly code: string; readonly message: string } };

/**
 * Runs one scan within the server's time limit, for the in-process runner and the queue workers alike. It never
 * throws: an overrun is E_TIMEOUT (the scan is still waited for, so one-at-a-time holds), and an internal error
 * keeps its details in the process's log, not on the page.
 */
export async function scanWithinLimit(
  scanner: Scanner,
  request: ScanRequest,
  timeLimitMs: number,
): Promise<ScanOutcome> {
  let timer: NodeJS.Timeout | undefined;
  const scan = scanner(request);
  try {
    const outcome = await Promise.race([
      scan,
      new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), timeLimitMs);
        // The time limit alone never keeps a process alive (a server or worker is kept alive by its own handles).
        timer.unref();
      }),
    ]);
    if (outcome !== 'timeout') return { report: outcome };
    await scan.catch(() => undefined);
    return { error: { code: 'E_TIMEOUT', message: 'the scan took longer than the server allows' } };
  } catch (error) {
    const { code, message } = describeError(error);
    return { error: code === 'E_INTERNAL' ? { code, message: 'the scan failed' } : { code, message } };
  } finally {
    clearTimeout(timer);
  }
}
