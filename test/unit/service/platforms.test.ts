import * as assert from 'node:assert/strict';
import type { Platform } from '../../../shared/src/catalog';
import { isAvailableOn } from '../../../server/src/service/platforms';

const DEVICES: readonly Platform[] = ['iOS', 'iPadOS', 'tvOS', 'watchOS', 'visionOS'];
const MACS: readonly Platform[] = ['macOS', 'DriverKit'];

describe('isAvailableOn', () => {
  it('is true when either side is unknown', () => {
    assert.equal(isAvailableOn([], ['macOS']), true);
    assert.equal(isAvailableOn(['iOS'], []), true);
    assert.equal(isAvailableOn([], []), true);
  });

  it('keeps a device-only key off Mac targets', () => {
    for (const target of MACS) assert.equal(isAvailableOn(['iOS', 'iPadOS', 'tvOS', 'watchOS', 'visionOS'], [target]), false, target);
  });

  it('keeps a Mac-only key off device targets', () => {
    for (const target of DEVICES) {
      assert.equal(isAvailableOn(['macOS'], [target]), false, target);
      assert.equal(isAvailableOn(['DriverKit'], [target]), false, target);
    }
  });

  it('does not separate platforms within a family, where Apple\'s lists are unreliable', () => {
    assert.equal(isAvailableOn(['iOS', 'iPadOS', 'visionOS'], ['watchOS']), true, 'HealthKit is used on watchOS');
    assert.equal(isAvailableOn(['iOS'], ['tvOS']), true);
    assert.equal(isAvailableOn(['macOS'], ['DriverKit']), true);
    assert.equal(isAvailableOn(['DriverKit'], ['macOS']), true);
  });

  it('lets a Mac Catalyst target use keys of either family', () => {
    assert.equal(isAvailableOn(['iOS'], ['MacCatalyst']), true);
    assert.equal(isAvailableOn(['macOS'], ['MacCatalyst']), true);
    assert.equal(isAvailableOn(['DriverKit'], ['MacCatalyst']), true);
  });

  it('counts a key documented for Mac Catalyst as available in both families', () => {
    assert.equal(isAvailableOn(['MacCatalyst'], ['macOS']), true);
    assert.equal(isAvailableOn(['MacCatalyst'], ['iOS']), true);
    assert.equal(isAvailableOn(['iOS', 'MacCatalyst'], ['macOS']), true);
  });

  it('is true for a multi-platform target when any of its platforms can use the key', () => {
    assert.equal(isAvailableOn(['iOS'], ['iOS', 'macOS']), true);
    assert.equal(isAvailableOn(['macOS'], ['iOS', 'macOS', 'visionOS']), true);
    assert.equal(isAvailableOn(['macOS'], ['iOS', 'visionOS']), false);
    assert.equal(isAvailableOn(['iOS'], ['macOS', 'DriverKit']), false);
  });

  it('is true for a key documented on every platform, on any target', () => {
    const everywhere: Platform[] = ['iOS', 'iPadOS', 'macOS', 'MacCatalyst', 'tvOS', 'watchOS', 'visionOS', 'DriverKit'];
    for (const target of everywhere) assert.equal(isAvailableOn(everywhere, [target]), true, target);
  });
});
