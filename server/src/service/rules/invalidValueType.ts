/**
 * invalid-value-type: a value whose element type its key does not take, such as `<string>YES</string>` for a
 * boolean, a lone `<string>` where an array is needed, an `<integer>` where a string is, or an array item of the
 * wrong type. The system reads a value of the wrong type as absent, so the setting silently does nothing (an app
 * whose `com.apple.security.app-sandbox` is `<string>YES</string>` is not sandboxed). Build-setting references such
 * as `<string>$(ENABLE_X)</string>` are left alone: Xcode substitutes them before anything reads the file.
 *
 * One case is only information: `<string>1</string>` or `<integer>0</integer>` for an Info.plist boolean. Most
 * Info.plist readers go through `-boolValue`, which takes these, and Apple's old documentation even spelled
 * `LSUIElement` as the string `1`; shipping apps rely on it. Entitlement checks compare with the boolean true, so
 * there the same value stays an error.
 */
import type { CatalogEntry, ValueType } from '../../../../shared/src/catalog';
import { hasBuildTimeReference, valueTypeOf } from '../model/catalogValues';
import { memoized } from '../memoized';
import type { ValueNode } from '../plist/nodes';
import { convertedElement } from '../valueConversion';
import { documentModel } from '../model/documentModel';
import type { Problem, Rule } from '../types';

const SINGULAR: Readonly<Record<ValueType, string>> = {
  string: 'a string',
  boolean: 'a boolean',
  integer: 'an integer',
  real: 'a real number',
  date: 'a date',
  data: 'data',
  array: 'an array',
  dictionary: 'a dictionary',
};

const PLURAL: Readonly<Record<ValueType, string>> = {
  string: 'strings',
  boolean: 'booleans',
  integer: 'integers',
  real: 'real numbers',
  date: 'dates',
  data: 'data',
  array: 'arrays',
  dictionary: 'dictionaries',
};

export const invalidValueType: Rule = {
  code: 'invalid-value-type',
  check(document, catalog, context) {
    const problems: Problem[] = [];
    /** `subject` is `'KEY'` or `Items of 'KEY'`; `expected` and `found` name types. */
    const report = (node: ValueNode, subject: string, expected: string, found: string, convertTo: ValueType | undefined, docUrl: string) => {
      const isReadAnyway = context.fileKind === 'infoPlist' && convertTo === 'boolean';
      problems.push({
        code: 'invalid-value-type',
        ...valueRange(document.text, node),
        message: isReadAnyway
          ? `${subject} should be ${expected}, not ${found}; most readers still accept '${nodeText(node)}'`
          : `${subject} must be ${expected}, not ${found}`,
        docUrl,
        ...(isReadAnyway ? { severity: 'information' as const } : {}),
        ...(convertTo === undefined ? {} : { data: { convertTo } }),
      });
    };
    documentModel(document, catalog, context).forEachCatalogValue((catalogValue) => {
      const { key, valueKind, catalogEntry } = catalogValue;
      const accepted = acceptedTypesOf(catalogEntry);
      // Judged by kind first; the value itself is read only when that does not settle it.
      if (!isOfKind(valueKind, accepted) && !isOfType(catalogValue.value, accepted)) {
        const value = catalogValue.value;
        const expected = accepted.map((type) => SINGULAR[type]).join(' or ');
        report(value, `'${key}'`, expected, SINGULAR[valueTypeOf(value)], conversionOf(value, accepted, catalogEntry.itemType), catalogEntry.docUrl);
        return;
      }
      const itemType = catalogEntry.itemType;
      if (valueKind !== 'array' || catalogEntry.type !== 'array' || itemType === undefined) return;
      const value = catalogValue.value;
      if (value.kind !== 'array') return;
      for (const item of value.items) {
        if (isOfType(item, [itemType])) continue;
        report(item, `Items of '${key}'`, PLURAL[itemType], PLURAL[valueTypeOf(item)], conversionOf(item, [itemType], undefined), catalogEntry.docUrl);
      }
    });
    return problems;
  },
};

/** The key's type and its alternatives, made once per catalog entry: every value of every validation asks. */
const acceptedTypesOf = memoized((catalogEntry: CatalogEntry): readonly ValueType[] => [catalogEntry.type, ...(catalogEntry.altTypes ?? [])]);

/**
 * True when `node` is of one of `types`. An integer passes where a real is documented: both are NSNumbers to the
 * reader. A string holding a build-setting reference passes where a scalar is documented, since Xcode replaces
 * its text first; no replacement turns a string into an array or a dictionary.
 */
function isOfType(node: ValueNode, types: readonly ValueType[]): boolean {
  if (isOfKind(node.kind, types)) return true;
  return node.kind === 'string' && types.some((type) => type !== 'array' && type !== 'dictionary') && hasBuildTimeReference(node.text);
}

/** `isOfType` for what the kind alone says. */
function isOfKind(kind: ValueNode['kind'], types: readonly ValueType[]): boolean {
  const type = valueTypeOf({ kind });
  return types.includes(type) || (type === 'integer' && types.includes('real'));
}

/** The first of `types` that `node` converts to without losing its meaning, for the quick fix. */
function conversionOf(node: ValueNode, types: readonly ValueType[], itemType: ValueType | undefined): ValueType | undefined {
  if (node.kind === 'dict' || node.kind === 'array') return undefined;
  for (const type of types) {
    if (type === 'array') {
      // A lone item is wrapped as it is, so it must already be a valid item.
      if (itemType === undefined || isOfType(node, [itemType])) return 'array';
    } else if (convertedElement(node, type) !== undefined) {
      return type;
    }
  }
  return undefined;
}

function nodeText(node: ValueNode): string {
  return node.kind === 'dict' || node.kind === 'array' ? '' : node.text.trim();
}

/** A scalar's whole element, or a container's start tag (a whole dictionary would underline many lines). */
function valueRange(text: string, node: ValueNode): { offset: number; length: number } {
  if (node.kind !== 'dict' && node.kind !== 'array') return { offset: node.offset, length: node.end - node.offset };
  const tagEnd = text.indexOf('>', node.offset);
  const end = tagEnd < 0 || tagEnd >= node.end ? node.end : tagEnd + 1;
  return { offset: node.offset, length: end - node.offset };
}
