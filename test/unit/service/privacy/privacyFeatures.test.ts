import * as assert from 'node:assert/strict';
import type { CompletionItem } from 'vscode-languageserver-types';
import { fileKindOf, LANGUAGE_IDS } from '../../../../server/src/service/fileKind';
import { applyEdits, context, hoverAt, plist, service, textDocument, withCursor } from '../../helpers';

const OPTIONS = { fileKind: 'privacyManifest' } as const;
const API_TYPES = (inner: string) => plist(`<key>NSPrivacyAccessedAPITypes</key><array><dict>${inner}</dict></array>`);

function complete(textWithCursor: string): { items: CompletionItem[]; apply: (label: string) => string } {
  const { text, offset } = withCursor(textWithCursor);
  const items = service.complete(textDocument(text), service.parse(text), offset, context(OPTIONS)).items;
  const apply = (label: string) => {
    const item = items.find((candidate) => candidate.label === label);
    assert.ok(item?.textEdit !== undefined && 'range' in item.textEdit, `no '${label}' among ${items.map((candidate) => candidate.label).join(', ')}`);
    return applyEdits(text, [item.textEdit]);
  };
  return { items, apply };
}

describe('privacy manifest features', () => {
  describe('file kind', () => {
    it('recognises PrivacyInfo.xcprivacy by name and the privacy-manifest language id', () => {
      assert.equal(fileKindOf('/work/App/PrivacyInfo.xcprivacy'), 'privacyManifest');
      assert.equal(fileKindOf('file:///work/App/Resources/PrivacyInfo.xcprivacy'), 'privacyManifest');
      assert.equal(fileKindOf('Untitled-1', LANGUAGE_IDS.privacyManifest), 'privacyManifest');
      assert.equal(fileKindOf('/work/App/Other.xcprivacy'), undefined);
    });
  });

  describe('hover', () => {
    it('explains a top-level key and a key inside the API dictionaries, with its type', () => {
      const top = hoverAt(plist('<key>NSPrivacyTr$0acking</key><false/>'), OPTIONS);
      assert.equal(top?.covered, 'NSPrivacyTracking');
      assert.ok(top?.markdown.includes('Type: boolean'));
      const nested = hoverAt(API_TYPES('<key>NSPrivacyAccessedAPITypeRe$0asons</key><array/>'), OPTIONS);
      assert.equal(nested?.covered, 'NSPrivacyAccessedAPITypeReasons');
      assert.ok(nested?.markdown.includes('nsprivacyaccessedapitypereasons'));
    });

    it('explains a category with its approved reasons, and a reason with its category', () => {
      const category = hoverAt(API_TYPES('<key>NSPrivacyAccessedAPIType</key><string>NSPrivacyAccessedAPICategoryUser$0Defaults</string>'), OPTIONS);
      for (const code of ['CA92.1', '1C8F.1', 'C56D.1', 'AC6B.1']) assert.ok(category?.markdown.includes(code), code);
      const reason = hoverAt(API_TYPES('<key>NSPrivacyAccessedAPITypeReasons</key><array><string>0A2$0A.1</string></array>'), OPTIONS);
      assert.ok(reason?.markdown.includes('NSPrivacyAccessedAPICategoryFileTimestamp'));
      assert.ok(reason?.markdown.includes('third-party SDKs'));
    });

    it('explains a collected data type and a purpose', () => {
      const text = plist('<key>NSPrivacyCollectedDataTypes</key><array><dict><key>NSPrivacyCollectedDataType</key><string>NSPrivacyCollectedDataTypeCrash$0Data</string></dict></array>');
      assert.ok(hoverAt(text, OPTIONS)?.markdown.includes('Diagnostics'));
      const purpose = plist('<key>NSPrivacyCollectedDataTypes</key><array><dict><key>NSPrivacyCollectedDataTypePurposes</key><array><string>NSPrivacyCollectedDataTypePurposeAna$0lytics</string></array></dict></array>');
      assert.ok(hoverAt(purpose, OPTIONS)?.markdown.includes('collection purpose'));
    });
  });

  describe('completion', () => {
    it('offers the four top-level keys with value templates, short of those present', () => {
      const { items, apply } = complete(plist('<key>NSPrivacyTracking</key><false/>\n\t$0'));
      assert.deepEqual(items.map((item) => item.label).sort(), ['NSPrivacyAccessedAPITypes', 'NSPrivacyCollectedDataTypes', 'NSPrivacyTrackingDomains']);
      assert.ok(apply('NSPrivacyTrackingDomains').includes('<key>NSPrivacyTrackingDomains</key>\n\t<array>'));
    });

    it('offers only the reasons of the category beside the reasons array', () => {
      const { items, apply } = complete(API_TYPES('<key>NSPrivacyAccessedAPIType</key><string>NSPrivacyAccessedAPICategoryDiskSpace</string><key>NSPrivacyAccessedAPITypeReasons</key><array><string>$0</string></array>'));
      assert.deepEqual(items.map((item) => item.label), ['85F4.1', 'E174.1', '7D9E.1', 'B728.1']);
      assert.ok(apply('E174.1').includes('<string>E174.1</string>'));
    });

    it('offers the categories, the keys of an API dictionary, and the data types', () => {
      assert.equal(complete(API_TYPES('<key>NSPrivacyAccessedAPIType</key><string>$0</string>')).items.length, 5);
      assert.deepEqual(complete(API_TYPES('<key>NSPrivacy$0</key>')).items.map((item) => item.label), ['NSPrivacyAccessedAPIType', 'NSPrivacyAccessedAPITypeReasons']);
      const dataTypes = complete(plist('<key>NSPrivacyCollectedDataTypes</key><array><dict><key>NSPrivacyCollectedDataType</key><string>$0</string></dict></array>')).items;
      assert.ok(dataTypes.some((item) => item.label === 'NSPrivacyCollectedDataTypePhotosorVideos'));
    });
  });

  describe('outline, folding and formatting (generic over the plist)', () => {
    const text = plist('\n<key>NSPrivacyTracking</key>\n<false/>\n<key>NSPrivacyAccessedAPITypes</key>\n<array>\n<dict>\n<key>NSPrivacyAccessedAPIType</key>\n<string>NSPrivacyAccessedAPICategoryUserDefaults</string>\n<key>NSPrivacyAccessedAPITypeReasons</key>\n<array>\n<string>CA92.1</string>\n</array>\n</dict>\n</array>\n');

    it('lists the manifest keys in the outline, nested', () => {
      const symbols = service.documentSymbols(textDocument(text), service.parse(text));
      assert.deepEqual(symbols.map((symbol) => symbol.name), ['NSPrivacyTracking', 'NSPrivacyAccessedAPITypes']);
      const nested = JSON.stringify(symbols[1]);
      assert.ok(nested.includes('NSPrivacyAccessedAPITypeReasons'));
    });

    it('folds the arrays and dictionaries', () => {
      assert.ok(service.foldingRanges(textDocument(text), service.parse(text)).length >= 3);
    });

    it("formats to Xcode's layout and keeps the values", () => {
      const formatted = applyEdits(text, service.format(textDocument(text), service.parse(text)));
      assert.ok(formatted.includes('\n\t<key>NSPrivacyAccessedAPITypes</key>\n\t<array>\n\t\t<dict>\n\t\t\t<key>NSPrivacyAccessedAPIType</key>'), formatted);
      assert.ok(formatted.includes('\t\t\t\t<string>CA92.1</string>'));
    });
  });
});
