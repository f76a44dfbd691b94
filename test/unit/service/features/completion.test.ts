import * as assert from 'node:assert/strict';
import { CompletionItemTag, InsertTextFormat, InsertTextMode, type CompletionItem, type MarkupContent, type TextEdit } from 'vscode-languageserver-types';
import type { Catalog, FileKind, Platform } from '../../../../shared/src/catalog';
import type { ProductType } from '../../../../shared/src/target';
import { CATALOG } from '../../../../shared/src/catalogData';
import { valueTemplatesOf } from '../../../../server/src/service/features/completion';
import { describeEntry } from '../../../../server/src/service/features/hover';
import { createLanguageService, type LanguageService } from '../../../../server/src/service/languageService';
import { PLIST_HEADER, applyEdits, catalogEntry, catalogOf, diagnose, plist, service, textDocument, withCursor } from '../../helpers';

interface CompleteOptions {
  readonly fileKind?: FileKind;
  readonly platforms?: readonly Platform[];
  readonly productType?: ProductType;
  readonly catalog?: Catalog;
  readonly fileName?: string;
}

const services = new Map<Catalog, LanguageService>();

/** The items at the `$0` marker, in the order the editor would list them before filtering. */
function completionsAt(textWithCursor: string, options: CompleteOptions = {}): { text: string; items: CompletionItem[] } {
  const { text, offset } = withCursor(textWithCursor);
  let languageService = service;
  if (options.catalog !== undefined) {
    languageService = services.get(options.catalog) ?? createLanguageService(options.catalog);
    services.set(options.catalog, languageService);
  }
  const context = {
    fileKind: options.fileKind ?? 'entitlements',
    target: { platforms: options.platforms ?? [], productType: options.productType, reasons: [] },
    allowedKeys: new Set<string>(),
    ...(options.fileName === undefined ? {} : { fileName: options.fileName }),
  };
  const list = languageService.complete(textDocument(text), languageService.parse(text), offset, context);
  assert.equal(list.isIncomplete, false);
  const items = [...list.items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label));
  return { text, items };
}

function labelsAt(textWithCursor: string, options: CompleteOptions = {}): string[] {
  return completionsAt(textWithCursor, options).items.map((item) => item.label);
}

function itemAt(textWithCursor: string, label: string, options: CompleteOptions = {}): { text: string; item: CompletionItem } {
  const { text, items } = completionsAt(textWithCursor, options);
  const item = items.find((candidate) => candidate.label === label);
  assert.ok(item !== undefined, `no '${label}' among ${JSON.stringify(items.map((candidate) => candidate.label).slice(0, 20))}`);
  return { text, item };
}

/** The document after accepting `label`, with the snippet's tab stops left as written (`$1`, `${1:...}`). */
function accept(textWithCursor: string, label: string, options: CompleteOptions = {}): string {
  const { text, item } = itemAt(textWithCursor, label, options);
  assert.ok(item.textEdit !== undefined && 'range' in item.textEdit, 'every item carries a TextEdit');
  return applyEdits(text, [item.textEdit]);
}

/** What an item's edit replaces in the document. */
function replacedText(textWithCursor: string, label: string, options: CompleteOptions = {}): string {
  const { text, item } = itemAt(textWithCursor, label, options);
  const edit = item.textEdit as TextEdit;
  const document = textDocument(text);
  return text.slice(document.offsetAt(edit.range.start), document.offsetAt(edit.range.end));
}

const EMPTY_DICT = plist('\n\t$0\n');
const END = '\n</dict>\n</plist>\n';

describe('completion', () => {
  describe('of keys in the root dict', () => {
    it('inserts the key and a value of its type, indented like the line', () => {
      assert.equal(accept(EMPTY_DICT, 'com.apple.security.app-sandbox'), plist('\n\t<key>com.apple.security.app-sandbox</key>\n\t<true/>\n'));
      assert.equal(accept(EMPTY_DICT, 'com.apple.developer.healthkit.access'), plist('\n\t<key>com.apple.developer.healthkit.access</key>\n\t<array>\n\t\t<string>${1|health-records,verifiable-health-records|}</string>\n\t</array>\n'));
    });

    it('inserts a snippet, as written, since it carries its own indentation', () => {
      const { item } = itemAt(EMPTY_DICT, 'aps-environment');
      assert.equal(item.insertTextFormat, InsertTextFormat.Snippet);
      assert.equal(item.insertTextMode, InsertTextMode.asIs);
      assert.equal((item.textEdit as TextEdit).newText, '<key>aps-environment</key>\n\t<string>${1|development,production|}</string>');
    });

    it('follows a file indented with spaces', () => {
      const text = `${PLIST_HEADER}<dict>\n  <key>com.apple.security.app-sandbox</key>\n  <true/>\n  $0${END}`;
      assert.equal(accept(text, 'com.apple.security.application-groups'), `${PLIST_HEADER}<dict>\n  <key>com.apple.security.app-sandbox</key>\n  <true/>\n  <key>com.apple.security.application-groups</key>\n  <array>\n    <string>group.\${1:reverse-DNS}</string>\n  </array>${END}`);
    });

    it('writes a value element for every type', () => {
      const catalog = catalogOf({
        entitlements: [
          catalogEntry('a.boolean'),
          catalogEntry('a.string', { type: 'string' }),
          catalogEntry('a.integer', { type: 'integer' }),
          catalogEntry('a.real', { type: 'real' }),
          catalogEntry('a.date', { type: 'date' }),
          catalogEntry('a.data', { type: 'data' }),
          catalogEntry('a.dictionary', { type: 'dictionary' }),
          catalogEntry('a.list', { type: 'array' }),
          catalogEntry('a.dicts', { type: 'array', itemType: 'dictionary' }),
          catalogEntry('a.numbers', { type: 'array', itemType: 'integer', values: [{ value: '1' }, { value: '2' }] }),
        ],
      });
      const valueOf = (key: string) => (itemAt(EMPTY_DICT, key, { catalog }).item.textEdit as TextEdit).newText.replace(`<key>${key}</key>\n\t`, '');
      assert.equal(valueOf('a.boolean'), '<true/>');
      assert.equal(valueOf('a.string'), '<string>$1</string>');
      assert.equal(valueOf('a.integer'), '<integer>$1</integer>');
      assert.equal(valueOf('a.real'), '<real>$1</real>');
      assert.equal(valueOf('a.date'), '<date>$1</date>');
      assert.equal(valueOf('a.data'), '<data>$1</data>');
      assert.equal(valueOf('a.dictionary'), '<dict>\n\t\t$1\n\t</dict>');
      assert.equal(valueOf('a.list'), '<array>\n\t\t$1\n\t</array>');
      assert.equal(valueOf('a.dicts'), '<array>\n\t\t<dict>\n\t\t\t$1\n\t\t</dict>\n\t</array>');
      assert.equal(valueOf('a.numbers'), '<array>\n\t\t<integer>${1|1,2|}</integer>\n\t</array>');
    });

    it('offers only the keys of the file kind', () => {
      const entitlements = labelsAt(EMPTY_DICT);
      assert.ok(entitlements.includes('com.apple.security.app-sandbox'));
      assert.ok(!entitlements.includes('CFBundleIdentifier'));
      const infoPlist = labelsAt(EMPTY_DICT, { fileKind: 'infoPlist' });
      assert.ok(infoPlist.includes('CFBundleIdentifier'));
      assert.ok(!infoPlist.includes('com.apple.security.app-sandbox'));
    });

    it('leaves out keys already in the dict', () => {
      const labels = labelsAt(plist('\n\t<key>com.apple.security.app-sandbox</key>\n\t<true/>\n\t$0\n'));
      assert.ok(!labels.includes('com.apple.security.app-sandbox'));
      assert.ok(labels.includes('com.apple.security.network.client'));
    });

    it('never offers an invented key, even one the catalog also lists', () => {
      const labels = labelsAt(EMPTY_DICT);
      for (const hallucination of CATALOG.hallucinations) assert.ok(!labels.includes(hallucination.key), hallucination.key);
      const catalog = catalogOf({
        entitlements: [catalogEntry('com.example.real'), catalogEntry('com.example.invented')],
        hallucinations: [{ key: 'com.example.invented', kind: 'wrong-name', replacements: [], advice: 'Remove it', details: [], confidence: 'high', source: 'test' }],
      });
      assert.deepEqual(labelsAt(EMPTY_DICT, { catalog }), ['com.example.real']);
      // Real in Info.plist, invented as an entitlement.
      assert.ok(labelsAt(EMPTY_DICT, { fileKind: 'infoPlist' }).includes('UIBackgroundModes'));
    });

    it('leaves out the keys signing inserts, so nothing offered is flagged as signing-inserted at once', () => {
      const signingInserted = CATALOG.entitlements.filter((entry) => entry.signingInsertedNote !== undefined).map((entry) => entry.key);
      assert.ok(signingInserted.includes('application-identifier') && signingInserted.includes('get-task-allow'));
      const labels = labelsAt(EMPTY_DICT);
      for (const key of signingInserted) assert.ok(!labels.includes(key), key);
      assert.ok(labels.includes('com.apple.security.app-sandbox'));
      const typed = labelsAt(plist('\n\t<key>applica$0'));
      assert.ok(!typed.includes('application-identifier'));
      for (const label of labels) {
        const text = plist(`<key>${label}</key><true/>`);
        const codes = diagnose(text, { fileKind: 'entitlements' }).map((diagnostic) => diagnostic.code);
        assert.ok(!codes.includes('signing-inserted-key'), label);
      }
    });

    it('still offers them where signing-inserted-key stays quiet: a file a script or ldid signs as written', () => {
      const labels = labelsAt(EMPTY_DICT, { fileName: 'entitlements.mas.plist' });
      assert.ok(labels.includes('application-identifier'));
      assert.ok(labels.includes('get-task-allow'));
      const text = plist('<key>application-identifier</key><string>x</string>');
      assert.deepEqual(diagnose(text, { fileKind: 'entitlements', fileName: 'entitlements.mas.plist' }).filter((diagnostic) => diagnostic.code === 'signing-inserted-key'), []);
    });

    it('offers the keys of the target platforms first, then the rest of its family, never the other family', () => {
      const catalog = catalogOf({
        entitlements: [
          catalogEntry('k.ios', { platforms: ['iOS'] }),
          catalogEntry('k.ipados', { platforms: ['iPadOS'] }),
          catalogEntry('k.catalyst', { platforms: ['MacCatalyst'] }),
          catalogEntry('k.macos', { platforms: ['macOS'] }),
          catalogEntry('k.watchos', { platforms: ['watchOS'] }),
        ],
      });
      const sorted = (labels: string[]) => [...labels].sort();
      // iPad and Mac Catalyst count as iOS; watchOS is another device platform, offered after them, because
      // Apple's per-key lists have gaps inside the device family (the HealthKit page omits watchOS).
      const ios = labelsAt(EMPTY_DICT, { catalog, platforms: ['iOS'] });
      assert.deepEqual(sorted(ios.slice(0, 3)), ['k.catalyst', 'k.ios', 'k.ipados']);
      assert.deepEqual(ios.slice(3), ['k.watchos']);
      const catalyst = labelsAt(EMPTY_DICT, { catalog, platforms: ['MacCatalyst'] });
      assert.deepEqual(sorted(catalyst.slice(0, 4)), ['k.catalyst', 'k.ios', 'k.ipados', 'k.macos']);
      assert.deepEqual(catalyst.slice(4), ['k.watchos']);
      const mac = labelsAt(EMPTY_DICT, { catalog, platforms: ['macOS'] });
      assert.equal(mac[0], 'k.macos');
      assert.ok(!mac.includes('k.ios') && !mac.includes('k.watchos'), 'device-only keys are never offered to a Mac target');
      assert.equal(labelsAt(EMPTY_DICT, { catalog }).length, 5, 'an unknown target takes every key');
    });

    it('leaves out keys App Clips may not use in an App Clip target', () => {
      const catalog = catalogOf({ entitlements: [catalogEntry('k.fine', { appClip: true }), catalogEntry('k.unsupported', { appClip: false })] });
      assert.deepEqual(labelsAt(EMPTY_DICT, { catalog, productType: 'app-clip' }), ['k.fine']);
      assert.deepEqual([...labelsAt(EMPTY_DICT, { catalog, productType: 'app' })].sort(), ['k.fine', 'k.unsupported']);
    });

    it('offers the macOS push key on macOS and the iOS one on iOS', () => {
      const mac = labelsAt(EMPTY_DICT, { platforms: ['macOS'] });
      assert.ok(mac.includes('com.apple.developer.aps-environment') && !mac.includes('aps-environment'));
      const ios = labelsAt(EMPTY_DICT, { platforms: ['iOS'] });
      assert.ok(ios.includes('aps-environment') && !ios.includes('com.apple.developer.aps-environment'));
    });

    it('ranks keys by how many real apps use them, deprecated keys last', () => {
      const catalog = catalogOf({
        entitlements: [catalogEntry('rare'), catalogEntry('common'), catalogEntry('unused'), catalogEntry('old', { isDeprecated: true })],
        usageCounts: { common: 120, rare: 3, old: 500 },
      });
      assert.deepEqual(labelsAt(EMPTY_DICT, { catalog }), ['common', 'rare', 'unused', 'old']);
      const real = labelsAt(EMPTY_DICT);
      assert.equal(real[0], 'com.apple.security.application-groups', 'the most used entitlement in the corpus comes first');
      assert.ok(real.indexOf('com.apple.security.app-sandbox') < real.indexOf('com.apple.developer.sensorkit.reader.allow'));
    });

    it('describes each key: type and approval in the detail, the hover text as documentation', () => {
      const { item } = itemAt(EMPTY_DICT, 'com.apple.developer.sensorkit.reader.allow');
      assert.equal(item.detail, "array of string · Needs Apple's approval");
      const entry = CATALOG.entitlements.find((candidate) => candidate.key === 'com.apple.developer.sensorkit.reader.allow');
      assert.ok(entry !== undefined);
      assert.deepEqual(item.documentation, { kind: 'markdown', value: describeEntry(entry) });
      assert.equal(itemAt(EMPTY_DICT, 'com.apple.security.app-sandbox').item.detail, 'boolean');
    });

    it('shows Xcode’s name for an Info.plist key and marks deprecated keys', () => {
      const { item } = itemAt(EMPTY_DICT, 'NSLocationAlwaysUsageDescription', { fileKind: 'infoPlist' });
      assert.deepEqual(item.tags, [CompletionItemTag.Deprecated]);
      assert.match(item.detail ?? '', /Deprecated/);
      assert.match(itemAt(EMPTY_DICT, 'NSCameraUsageDescription', { fileKind: 'infoPlist' }).item.labelDetails?.description ?? '', /Camera/);
    });
  });

  describe('of a half-typed key', () => {
    it('replaces only the typed text at the end of the file, and writes the rest', () => {
      const text = `${PLIST_HEADER}<dict>\n\t<key>com.apple.dev$0`;
      assert.equal(replacedText(text, 'com.apple.developer.associated-domains'), 'com.apple.dev');
      assert.equal(accept(text, 'com.apple.developer.associated-domains'), `${PLIST_HEADER}<dict>\n\t<key>com.apple.developer.associated-domains</key>\n\t<array>\n\t\t<string>applinks:\${1:domain}</string>\n\t</array>`);
    });

    it('inserts just the name when </key> is already there', () => {
      const text = plist('\n\t<key>com.apple.dev$0</key>\n\t<true/>\n');
      const { item } = itemAt(text, 'com.apple.developer.siri');
      assert.equal(item.insertTextFormat, InsertTextFormat.PlainText);
      assert.equal(accept(text, 'com.apple.developer.siri'), plist('\n\t<key>com.apple.developer.siri</key>\n\t<true/>\n'));
    });

    it('replaces the whole key text from the middle of it', () => {
      const text = plist('\n\t<key>com.apple.$0sec</key>\n\t<true/>\n');
      assert.equal(replacedText(text, 'com.apple.security.app-sandbox'), 'com.apple.sec');
    });

    it('closes the key without a second value when one follows', () => {
      const text = plist('\n\t<key>com.apple.security.app-sand$0\n\t<true/>\n');
      assert.equal(accept(text, 'com.apple.security.app-sandbox'), plist('\n\t<key>com.apple.security.app-sandbox</key>\n\t<true/>\n'));
    });

    it('closes the key and adds a value when the next key follows', () => {
      const text = plist('\n\t<key>com.apple.security.app-sand$0\n\t<key>aps-environment</key>\n\t<string>production</string>\n');
      assert.equal(accept(text, 'com.apple.security.app-sandbox'), plist('\n\t<key>com.apple.security.app-sandbox</key>\n\t<true/>\n\t<key>aps-environment</key>\n\t<string>production</string>\n'));
    });

    it('still offers the key being typed, even though it is in the dict', () => {
      assert.ok(labelsAt(plist('\n\t<key>aps-env$0</key>\n\t<string>production</string>\n')).includes('aps-environment'));
    });

    it('replaces a typed tag start, and the > the editor closed it with', () => {
      const text = plist('\n\t<ke$0>\n');
      assert.equal(replacedText(text, 'com.apple.security.app-sandbox'), '<ke>');
      assert.equal(accept(text, 'com.apple.security.app-sandbox'), plist('\n\t<key>com.apple.security.app-sandbox</key>\n\t<true/>\n'));
      assert.equal(itemAt(text, 'com.apple.security.app-sandbox').item.filterText, '<key>com.apple.security.app-sandbox');
      assert.equal(accept(plist('\n\t<$0\n'), 'com.apple.security.app-sandbox'), plist('\n\t<key>com.apple.security.app-sandbox</key>\n\t<true/>\n'));
    });

    it('turns a bare key name into a key and value', () => {
      const text = plist('\n\tNSCam$0\n');
      assert.equal(accept(text, 'NSCameraUsageDescription', { fileKind: 'infoPlist' }), plist('\n\t<key>NSCameraUsageDescription</key>\n\t<string>$1</string>\n'));
      assert.equal(itemAt(text, 'NSCameraUsageDescription', { fileKind: 'infoPlist' }).item.filterText, 'NSCameraUsageDescription');
    });
  });

  describe('in every line-ending style', () => {
    const cases = [
      ['a key in the root dict', plist('\n\t<key>com.apple.security.app-sandbox</key>\n\t<true/>\n\t$0\n'), 'entitlements', 'aps-environment'],
      ['a half-typed key', plist('\n\t<key>com.apple.security.app-sand$0\n\t<key>aps-environment</key>\n\t<string>production</string>\n'), 'entitlements', 'com.apple.security.app-sandbox'],
      ['a typed tag start', plist('\n\t<ke$0>\n'), 'entitlements', 'com.apple.security.app-sandbox'],
      ['a bare key name', plist('\n\tNSCam$0\n'), 'infoPlist', 'NSCameraUsageDescription'],
      ['a value', plist('\n\t<key>aps-environment</key>\n\t<string>$0</string>\n'), 'entitlements', 'development'],
    ] as const;
    for (const eol of ['\n', '\r\n', '\r']) {
      for (const [name, lfText, fileKind, label] of cases) {
        it(`keeps every edit on the cursor's line and writes ${JSON.stringify(eol)} breaks: ${name}`, () => {
          const textWithCursor = lfText.replace(/\n/g, eol);
          const { text, items } = completionsAt(textWithCursor, { fileKind });
          const cursorLine = textDocument(text).positionAt(withCursor(textWithCursor).offset).line;
          assert.ok(items.some((item) => item.label === label), `no '${label}'`);
          for (const item of items) {
            const range = (item.textEdit as TextEdit).range;
            assert.deepEqual([range.start.line, range.end.line], [cursorLine, cursorLine], item.label);
          }
          const result = accept(textWithCursor, label, { fileKind });
          assert.equal(result.replace(/\r\n|\r|\n/g, eol), result, `only ${JSON.stringify(eol)} breaks after accepting '${label}'`);
          assert.equal(result.replace(/\r\n|\r/g, '\n'), accept(lfText, label, { fileKind }));
        });
      }
    }
  });

  describe('of keys in nested Info.plist dicts', () => {
    const options = { fileKind: 'infoPlist' as const };

    it('offers the sub-keys of the parent entry', () => {
      const text = plist('\n\t<key>NSAppTransportSecurity</key>\n\t<dict>\n\t\t<key>NSAllowsArbitraryLoads</key>\n\t\t<true/>\n\t\t$0\n\t</dict>\n');
      const labels = labelsAt(text, options);
      assert.ok(labels.includes('NSExceptionDomains') && labels.includes('NSAllowsLocalNetworking'));
      assert.ok(!labels.includes('NSAllowsArbitraryLoads'), 'already present');
      assert.ok(!labels.includes('CFBundleIdentifier'), 'a top-level key');
      assert.equal(accept(text, 'NSAllowsLocalNetworking', options), plist('\n\t<key>NSAppTransportSecurity</key>\n\t<dict>\n\t\t<key>NSAllowsArbitraryLoads</key>\n\t\t<true/>\n\t\t<key>NSAllowsLocalNetworking</key>\n\t\t<true/>\n\t</dict>\n'));
    });

    it('passes through a level of free-form names, and offers nothing for the names themselves', () => {
      const domains = (inner: string) => plist(`\n\t<key>NSAppTransportSecurity</key>\n\t<dict>\n\t\t<key>NSExceptionDomains</key>\n\t\t<dict>\n${inner}\n\t\t</dict>\n\t</dict>\n`);
      const labels = labelsAt(domains('\t\t\t<key>example.com</key>\n\t\t\t<dict>\n\t\t\t\t$0\n\t\t\t</dict>'), options);
      assert.ok(labels.includes('NSIncludesSubdomains') && labels.includes('NSExceptionAllowsInsecureHTTPLoads'));
      assert.deepEqual(labelsAt(domains('\t\t\t$0'), options), []);
    });

    it('offers the keys of each dict in an array', () => {
      const labels = labelsAt(plist('\n\t<key>CFBundleURLTypes</key>\n\t<array>\n\t\t<dict>\n\t\t\t$0\n\t\t</dict>\n\t</array>\n'), options);
      assert.ok(labels.includes('CFBundleURLSchemes') && labels.includes('CFBundleURLName'));
    });

    it('offers nothing in a dict the catalog does not describe', () => {
      assert.deepEqual(labelsAt(plist('\n\t<key>MyOwnSettings</key>\n\t<dict>\n\t\t$0\n\t</dict>\n'), options), []);
      assert.deepEqual(labelsAt(plist('\n\t<key>com.apple.security.scripting-targets</key>\n\t<dict>\n\t\t$0\n\t</dict>\n')), []);
    });
  });

  describe('where nothing fits', () => {
    it('offers nothing inside a tag, a self-closing dict, or outside the root', () => {
      assert.deepEqual(labelsAt(plist('\n\t<key>aps-environment</key>\n\t<str$0ing>production</string>\n')), []);
      assert.deepEqual(labelsAt(plist('\n\t<key>a</key>\n\t<dict$0/>\n')), []);
      assert.deepEqual(labelsAt(`${PLIST_HEADER}$0<dict>\n</dict>\n</plist>\n`), []);
      assert.deepEqual(labelsAt(`${PLIST_HEADER}<dict>\n</dict>\n</plist>\n$0`), []);
      assert.deepEqual(labelsAt('$0'), []);
    });

    it('offers nothing between a key and its value', () => {
      assert.deepEqual(labelsAt(plist('\n\t<key>com.apple.security.app-sandbox</key>\n\t$0\n\t<true/>\n')), []);
    });
  });

  describe('of values', () => {
    it('offers <true/> and <false/> after a boolean key', () => {
      const text = plist('\n\t<key>com.apple.security.app-sandbox</key>\n\t$0\n');
      assert.deepEqual(labelsAt(text), ['<true/>', '<false/>']);
      assert.equal(accept(text, '<false/>'), plist('\n\t<key>com.apple.security.app-sandbox</key>\n\t<false/>\n'));
    });

    it('replaces a typed tag start after a key', () => {
      const text = plist('\n\t<key>com.apple.security.app-sandbox</key>\n\t<t$0>\n');
      assert.equal(accept(text, '<true/>'), plist('\n\t<key>com.apple.security.app-sandbox</key>\n\t<true/>\n'));
      assert.equal(itemAt(text, '<true/>').item.filterText, '<true');
    });

    it('offers each documented value after an enumerated key, with what it means', () => {
      const text = plist('\n\t<key>aps-environment</key>\n\t$0\n');
      assert.deepEqual(labelsAt(text), ['development', 'production']);
      assert.equal(accept(text, 'production'), plist('\n\t<key>aps-environment</key>\n\t<string>production</string>\n'));
      const { item } = itemAt(text, 'production');
      assert.match(item.detail ?? '', /production APNs/);
      assert.match((item.documentation as MarkupContent).value, /value of `aps-environment`/);
    });

    it('offers the documented values inside <string>, replacing what was typed', () => {
      const text = plist('\n\t<key>aps-environment</key>\n\t<string>prod$0</string>\n');
      assert.equal(replacedText(text, 'production'), 'prod');
      assert.equal(accept(text, 'production'), plist('\n\t<key>aps-environment</key>\n\t<string>production</string>\n'));
      assert.equal(itemAt(text, 'production').item.insertTextFormat, InsertTextFormat.PlainText);
    });

    it('closes a half-typed <string> at the end of the file', () => {
      const text = `${PLIST_HEADER}<dict>\n\t<key>aps-environment</key>\n\t<string>dev$0`;
      assert.equal(accept(text, 'development'), `${PLIST_HEADER}<dict>\n\t<key>aps-environment</key>\n\t<string>development</string>`);
    });

    it('offers the values an array does not hold yet, as items', () => {
      const text = plist('\n\t<key>com.apple.developer.networking.networkextension</key>\n\t<array>\n\t\t<string>packet-tunnel-provider</string>\n\t\t$0\n\t</array>\n');
      const labels = labelsAt(text);
      assert.ok(labels.includes('app-proxy-provider') && !labels.includes('packet-tunnel-provider'));
      assert.equal(accept(text, 'dns-proxy'), plist('\n\t<key>com.apple.developer.networking.networkextension</key>\n\t<array>\n\t\t<string>packet-tunnel-provider</string>\n\t\t<string>dns-proxy</string>\n\t</array>\n'));
    });

    it('offers values inside an item, leaving out the other items but not itself', () => {
      const text = plist('\n\t<key>UIBackgroundModes</key>\n\t<array>\n\t\t<string>audio</string>\n\t\t<string>fetch$0</string>\n\t</array>\n');
      const labels = labelsAt(text, { fileKind: 'infoPlist' });
      assert.ok(labels.includes('fetch') && labels.includes('remote-notification') && !labels.includes('audio'));
    });

    it('offers the values documented for the target platforms', () => {
      const catalog = catalogOf({
        entitlements: [catalogEntry('k', { type: 'string', values: [{ value: 'everywhere' }, { value: 'mac-only', platforms: ['macOS'] }] })],
      });
      const text = plist('\n\t<key>k</key>\n\t<string>$0</string>\n');
      assert.deepEqual(labelsAt(text, { catalog, platforms: ['iOS'] }), ['everywhere']);
      assert.deepEqual(labelsAt(text, { catalog, platforms: ['macOS'] }), ['everywhere', 'mac-only']);
    });

    it('offers every value element after a key the catalog does not know', () => {
      const text = plist('\n\t<key>MyKey</key>\n\t$0\n');
      assert.deepEqual(labelsAt(text, { fileKind: 'infoPlist' }), ['<string>', '<true/>', '<false/>', '<integer>', '<real>', '<array>', '<dict>', '<date>', '<data>']);
      assert.equal(accept(text, '<dict>', { fileKind: 'infoPlist' }), plist('\n\t<key>MyKey</key>\n\t<dict>\n\t\t$1\n\t</dict>\n'));
    });

    it('offers nothing inside the string of a key without documented values or format', () => {
      assert.deepEqual(labelsAt(plist('\n\t<key>CFBundleName</key>\n\t<string>$0</string>\n'), { fileKind: 'infoPlist' }), []);
    });

    it('offers values only where the element has the documented type', () => {
      assert.deepEqual(labelsAt(plist('\n\t<key>UIBackgroundModes</key>\n\t<string>$0</string>\n'), { fileKind: 'infoPlist' }), [], 'an array key written as a string');
      assert.deepEqual(labelsAt(plist('\n\t<key>UIDeviceFamily</key>\n\t<array>\n\t\t<integer>$0</integer>\n\t</array>\n'), { fileKind: 'infoPlist' }), ['1', '2']);
      assert.deepEqual(labelsAt(plist('\n\t<key>UIDeviceFamily</key>\n\t<array>\n\t\t<string>$0</string>\n\t</array>\n'), { fileKind: 'infoPlist' }), []);
    });
  });

  describe('of value templates', () => {
    const inString = (key: string) => plist(`\n\t<key>${key}</key>\n\t<array>\n\t\t<string>$0</string>\n\t</array>\n`);

    it('offers the associated-domains services', () => {
      const text = inString('com.apple.developer.associated-domains');
      assert.deepEqual(labelsAt(text), ['applinks:…', 'webcredentials:…', 'activitycontinuation:…', 'appclips:…']);
      assert.equal(accept(text, 'applinks:…'), plist('\n\t<key>com.apple.developer.associated-domains</key>\n\t<array>\n\t\t<string>applinks:${1:domain}</string>\n\t</array>\n'));
    });

    it('offers group., iCloud. and $(AppIdentifierPrefix) where those formats apply', () => {
      assert.deepEqual(labelsAt(inString('com.apple.security.application-groups')), ['group.…', '$(TeamIdentifierPrefix)…']);
      assert.deepEqual(labelsAt(inString('com.apple.developer.icloud-container-identifiers')), ['iCloud.…']);
      const keychain = inString('keychain-access-groups');
      assert.deepEqual(labelsAt(keychain), ['$(AppIdentifierPrefix)…']);
      assert.equal(accept(keychain, '$(AppIdentifierPrefix)…'), plist('\n\t<key>keychain-access-groups</key>\n\t<array>\n\t\t<string>\\$(AppIdentifierPrefix)${1:identifier}</string>\n\t</array>\n'));
      assert.equal(itemAt(keychain, '$(AppIdentifierPrefix)…').item.filterText, '$(AppIdentifierPrefix)');
    });

    it('offers a template as a new array item', () => {
      const text = plist('\n\t<key>com.apple.security.application-groups</key>\n\t<array>\n\t\t$0\n\t</array>\n');
      assert.equal(accept(text, 'group.…'), plist('\n\t<key>com.apple.security.application-groups</key>\n\t<array>\n\t\t<string>group.${1:reverse-DNS}</string>\n\t</array>\n'));
    });

    it('reads templates from the catalog’s value patterns', () => {
      const templatesOf = (valuePattern: string) => valueTemplatesOf(catalogEntry('k', { type: 'string', valuePattern })).map((template) => `${template.prefix}<${template.placeholder}>`);
      assert.deepEqual(templatesOf('iCloud.<reverse-DNS container id>, e.g. iCloud.com.example.app'), ['iCloud.<reverse-DNS container id>']);
      assert.deepEqual(templatesOf('<AppIDPrefix>.<bundle id>'), ['$(AppIdentifierPrefix)<bundle id>']);
      assert.deepEqual(templatesOf('$(TeamIdentifierPrefix)$(CFBundleIdentifier) or $(TeamIdentifierPrefix)<shared id>'), ['$(TeamIdentifierPrefix)<shared id>']);
      assert.deepEqual(templatesOf('<service>:<domain>; services: applinks, webcredentials'), ['applinks:<domain>', 'webcredentials:<domain>']);
      assert.deepEqual(templatesOf('10-character Team ID'), []);
      assert.deepEqual(valueTemplatesOf(catalogEntry('k')), []);
    });
  });
});
