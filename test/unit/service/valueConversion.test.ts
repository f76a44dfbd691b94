import * as assert from 'node:assert/strict';
import type { ScalarNode } from '../../../server/src/service/plist/nodes';
import { parsePlist } from '../../../server/src/service/plist/parser';
import { convertedElement } from '../../../server/src/service/valueConversion';
import { plist } from '../helpers';

/** The value of the only key in a one-key plist. */
function scalar(element: string): ScalarNode {
  const root = parsePlist(plist(`<key>k</key>${element}`)).root;
  const value = root?.kind === 'dict' ? root.entries[0]?.value : undefined;
  assert.ok(value !== undefined && value.kind !== 'dict' && value.kind !== 'array');
  return value;
}

describe('convertedElement', () => {
  it('reads the boolean words Foundation reads, ignoring case and spaces', () => {
    for (const word of ['YES', 'yes', 'true', 'TRUE', '1', ' Yes ']) assert.equal(convertedElement(scalar(`<string>${word}</string>`), 'boolean'), '<true/>', word);
    for (const word of ['NO', 'no', 'false', '0']) assert.equal(convertedElement(scalar(`<string>${word}</string>`), 'boolean'), '<false/>', word);
    assert.equal(convertedElement(scalar('<integer>1</integer>'), 'boolean'), '<true/>');
  });

  it('refuses what would change the meaning', () => {
    assert.equal(convertedElement(scalar('<string>enabled</string>'), 'boolean'), undefined);
    assert.equal(convertedElement(scalar('<integer>2</integer>'), 'boolean'), undefined);
    assert.equal(convertedElement(scalar('<string>constructor</string>'), 'boolean'), undefined);
    assert.equal(convertedElement(scalar('<real>1.5</real>'), 'integer'), undefined);
    assert.equal(convertedElement(scalar('<string>12a</string>'), 'integer'), undefined);
    assert.equal(convertedElement(scalar('<true/>'), 'string'), undefined);
    assert.equal(convertedElement(scalar('<string>x</string>'), 'date'), undefined);
  });

  it('turns numbers into strings and numeric strings into numbers', () => {
    assert.equal(convertedElement(scalar('<integer>42</integer>'), 'string'), '<string>42</string>');
    assert.equal(convertedElement(scalar('<real>1.5</real>'), 'string'), '<string>1.5</string>');
    assert.equal(convertedElement(scalar('<string> -7 </string>'), 'integer'), '<integer>-7</integer>');
    assert.equal(convertedElement(scalar('<real>3.0</real>'), 'integer'), '<integer>3</integer>');
    assert.equal(convertedElement(scalar('<string>0.75</string>'), 'real'), '<real>0.75</real>');
  });
});
