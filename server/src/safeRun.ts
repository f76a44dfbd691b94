/**
 * The one wrapper every request handler runs in: a thrown error is logged with its stack and answered with a
 * `ResponseError`, so one bad file costs one answer and never the server; a cancelled request is answered as
 * cancelled; a `ResponseError` the handler throws is its chosen answer and goes to the client as it is.
 */
import { LSPErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver';

export interface Logger {
  error(message: string): void;
}

export async function safeRun<T>(logger: Logger, label: string, token: CancellationToken | undefined, work: () => T | Promise<T>): Promise<T | ResponseError<never>> {
  if (isCancelled(token)) return cancelled();
  try {
    const result = await work();
    return isCancelled(token) ? cancelled() : result;
  } catch (error) {
    if (error instanceof ResponseError) throw error;
    logger.error(`${label} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return new ResponseError<never>(LSPErrorCodes.RequestFailed, `${label} failed: ${error instanceof Error ? error.message : String(error)} (see the Plist Sentinel output)`);
  }
}

/** Read through a function: the token can be cancelled while `work` runs, which narrowing cannot see. */
function isCancelled(token: CancellationToken | undefined): boolean {
  return token?.isCancellationRequested === true;
}

/** Typed with no data, so it fits every request's error type. */
function cancelled(): ResponseError<never> {
  return new ResponseError<never>(LSPErrorCodes.RequestCancelled, 'Request cancelled');
}
