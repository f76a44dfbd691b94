/**
 * Text from outside (a profile's fields, a file's keys) placed in markdown or terminal output so that it shows
 * literally: markdown's own characters escaped, and control characters shown as visible marks, since a line break
 * would start a new heading or list item and an escape character would drive the terminal.
 */

/** How untrusted text is written in one kind of output. */
export interface TextWriter {
  /** Running text. */
  text(value: string): string;
  /** An identifier or value, set off as code where the output has code. */
  code(value: string): string;
}

// C0 controls, DEL, C1 controls, line and paragraph separators, and the bidirectional overrides and isolates,
// which reorder what is shown around them.
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** `value` with each control character replaced by a visible mark: its Control Pictures sign, else `U+XXXX`. */
export function visibleText(value: string): string {
  return value.replace(INVISIBLE, (char) => {
    const code = char.charCodeAt(0);
    if (code < 0x20) return String.fromCharCode(0x2400 + code);
    if (code === 0x7f) return '\u2421';
    return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  });
}

/** `value` as literal markdown text: visible, with every character markdown could read as syntax escaped. */
export function escapeMarkdown(value: string): string {
  return visibleText(value).replace(/([\\`*_[\]<>|&~])/g, '\\$1');
}

/** `value` as a markdown code span, or as escaped text when a backtick in it would end the span early. */
export function markdownCode(value: string): string {
  const visible = visibleText(value);
  return visible.includes('`') ? escapeMarkdown(visible) : `\`${visible}\``;
}

/** Markdown, for hovers and the editor's profile page. */
export const MARKDOWN_WRITER: TextWriter = { text: escapeMarkdown, code: markdownCode };

/** Plain text for a terminal: nothing escaped but control characters, code set off with backticks. */
export const PLAIN_WRITER: TextWriter = { text: visibleText, code: (value) => `\`${visibleText(value)}\`` };
