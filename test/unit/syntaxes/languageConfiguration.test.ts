import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repositoryRoot } from './grammarHarness';

interface LanguageConfiguration {
  comments: { blockComment: [string, string] };
  autoClosingPairs: { open: string; close: string }[];
  folding: { markers: { start: string; end: string } };
  onEnterRules: { beforeText: string; afterText?: string; action: { indent: string } }[];
  wordPattern: string;
}

const configurationPath = path.join(repositoryRoot, 'syntaxes/language-configuration.json');

// VS Code reads this file leniently (JSONC), but strict JSON keeps it loadable by plain tools too.
const configuration = JSON.parse(fs.readFileSync(configurationPath, 'utf8')) as LanguageConfiguration;

/** The word VS Code would select at `column` (0-based) of `lineText`, using the configured wordPattern. */
function wordAt(lineText: string, column: number): string | undefined {
  const wordPattern = new RegExp(configuration.wordPattern, 'g');
  for (const match of lineText.matchAll(wordPattern)) {
    const start = match.index;
    if (start <= column && column <= start + match[0].length) {
      return match[0];
    }
  }
  return undefined;
}

describe('language configuration', () => {
  it('is referenced by both languages in package.json', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(repositoryRoot, 'package.json'), 'utf8')) as {
      contributes: { languages: { id: string; configuration: string }[] };
    };
    for (const language of manifest.contributes.languages) {
      assert.equal(path.resolve(repositoryRoot, language.configuration), configurationPath, language.id);
    }
  });

  it('uses XML block comments', () => {
    assert.deepEqual(configuration.comments.blockComment, ['<!--', '-->']);
  });

  it('treats dotted and hyphenated keys as one word', () => {
    const line = '\t<key>com.apple.developer.icloud-services</key>';
    assert.equal(wordAt(line, line.indexOf('icloud')), 'com.apple.developer.icloud-services');
    assert.equal(wordAt('<key>UISupportedInterfaceOrientations~ipad</key>', 10), 'UISupportedInterfaceOrientations~ipad');
  });

  it('keeps a trailing dot in the word, so completing "com.apple." replaces what was typed', () => {
    const line = '<key>com.apple.';
    assert.equal(wordAt(line, line.length), 'com.apple.');
  });

  it('does not glue a build setting to the text after it', () => {
    const line = '<string>$(TeamIdentifierPrefix)group.com.example</string>';
    assert.equal(wordAt(line, line.indexOf('group')), 'group.com.example');
  });

  it('folds multi-line dicts, arrays and data, but not one-line or self-closing ones', () => {
    const start = new RegExp(configuration.folding.markers.start);
    const end = new RegExp(configuration.folding.markers.end);
    for (const line of ['<dict>', '\t<array>', '\t\t<data>', '<plist version="1.0">', '\t<key>A</key><dict>', '<!-- #region Keys -->']) {
      assert.ok(start.test(line), `should start a fold: ${line}`);
    }
    for (const line of ['<dict/>', '<array><string>a</string></array>', '<key>dict</key>', '<string>array</string>']) {
      assert.ok(!start.test(line), `should not start a fold: ${line}`);
    }
    for (const line of ['</dict>', '\t</array>', '</plist>', '<!-- #endregion -->']) {
      assert.ok(end.test(line), `should end a fold: ${line}`);
    }
  });

  it('indents after an opening container and between a container and its end tag', () => {
    const [between, after] = configuration.onEnterRules;
    assert.ok(between && after);
    assert.ok(new RegExp(between.beforeText).test('\t<dict>'));
    assert.ok(new RegExp(between.afterText ?? '$^').test('</dict>'));
    assert.equal(between.action.indent, 'indentOutdent');
    assert.ok(new RegExp(after.beforeText).test('\t<array>'));
    assert.ok(!new RegExp(after.beforeText).test('\t<array/>'));
  });

  it('auto-closes comments and CDATA sections', () => {
    const opens = configuration.autoClosingPairs.map((pair) => pair.open);
    assert.ok(opens.includes('<!--'));
    assert.ok(opens.includes('<![CDATA['));
  });
});
