/** app-clip-unsupported's fix: remove the key, which an App Clip may not use. */
import { removalFixes, type CodeFixes } from '../fixEdits';

export const appClipUnsupportedFixes: CodeFixes = removalFixes;
