/** profile-wrong-team's fixes: the value with `$(TeamIdentifierPrefix)` in place of the other team's ID. */
import { valueReplacementFixes, type CodeFixes } from '../fixEdits';

export const profileWrongTeamFixes: CodeFixes = valueReplacementFixes;
