/**
 * A property of every fix that adds a key (renames, and moves into the companion): applied to a document where that
 * key already exists in the same dict, it leaves no duplicate key, and it keeps the value the user wrote for the
 * existing key. Each seed is a document with one fixable finding; the collisions are built from what its fixes add,
 * with the existing entry first or last in the dict and with the same or a different value.
 */
import * as assert from 'node:assert/strict';
import type { CodeAction } from 'vscode-languageserver-types';
import type { DictNode, PlistDocument, ValueNode } from '../../../../server/src/service/plist/nodes';
import { toValue } from '../../../../server/src/service/plist/value';
import { COMPANION_URI, PLIST_HEADER, URI, applyActionTo, companionOf, diagnose, plist, quickFixes, service, targetOf, type DiagnoseOptions } from '../../helpers';

type PlistParse = (text: string) => unknown;

const INFO = `${PLIST_HEADER}<dict>\n\t<key>CFBundleName</key>\n\t<string>App</string>\n</dict>\n</plist>\n`;

interface Seed {
  readonly name: string;
  readonly text: string;
  readonly options: DiagnoseOptions;
  /** The companion's text, for seeds whose fix edits it. */
  readonly companion?: string;
}

const SEEDS: Seed[] = [
  { name: 'unknown-key', text: plist('\n\t<key>com.apple.security.app-sandbx</key>\n\t<true/>\n'), options: { fileKind: 'entitlements' } },
  { name: 'unknown-key, nested', text: plist('\n\t<key>NSAppTransportSecurity</key>\n\t<dict>\n\t\t<key>NSAllowsArbitraryLoad</key>\n\t\t<true/>\n\t</dict>\n'), options: { fileKind: 'infoPlist' } },
  { name: 'hallucinated-key', text: plist('\n\t<key>com.apple.developer.push-notifications</key>\n\t<string>production</string>\n'), options: { fileKind: 'entitlements' } },
  { name: 'deprecated-key', text: plist('\n\t<key>NSLocationAlwaysUsageDescription</key>\n\t<string>Track runs in the background</string>\n'), options: { fileKind: 'infoPlist' } },
  { name: 'deprecated-key, two replacements', text: plist('\n\t<key>NSCalendarsUsageDescription</key>\n\t<string>Plan trips</string>\n'), options: { fileKind: 'infoPlist' } },
  {
    name: 'deprecated-key, nested',
    text: plist('\n\t<key>NSAppTransportSecurity</key>\n\t<dict>\n\t\t<key>NSExceptionDomains</key>\n\t\t<dict>\n\t\t\t<key>example.com</key>\n\t\t\t<dict>\n\t\t\t\t<key>NSTemporaryExceptionAllowsInsecureHTTPLoads</key>\n\t\t\t\t<true/>\n\t\t\t</dict>\n\t\t</dict>\n\t</dict>\n'),
    options: { fileKind: 'infoPlist' },
  },
  { name: 'platform-mismatch', text: plist('\n\t<key>aps-environment</key>\n\t<string>development</string>\n'), options: { fileKind: 'entitlements', target: targetOf(['macOS']) } },
  { name: 'misplaced-key, moved to the companion', text: plist('\n\t<key>NSCameraUsageDescription</key>\n\t<string>Scan receipts</string>\n'), options: { fileKind: 'entitlements' }, companion: INFO },
];

/** Every dict of a parse with its key path (array items as their index), root first. */
function dictsOf(document: PlistDocument): Array<{ path: string; dict: DictNode }> {
  const found: Array<{ path: string; dict: DictNode }> = [];
  const work: Array<{ path: string; node: ValueNode }> = document.root === undefined ? [] : [{ path: '', node: document.root }];
  for (let item = work.pop(); item !== undefined; item = work.pop()) {
    const { path, node } = item;
    if (node.kind === 'dict') {
      found.push({ path, dict: node });
      for (const entry of node.entries) if (entry.value !== undefined) work.push({ path: `${path}/${entry.key.text}`, node: entry.value });
    } else if (node.kind === 'array') {
      node.items.forEach((value, index) => work.push({ path: `${path}/${index}`, node: value }));
    }
  }
  return found;
}

function keysAt(document: PlistDocument): Map<string, string[]> {
  return new Map(dictsOf(document).map(({ path, dict }) => [path, dict.entries.map((entry) => entry.key.text)]));
}

/** The keys `after` has in some dict that `before` does not have there, with that dict's path. */
function addedKeys(before: string, after: string): Array<{ path: string; key: string }> {
  const old = keysAt(service.parse(before));
  const added: Array<{ path: string; key: string }> = [];
  for (const [path, keys] of keysAt(service.parse(after))) {
    for (const key of keys) if (!(old.get(path) ?? []).includes(key)) added.push({ path, key });
  }
  return added;
}

/** `text` with `<key>key</key>` and `valueXml` first or last in the dict at `path`. */
function withEntry(text: string, path: string, key: string, valueXml: string, isFirst: boolean): string {
  const found = dictsOf(service.parse(text)).find((candidate) => candidate.path === path);
  assert.ok(found !== undefined, `no dict at ${path}`);
  const offset = isFirst ? text.indexOf('>', found.dict.offset) + 1 : found.dict.end - '</dict>'.length;
  return `${text.slice(0, offset)}\n<key>${key}</key>${valueXml}\n${text.slice(offset)}`;
}

/** Asserts no dict in `text` repeats a key, counting keys against the `plist` package's parse of the same text. */
function assertNoDuplicate(text: string, parse: PlistParse, label: string): void {
  const document = service.parse(text);
  assert.deepEqual(document.problems, [], `${label}: well-formed`);
  const reference = parse(text);
  assert.deepEqual(JSON.parse(JSON.stringify(toValue(document))), JSON.parse(JSON.stringify(reference)), `${label}: the same value as the plist package`);
  for (const { path, dict } of dictsOf(document)) {
    let value: unknown = reference;
    for (const step of path.split('/').slice(1)) value = (value as Record<string, unknown>)[step];
    const referenceKeys = Object.keys(value as Record<string, unknown>);
    assert.equal(dict.entries.length, referenceKeys.length, `${label}: a duplicate key in the dict at '${path}': ${dict.entries.map((entry) => entry.key.text).join(', ')}`);
  }
}

/** The text of each file after `action`: the document and, when it has one, the companion. */
function applied(action: CodeAction, text: string, companion: string | undefined): { text: string; companion: string | undefined } {
  const changes = action.edit?.changes ?? {};
  return {
    text: changes[URI] === undefined ? text : applyActionTo(URI, text, action),
    companion: companion === undefined || changes[COMPANION_URI] === undefined ? companion : applyActionTo(COMPANION_URI, companion, action),
  };
}

function optionsWith(seed: Seed, companion: string | undefined): DiagnoseOptions {
  return companion === undefined ? seed.options : { ...seed.options, companion: companionOf(companion, 'infoPlist') };
}

function actionsFor(text: string, options: DiagnoseOptions): CodeAction[] {
  return quickFixes(text, diagnose(text, options));
}

describe('fixes never create a duplicate key', () => {
  let parse: PlistParse;
  before(async () => {
    parse = (await import('plist')).parse;
  });

  for (const seed of SEEDS) {
    it(`${seed.name}: with the added key already there, first or last, same value or not`, () => {
      const seedActions = actionsFor(seed.text, optionsWith(seed, seed.companion));
      let collisions = 0;
      for (const seedAction of seedActions) {
        const fixed = applied(seedAction, seed.text, seed.companion);
        const targets = [
          ...addedKeys(seed.text, fixed.text).map((added) => ({ ...added, inCompanion: false, after: fixed.text })),
          ...(seed.companion === undefined || fixed.companion === undefined ? [] : addedKeys(seed.companion, fixed.companion).map((added) => ({ ...added, inCompanion: true, after: fixed.companion as string }))),
        ];
        for (const target of targets) {
          const fixedEntry = dictsOf(service.parse(target.after))
            .find((candidate) => candidate.path === target.path)
            ?.dict.entries.find((entry) => entry.key.text === target.key);
          const sameValue = fixedEntry?.value === undefined ? '<true/>' : target.after.slice(fixedEntry.value.offset, fixedEntry.value.end);
          for (const valueXml of [sameValue, '<string>the user wrote this</string>']) {
            for (const isFirst of [true, false]) {
              collisions++;
              const text = target.inCompanion ? seed.text : withEntry(seed.text, target.path, target.key, valueXml, isFirst);
              const companion = target.inCompanion && seed.companion !== undefined ? withEntry(seed.companion, target.path, target.key, valueXml, isFirst) : seed.companion;
              const label = `${seed.name}: '${target.key}' ${valueXml} ${isFirst ? 'first' : 'last'}`;
              assertNoDuplicate(text, parse, `${label}, before`);
              const actions = actionsFor(text, optionsWith(seed, companion));
              if (valueXml === sameValue && !target.inCompanion) assert.ok(actions.length > 0, `${label}: the finding is still fixable`);
              for (const action of actions) {
                const result = applied(action, text, companion);
                assertNoDuplicate(result.text, parse, `${label}, after '${action.title}'`);
                if (result.companion !== undefined) assertNoDuplicate(result.companion, parse, `${label}, the companion after '${action.title}'`);
                const holder = target.inCompanion ? result.companion : result.text;
                assert.ok(holder?.includes(`<key>${target.key}</key>${valueXml}`), `${label}: '${action.title}' dropped the existing entry`);
              }
            }
          }
        }
      }
      assert.ok(collisions > 0, `${seed.name}: some fix adds a key`);
    });
  }

  it('offers the removal of the old entry, preferred, when the existing key has the same value', () => {
    const text = plist('\n\t<key>NSLocationAlwaysAndWhenInUseUsageDescription</key>\n\t<string>Track runs</string>\n\t<key>NSLocationAlwaysUsageDescription</key>\n\t<string>Track runs</string>\n');
    const actions = actionsFor(text, { fileKind: 'infoPlist' });
    assert.deepEqual(actions.map((action) => [action.title, action.isPreferred === true]), [
      ["Remove 'NSLocationAlwaysUsageDescription' ('NSLocationAlwaysAndWhenInUseUsageDescription' has the same value)", true],
    ]);
    assert.equal(applyActionTo(URI, text, actions[0] as CodeAction), plist('\n\t<key>NSLocationAlwaysAndWhenInUseUsageDescription</key>\n\t<string>Track runs</string>\n'));
  });

  it('offers no rename onto an existing key with a different value, and keeps an explicit removal', () => {
    const deprecated = plist('\n\t<key>NSLocationAlwaysAndWhenInUseUsageDescription</key>\n\t<string>Track runs</string>\n\t<key>NSLocationAlwaysUsageDescription</key>\n\t<string>Track runs on iOS 10</string>\n');
    assert.deepEqual(actionsFor(deprecated, { fileKind: 'infoPlist' }), []);
    const unknown = plist('\n\t<key>com.apple.security.app-sandbox</key>\n\t<true/>\n\t<key>com.apple.security.app-sandbx</key>\n\t<false/>\n');
    assert.deepEqual(actionsFor(unknown, { fileKind: 'entitlements' }).map((action) => action.title), ["Remove 'com.apple.security.app-sandbx'"]);
  });

  it('offers no move into a companion that already has the key', () => {
    const text = plist('\n\t<key>NSCameraUsageDescription</key>\n\t<string>Scan receipts</string>\n');
    const companion = INFO.replace('</dict>', '\t<key>NSCameraUsageDescription</key>\n\t<string>Scan</string>\n</dict>');
    const titles = actionsFor(text, { fileKind: 'entitlements', companion: companionOf(companion, 'infoPlist') }).map((action) => action.title);
    assert.deepEqual(titles, ["Remove 'NSCameraUsageDescription'"]);
  });
});
