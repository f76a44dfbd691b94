/**
 * One parse per document version, shared by diagnostics, hover and code actions.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { PlistDocument } from './service/plist/nodes';

export interface DocumentCache {
  get(document: TextDocument): PlistDocument;
  forget(uri: string): void;
}

export function createDocumentCache(parse: (text: string) => PlistDocument): DocumentCache {
  const entries = new Map<string, { version: number; parsed: PlistDocument }>();
  return {
    get(document) {
      const cached = entries.get(document.uri);
      if (cached !== undefined && cached.version === document.version) return cached.parsed;
      const parsed = parse(document.getText());
      entries.set(document.uri, { version: document.version, parsed });
      return parsed;
    },
    forget: (uri) => void entries.delete(uri),
  };
}
