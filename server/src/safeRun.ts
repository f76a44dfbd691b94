/**
 * The one wrapper every request handler runs in: a thrown error is logged with the document and answered with the
 * fallback, so one bad file never takes the server down; a cancelled request is answered as cancelled.
 */
import { LSPErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver';

export interface Logger {
  error(message: string): void;
}

export async function safeRun<T>(logger: Logger, label: string, fallback: T, token: CancellationToken | undefined, work: () => T | Promise<T>): Promise<T | ResponseError<undefined>> {
  if (token?.isCancellationRequested === true) return cancelled();
  try {
    const result = await work();
    return isCancelled(token) ? cancelled() : result;
  } catch (error) {
    logger.error(`${label} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return fallback;
  }
}

/** Read through a function: the token can be cancelled while `work` runs, which narrowing cannot see. */
function isCancelled(token: CancellationToken | undefined): boolean {
  return token?.isCancellationRequested === true;
}

function cancelled(): ResponseError<undefined> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled');
}
