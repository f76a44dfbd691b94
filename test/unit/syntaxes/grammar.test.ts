import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { IGrammar } from 'vscode-textmate';
import {
  diffLines,
  formatSnapshot,
  grammarPath,
  loadPlistGrammar,
  plistScopeName,
  repositoryRoot,
  tokenizeText,
  type GrammarToken,
} from './grammarHarness';

const fixturesDir = path.join(repositoryRoot, 'test/fixtures/grammar');
const snapshotExtension = '.snap';
const isUpdatingSnapshots = process.env['UPDATE_SNAPSHOTS'] === '1';

/** The tokens that overlap the first occurrence of `needle` in `text`. */
function tokensCovering(grammar: IGrammar, text: string, needle: string): GrammarToken[] {
  const tokenized = tokenizeText(grammar, text);
  const lineIndex = tokenized.lines.findIndex((lineText) => lineText.includes(needle));
  assert.ok(lineIndex >= 0, `"${needle}" does not occur in the snippet`);
  const lineText = tokenized.lines[lineIndex] ?? '';
  const start = lineText.indexOf(needle) + 1;
  const end = start + needle.length;
  return tokenized.tokens.filter(
    (token) => token.line === lineIndex + 1 && token.column < end && token.column + token.text.length > start,
  );
}

/** Asserts that every token of `needle` carries `scope`, and returns those tokens. */
function assertScope(grammar: IGrammar, text: string, needle: string, scope: string): GrammarToken[] {
  const tokens = tokensCovering(grammar, text, needle);
  assert.ok(tokens.length > 0, `no tokens cover ${JSON.stringify(needle)}`);
  for (const token of tokens) {
    assert.ok(
      token.scopes.includes(scope),
      `expected ${JSON.stringify(token.text)} in ${JSON.stringify(needle)} to have ${scope}, got: ${token.scopes.join(' ')}`,
    );
  }
  return tokens;
}

function assertNoScope(grammar: IGrammar, text: string, needle: string, scopePrefix: string): void {
  for (const token of tokensCovering(grammar, text, needle)) {
    const offending = token.scopes.find((scope) => scope.startsWith(scopePrefix));
    assert.equal(offending, undefined, `${JSON.stringify(token.text)} should not have ${scopePrefix}*`);
  }
}

/** The scopes of the single token whose text is exactly `tokenText`. */
function scopesOfToken(grammar: IGrammar, text: string, tokenText: string): string[] {
  const tokens = tokensCovering(grammar, text, tokenText);
  const exact = tokens.find((token) => token.text === tokenText);
  assert.ok(exact, `no token is exactly ${JSON.stringify(tokenText)}; got ${JSON.stringify(tokens.map((t) => t.text))}`);
  return exact.scopes;
}

const wrap = (body: string): string => `<plist version="1.0">\n<dict>\n${body}\n</dict>\n</plist>\n`;

describe('plist grammar', () => {
  let grammar: IGrammar;

  before(async () => {
    grammar = await loadPlistGrammar();
  });

  describe('manifest wiring', () => {
    it('package.json contributes this grammar file under its own scope name', () => {
      const manifest = JSON.parse(fs.readFileSync(path.join(repositoryRoot, 'package.json'), 'utf8')) as {
        contributes: { grammars: { scopeName: string; path: string }[] };
      };
      const rawGrammar = JSON.parse(fs.readFileSync(grammarPath, 'utf8')) as { scopeName: string };
      assert.equal(rawGrammar.scopeName, plistScopeName);
      for (const contribution of manifest.contributes.grammars) {
        assert.equal(contribution.scopeName, plistScopeName);
        assert.equal(path.resolve(repositoryRoot, contribution.path), grammarPath);
      }
    });
  });

  describe('keys', () => {
    it('scopes the key tag and the key text separately', () => {
      const text = wrap('<key>com.apple.security.app-sandbox</key>\n<true/>');
      assert.ok(scopesOfToken(grammar, text, 'key').includes('entity.name.tag.key.plist'));
      assertScope(grammar, text, 'com.apple.security.app-sandbox', 'support.type.property-name.plist');
      assertScope(grammar, text, '<key>', 'meta.element.key.plist');
    });

    it('gives Apple-namespace and other keys the same scopes', () => {
      const apple = scopesOfToken(grammar, wrap('<key>com.apple.developer.icloud-services</key>'), 'com.apple.developer.icloud-services');
      const other = scopesOfToken(grammar, wrap('<key>NSCameraUsageDescription</key>'), 'NSCameraUsageDescription');
      assert.deepEqual(apple, other);
    });

    it('keeps the key scope on text after a comment inside the key', () => {
      assertScope(grammar, wrap('<key>A<!-- note -->B</key>'), 'B', 'support.type.property-name.plist');
    });
  });

  describe('values', () => {
    it('scopes string text as an unquoted string', () => {
      assertScope(grammar, wrap('<string>Scan a QR code</string>'), 'Scan a QR code', 'string.unquoted.plist');
    });

    it('scopes integers and reals as numbers', () => {
      assertScope(grammar, wrap('<integer>-42</integer>'), '-42', 'constant.numeric.plist');
      assertScope(grammar, wrap('<real>1.5</real>'), '1.5', 'constant.numeric.plist');
    });

    it('scopes <true/> and <false/> as booleans, including the long form', () => {
      const tokens = assertScope(grammar, wrap('<true/>'), '<true/>', 'constant.language.boolean.plist');
      assert.deepEqual(
        tokens.map((token) => token.text),
        ['<', 'true', '/>'],
      );
      assertScope(grammar, wrap('<false />'), '<false />', 'constant.language.boolean.plist');
      assertScope(grammar, wrap('<true></true>'), '<true></true>', 'constant.language.boolean.plist');
    });

    it('scopes dates and base64 data', () => {
      assertScope(grammar, wrap('<date>2024-05-01T12:00:00Z</date>'), '2024-05-01T12:00:00Z', 'constant.other.date.plist');
      assertScope(grammar, wrap('<data>\nSGVsbG8=\n</data>'), 'SGVsbG8=', 'constant.other.base64.plist');
    });

    it('scopes self-closing containers and empty strings as tags', () => {
      for (const tag of ['dict', 'array', 'string', 'key']) {
        const text = `<${tag}/>\n<key>NextKey</key>`;
        assert.ok(scopesOfToken(grammar, text, tag).includes(`entity.name.tag.${tag}.plist`));
        assert.ok(scopesOfToken(grammar, text, '/>').includes('punctuation.definition.tag.end.plist'));
        assertScope(grammar, text, 'NextKey', 'support.type.property-name.plist');
      }
    });
  });

  describe('build settings', () => {
    const cases = [
      '$(TeamIdentifierPrefix)',
      '${PRODUCT_NAME}',
      '$(PRODUCT_BUNDLE_IDENTIFIER:rfc1034identifier)',
      '$(PRODUCT_BUNDLE_PREFIX:default=com.utmapp)',
      '$(BUNDLE_ID_$(CONFIGURATION))',
    ];
    for (const reference of cases) {
      it(`scopes ${reference} inside a string and inside a key`, () => {
        assertScope(grammar, wrap(`<string>${reference}.suffix</string>`), reference, 'variable.other.build-setting.plist');
        assertScope(grammar, wrap(`<key>${reference}.suffix</key>`), reference, 'variable.other.build-setting.plist');
        assertNoScope(grammar, wrap(`<string>${reference}.suffix</string>`), '.suffix', 'variable.');
      });
    }

    it('scopes the delimiters and modifiers', () => {
      const text = wrap('<string>$(PRODUCT_BUNDLE_IDENTIFIER:rfc1034identifier)</string>');
      assert.ok(scopesOfToken(grammar, text, '$(').includes('punctuation.definition.variable.begin.plist'));
      assert.ok(scopesOfToken(grammar, text, ')').includes('punctuation.definition.variable.end.plist'));
      assert.ok(scopesOfToken(grammar, text, 'rfc1034identifier').includes('support.function.build-setting-modifier.plist'));
    });

    it('leaves an unclosed reference as plain string text', () => {
      assertNoScope(grammar, wrap('<string>$(PRODUCT_</string>'), '$(PRODUCT_', 'variable.');
    });

    it('does not expand references inside CDATA', () => {
      assertNoScope(grammar, wrap('<string><![CDATA[$(NAME)]]></string>'), '$(NAME)', 'variable.');
    });
  });

  describe('XML constructs', () => {
    it('scopes the declaration and the DOCTYPE', () => {
      const text =
        '<?xml version="1.0" encoding="UTF-8"?>\n' +
        '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n';
      assertScope(grammar, text, '<?xml version="1.0" encoding="UTF-8"?>', 'meta.tag.preprocessor.xml');
      assert.ok(scopesOfToken(grammar, text, 'DOCTYPE').includes('keyword.other.doctype.xml'));
      assertScope(grammar, text, '"-//Apple//DTD PLIST 1.0//EN"', 'string.quoted.double.xml');
    });

    it('scopes comments and CDATA', () => {
      assertScope(grammar, wrap('<!-- a note -->'), '<!-- a note -->', 'comment.block.xml');
      assertScope(grammar, wrap('<string><![CDATA[a < b & c]]></string>'), '<![CDATA[a < b & c]]>', 'string.unquoted.cdata.xml');
    });

    it('scopes entities and flags a bare ampersand', () => {
      const text = wrap('<string>&amp; &lt; &#x41; &#65; &</string>');
      for (const entity of ['&amp;', '&lt;', '&#x41;', '&#65;']) {
        assertScope(grammar, text, entity, 'constant.character.entity.xml');
      }
      assert.ok(scopesOfToken(grammar, wrap('<string>Tom & Jerry</string>'), '&').some((scope) => scope.startsWith('invalid.illegal')));
    });

    it('scopes C preprocessor lines used by preprocessed Info.plist files', () => {
      const text = wrap('<array>\n#ifdef INTUNE\n<string>intune</string>\n#endif\n</array>');
      assertScope(grammar, text, '#ifdef INTUNE', 'meta.preprocessor.plist');
      assert.ok(scopesOfToken(grammar, text, 'endif').includes('keyword.control.directive.plist'));
      assertScope(grammar, text, 'intune', 'string.unquoted.plist');
    });
  });

  describe('half-typed input', () => {
    const brokenSnippets: Record<string, string> = {
      'an unclosed key': '<key>com.apple.security.',
      'a half-typed closing tag': '<key>com.apple.security.app-sandbox</ke',
      'a half-typed open tag': '<dict',
      'an unclosed string': '<string>unfinished',
      'an unclosed attribute value': '<plist version="1.0',
      'an unclosed build setting': '<string>$(PRODUCT_',
      'a half-typed entity': '<string>Tom &am',
      'a lone angle bracket': '<',
    };
    for (const [description, snippet] of Object.entries(brokenSnippets)) {
      it(`recovers at the next tag after ${description}`, () => {
        const rest = '<key>NextKey</key>\n<true/>\n</dict>\n</plist>\n';
        const text = `${snippet}\n${rest}`;
        assertScope(grammar, text, 'NextKey', 'support.type.property-name.plist');
        assertScope(grammar, text, '<true/>', 'constant.language.boolean.plist');
        assert.equal(tokenizeText(grammar, text).finalDepth, 1, 'a rule is still open at the end of the text');

        // Everything after the broken line must tokenize exactly as it does without it.
        const snippetLineCount = snippet.split('\n').length;
        const afterBroken = tokenizeText(grammar, text)
          .tokens.filter((token) => token.line > snippetLineCount)
          .map((token) => ({ ...token, line: token.line - snippetLineCount }));
        assert.deepEqual(afterBroken, tokenizeText(grammar, rest).tokens);
      });
    }
  });

  describe('fixture snapshots', () => {
    const fixtureNames = fs
      .readdirSync(fixturesDir)
      .filter((name) => !name.endsWith(snapshotExtension))
      .sort();

    it('has at least one fixture, and no snapshot without its fixture', () => {
      assert.ok(fixtureNames.length > 0);
      const orphans = fs
        .readdirSync(fixturesDir)
        .filter((name) => name.endsWith(snapshotExtension))
        .filter((name) => !fixtureNames.includes(name.slice(0, -snapshotExtension.length)));
      assert.deepEqual(orphans, [], 'delete snapshots whose fixture is gone');
    });

    for (const fixtureName of fixtureNames) {
      it(fixtureName, () => {
        const source = fs.readFileSync(path.join(fixturesDir, fixtureName), 'utf8');
        const actual = formatSnapshot(fixtureName, tokenizeText(grammar, source));
        const snapshotPath = path.join(fixturesDir, fixtureName + snapshotExtension);
        if (isUpdatingSnapshots) {
          fs.writeFileSync(snapshotPath, actual);
          return;
        }
        if (!fs.existsSync(snapshotPath)) {
          assert.fail(`No snapshot at ${snapshotPath}. Run with UPDATE_SNAPSHOTS=1 to create it.`);
        }
        // Git may check snapshots out with CRLF on Windows; the tokens themselves never contain "\r".
        const expected = fs.readFileSync(snapshotPath, 'utf8').replace(/\r\n/g, '\n');
        if (expected !== actual) {
          assert.fail(
            `Tokens of ${fixtureName} differ from ${path.basename(snapshotPath)}. ` +
              'If the change is intended, rerun with UPDATE_SNAPSHOTS=1 and review the snapshot diff.\n' +
              diffLines(expected, actual),
          );
        }
      });
    }
  });
});
