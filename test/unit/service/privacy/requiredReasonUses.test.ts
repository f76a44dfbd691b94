import * as assert from 'node:assert/strict';
import { CATALOG } from '../../../../shared/src/catalogData';
import { findRequiredReasonUses } from '../../../../server/src/service/privacy/requiredReasonUses';

const CATEGORIES = CATALOG.privacyManifest?.apiCategories ?? [];
const uses = (source: string) => findRequiredReasonUses(source, 'App/File.swift', CATEGORIES).map((use) => `${use.line}:${use.symbol}:${use.category.replace('NSPrivacyAccessedAPICategory', '')}`);

describe('findRequiredReasonUses', () => {
  it('finds the Swift and Objective-C symbols Apple lists, with their lines', () => {
    const source = [
      'let defaults = UserDefaults.standard',
      'let uptime = ProcessInfo.processInfo.systemUptime',
      'let values = try url.resourceValues(forKeys: [.volumeAvailableCapacityForImportantUsageKey])',
      'let modes = UITextInputMode.activeInputModes',
      'let date = attributes[.modificationDate] as? Date',
      'NSDictionary *attributes = @{}; id value = attributes[NSFileCreationDate];',
      'uint64_t start = mach_absolute_time();',
      'if (stat(path, &info) == 0) {}',
    ].join('\n');
    assert.deepEqual(uses(source), ['1:UserDefaults:UserDefaults', '2:systemUptime:SystemBootTime', '3:volumeAvailableCapacityForImportantUsageKey:DiskSpace', '4:activeInputModes:ActiveKeyboards', '5:modificationDate:FileTimestamp', '6:NSFileCreationDate:FileTimestamp', '7:mach_absolute_time:SystemBootTime', '8:stat:FileTimestamp']);
  });

  it('ignores comments, string literals, longer names and everyday property names', () => {
    const source = [
      '// UserDefaults are read elsewhere',
      '/* systemUptime',
      '   mach_absolute_time() */',
      'let label = "UserDefaults"',
      'let store = MyUserDefaultsWrapper()',
      'let created = item.creationDate',
      'struct stat {}',
      'let stat = 3; print(stat)',
      'let info = statistics(of: run)',
    ].join('\n');
    assert.deepEqual(uses(source), []);
  });
});
