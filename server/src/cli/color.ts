/**
 * Whether the text report is coloured, as other command-line tools decide it: `--color` / `--no-color` first, then
 * `FORCE_COLOR` (any value but `0` or `false` forces colour, as Node reads it), then `NO_COLOR` (any value, per
 * no-color.org), then whether the output is a terminal that is not `TERM=dumb`.
 */

export interface ColorContext {
  /** `--color` (true), `--no-color` (false), or neither. */
  readonly flag: boolean | undefined;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly isTerminal: boolean;
}

export function shouldColor({ flag, env, isTerminal }: ColorContext): boolean {
  if (flag !== undefined) return flag;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force.toLowerCase() !== 'false';
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return isTerminal && env.TERM !== 'dumb';
}

/** SGR codes for the few styles the text report uses; each resets only what it set, so styles can nest. */
const STYLES = { red: [31, 39], yellow: [33, 39], cyan: [36, 39], dim: [2, 22], bold: [1, 22] } as const;
export type Style = keyof typeof STYLES;

export function paint(text: string, style: Style): string {
  const [open, close] = STYLES[style];
  return `\u001b[${open}m${text}\u001b[${close}m`;
}
