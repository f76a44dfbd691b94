/**
 * Turns the server's markdown page for a provisioning profile into the HTML of a read-only webview. Only the
 * subset the server writes is understood (headings, list items, `code`, **bold**, paragraphs); everything is
 * escaped first, so nothing in a profile can inject markup, and the page runs no script.
 */

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * One line's inline markdown as HTML, read left to right as CommonMark does for this subset: a backslash makes the
 * next punctuation character literal, a code span's content is literal (backslashes too), `**` pairs make bold.
 * Every character of content is escaped, so a field the server escaped shows exactly as written.
 */
function inline(text: string): string {
  let html = '';
  let isBold = false;
  let index = 0;
  while (index < text.length) {
    const char = text.charAt(index);
    if (char === '\\' && /[!-/:-@[-`{-~]/.test(text.charAt(index + 1))) {
      html += escapeHtml(text.charAt(index + 1));
      index += 2;
    } else if (char === '`' && text.indexOf('`', index + 1) > index) {
      const close = text.indexOf('`', index + 1);
      html += `<code>${escapeHtml(text.slice(index + 1, close))}</code>`;
      index = close + 1;
    } else if (text.startsWith('**', index) && (isBold || text.indexOf('**', index + 2) > index)) {
      html += isBold ? '</strong>' : '<strong>';
      isBold = !isBold;
      index += 2;
    } else {
      html += escapeHtml(char);
      index += 1;
    }
  }
  return isBold ? `${html}</strong>` : html;
}

/** The whole HTML document for the page. */
export function profilePageHtml(markdown: string): string {
  const body: string[] = [];
  let isInList = false;
  const closeList = () => {
    if (isInList) body.push('</ul>');
    isInList = false;
  };
  for (const line of markdown.split(/\r?\n/)) {
    const heading = /^(#{1,3})\s+(.*)$/.exec(line);
    const item = /^\s*[-*]\s+(.*)$/.exec(line);
    if (heading?.[1] !== undefined && heading[2] !== undefined) {
      closeList();
      body.push(`<h${heading[1].length}>${inline(heading[2])}</h${heading[1].length}>`);
    } else if (item?.[1] !== undefined) {
      if (!isInList) body.push('<ul>');
      isInList = true;
      body.push(`<li>${inline(item[1])}</li>`);
    } else if (line.trim() === '') {
      closeList();
    } else {
      closeList();
      body.push(`<p>${inline(line)}</p>`);
    }
  }
  closeList();
  return [
    '<!DOCTYPE html>',
    '<html><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline';">`,
    '<style>body{font-family:var(--vscode-font-family);color:var(--vscode-foreground);padding:0 1.5em;line-height:1.5}code{font-family:var(--vscode-editor-font-family)}</style>',
    '</head><body>',
    ...body,
    '</body></html>',
  ].join('\n');
}
