/**
 * duplicate-key: the same key twice in one dict. Only one value takes effect (which one depends on the reader), so
 * the other is dead text that misleads whoever edits the file next.
 */
import { documentModel } from '../model/documentModel';
import type { Rule } from '../types';

export const duplicateKey: Rule = {
  code: 'duplicate-key',
  check(document, catalog, context) {
    return documentModel(document, catalog, context).duplicateKeys().map(({ key, keyRange, firstRange }) => ({
      code: 'duplicate-key',
      ...keyRange,
      message: `Duplicate key '${key}'`,
      related: [{ ...firstRange, message: `First '${key}' is here` }],
      data: { canRemove: true },
      isUnnecessary: true,
    }));
  },
};
