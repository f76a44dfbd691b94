import { UNKNOWN_TARGET } from '../../../shared/src/target';
import * as assert from 'node:assert/strict';
import { createLanguageService } from '../../../server/src/service/languageService';
import { parsePlist } from '../../../server/src/service/plist/parser';
import { toValue } from '../../../server/src/service/plist/value';
import { catalogEntry, catalogOf, coveredText, findings, plist, textDocument, withCursor } from '../helpers';

/** A three-entry catalog: the service must know exactly these keys and nothing else. */
const tinyCatalog = catalogOf({
  entitlements: [catalogEntry('com.example.only-entitlement', { summary: 'The only entitlement in this catalog.' })],
  infoPlist: [catalogEntry('NSOnlyInfoKey', { file: 'infoPlist', type: 'string' })],
  privateKeyPatterns: [{ prefix: 'com.example.private.', note: 'Private in this catalog.' }],
});
const service = createLanguageService(tinyCatalog);
const options = { fileKind: 'entitlements' as const, target: UNKNOWN_TARGET, allowedKeys: new Set<string>(), severity: {} };

describe('languageService', () => {
  it('parses with the plist parser', () => {
    const text = plist('<key>a</key><true/>');
    assert.deepEqual(service.parse(text), parsePlist(text));
  });

  it('validates against the catalog it was given', () => {
    const text = plist(`
<key>com.example.only-entitlement</key><true/>
<key>com.apple.security.app-sandbox</key><true/>
<key>com.example.private.thing</key><true/>
<key>NSOnlyInfoKey</key><string>x</string>
`);
    const diagnostics = service.validate(textDocument(text), service.parse(text), options);
    assert.deepEqual(findings(text, diagnostics), [
      { code: 'unknown-key', covered: 'com.apple.security.app-sandbox' },
      { code: 'private-entitlement', covered: 'com.example.private.thing' },
      { code: 'misplaced-key', covered: 'NSOnlyInfoKey' },
    ]);
  });

  it('hovers from the catalog it was given', () => {
    const { text, offset } = withCursor(plist('<key>com.example.only-$0entitlement</key><true/>'));
    const hover = service.hover(textDocument(text), service.parse(text), offset, options);
    assert.ok(hover?.range !== undefined);
    assert.equal(coveredText(text, { range: hover.range }), 'com.example.only-entitlement');
    assert.match(JSON.stringify(hover.contents), /The only entitlement in this catalog/);
  });

  it('offers quick fixes for its own diagnostics', () => {
    const text = plist('<key>com.example.only-entitlemnt</key><true/>');
    const document = textDocument(text);
    const parsed = service.parse(text);
    const actions = service.quickFixes(document, parsed, service.validate(document, parsed, options));
    assert.deepEqual(actions.map((action) => action.title), ["Change to 'com.example.only-entitlement'", "Remove 'com.example.only-entitlemnt'", "Suppress 'unknown-key' for this entry"]);
  });

  it('exposes the catalog index it built', () => {
    assert.equal(service.catalog.catalog, tinyCatalog);
    assert.deepEqual(service.catalog.entitlementKeys, ['com.example.only-entitlement']);
  });

  it('never throws on garbage', () => {
    for (const text of ['', '<', '</', '<plist><dict><key>', 'bplist00', '<!DOCTYPE [', '&&&;;;<<<>>>']) {
      const document = textDocument(text);
      const parsed = service.parse(text);
      const diagnostics = service.validate(document, parsed, options);
      assert.doesNotThrow(() => service.hover(document, parsed, text.length, options));
      assert.doesNotThrow(() => service.quickFixes(document, parsed, diagnostics));
    }
  });

  describe('two instances', () => {
    /** Texts of different sizes: the largest grows a service's scratch space past its first size. */
    const texts = [
      plist('<key>com.example.only-entitlement</key><true/><key>com.example.only-entitlemnt</key><true/>'),
      plist(`<key>NSOnlyInfoKey</key><string>a &amp; b</string><key>dup</key><true/><key>dup</key><false/>`),
      plist(Array.from({ length: 600 }, (_, index) => `<key>com.example.key-${index}</key><array><integer>${index}</integer><string>s${index}</string></array>`).join('\n')),
      plist('<key>com.example.only-entitlement</key><string>unclosed'),
    ];

    /** What a service answers for `text`: the parse's value, its problems, every key's text, and the diagnostics. */
    function answers(instance: ReturnType<typeof createLanguageService>, text: string): () => string {
      const parsed = instance.parse(text);
      const diagnostics = instance.validate(textDocument(text), parsed, options);
      // Read later, after the other instance (and this one) have parsed other texts in between.
      return () => {
        const table = parsed.table;
        const keys = [...parsed.entryList.keys].map((key) => table.textOf(key));
        return JSON.stringify([toValue(parsed), parsed.problems, keys, diagnostics]);
      };
    }

    it('give, used interleaved, the same answers as each alone', () => {
      const alone = texts.map((text) => answers(createLanguageService(tinyCatalog), text)());
      const first = createLanguageService(tinyCatalog);
      const second = createLanguageService(tinyCatalog);
      const reads: Array<{ expected: string | undefined; read: () => string }> = [];
      for (let round = 0; round < 2; round++) {
        texts.forEach((text, index) => {
          const other = texts.length - 1 - index;
          reads.push({ expected: alone[index], read: answers(first, text) });
          reads.push({ expected: alone[other], read: answers(second, texts[other] as string) });
        });
      }
      for (const { expected, read } of reads) assert.equal(read(), expected);
    });
  });
});
