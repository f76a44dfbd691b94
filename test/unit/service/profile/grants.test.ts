import * as assert from 'node:assert/strict';
import type { ProvisioningProfile } from '../../../../server/src/service/profile/profile';
import type { DocumentContext } from '../../../../server/src/service/types';
import { collectProblems, type ValidationOptions } from '../../../../server/src/service/features/validation';
import { createCatalogIndex } from '../../../../server/src/service/catalogIndex';
import { CATALOG } from '../../../../shared/src/catalogData';
import { context, plist, service } from '../../helpers';
import { OTHER_TEAM, profileData } from '../../../builders/signedProfiles';

/**
 * Validation options whose profile counts how often it is read: the comparison reads it once when it starts, and no
 * other rule of a validation reads it, so the count is the number of comparisons made.
 */
function countingOptions(profile: ProvisioningProfile): { options: ValidationOptions; reads: () => number } {
  let reads = 0;
  const base: DocumentContext = { ...context({ fileKind: 'entitlements', fileName: 'App.entitlements', target: { platforms: ['iOS'], productType: undefined, reasons: [], teamIdentifiers: [OTHER_TEAM] } }) };
  const options = {
    ...base,
    now: new Date('2026-06-01T00:00:00Z'),
    severity: {},
    get profile() {
      reads++;
      return profile;
    },
  };
  return { options, reads: () => reads };
}

describe('profile comparison', () => {
  const text = plist(`
\t<key>aps-environment</key>
\t<string>production</string>
\t<key>keychain-access-groups</key>
\t<array>
\t\t<string>${OTHER_TEAM}.com.example.shared</string>
\t</array>
\t<key>com.apple.developer.icloud-container-identifiers</key>
\t<array>
\t\t<string>iCloud.com.example.myapp</string>
\t</array>
`);
  const profile = profileData({ expirationDate: new Date('2026-05-01T12:00:00Z'), entitlements: { ...profileData().entitlements, 'aps-environment': 'development' } });
  const catalog = createCatalogIndex(CATALOG);

  it('runs once per validation, however many of the four profile rules report from it', () => {
    const document = service.parse(text);
    const first = countingOptions(profile);
    const problems = collectProblems(document, catalog, first.options);
    const codes = new Set(problems.map((problem) => problem.code).filter((code) => code.startsWith('profile-')));
    assert.deepEqual([...codes].sort(), ['profile-expired', 'profile-missing-entitlement', 'profile-value-mismatch', 'profile-wrong-team']);
    assert.equal(first.reads(), 1);
    // Another validation of the same document (a new context) compares again, so its answer is never stale.
    const second = countingOptions(profile);
    assert.deepEqual(collectProblems(document, catalog, second.options), problems);
    assert.equal(second.reads(), 1);
  });
});
