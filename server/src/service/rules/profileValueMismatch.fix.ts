/** profile-value-mismatch's fixes: the values the profile grants, nearest first. */
import { valueReplacementFixes, type CodeFixes } from '../fixEdits';

export const profileValueMismatchFixes: CodeFixes = valueReplacementFixes;
