import * as assert from 'node:assert/strict';
import { profilePageHtml } from '../../../client/src/profilePage';

describe('profilePageHtml', () => {
  it('renders the headings, lists, code and bold the server writes', () => {
    const html = profilePageHtml('# Dev Profile\n\n**Team:** Example Corp (`ABCDE12345`)\n\n## Entitlements\n\n- `aps-environment`: `development`\n- `get-task-allow`: `true`\n');
    assert.match(html, /<h1>Dev Profile<\/h1>/);
    assert.match(html, /<p><strong>Team:<\/strong> Example Corp \(<code>ABCDE12345<\/code>\)<\/p>/);
    assert.match(html, /<h2>Entitlements<\/h2>\n<ul>\n<li><code>aps-environment<\/code>: <code>development<\/code><\/li>\n<li><code>get-task-allow<\/code>: <code>true<\/code><\/li>\n<\/ul>/);
  });

  it('escapes everything from the profile and allows no script', () => {
    const html = profilePageHtml('# <script>alert(1)</script>\n- "quoted" & <img src=x onerror=y>');
    assert.ok(!html.includes('<script>'));
    assert.ok(!html.includes('<img'));
    assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    assert.match(html, /default-src 'none'/);
  });

  it('unescapes markdown escapes the server adds', () => {
    assert.match(profilePageHtml('- CODE\\_SIGN\\_ENTITLEMENTS'), /<li>CODE_SIGN_ENTITLEMENTS<\/li>/);
  });
});

describe('profilePageHtml inline text', () => {
  it('keeps a code span literal, backslashes included, and escapes only outside it', () => {
    assert.match(profilePageHtml('- `a\\_b` \\`not code\\` \\<b\\>'), /<li><code>a\\_b<\/code> `not code` &lt;b&gt;<\/li>/);
  });

  it('leaves an unpaired ** as written', () => {
    assert.match(profilePageHtml('- a ** b'), /<li>a \*\* b<\/li>/);
  });
});
