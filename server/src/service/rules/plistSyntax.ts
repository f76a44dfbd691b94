/**
 * plist-syntax: the file is not a well-formed XML property list. Xcode and codesign refuse such a file, often with
 * a message that names no line; we point at the exact tag.
 */
import type { Rule } from '../types';

export const plistSyntax: Rule = {
  code: 'plist-syntax',
  check(document) {
    return document.problems.map((problem) => ({ code: 'plist-syntax', ...problem }));
  },
};
