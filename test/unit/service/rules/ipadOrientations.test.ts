import * as assert from 'node:assert/strict';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { parsePlist } from '../../../../server/src/service/plist/parser';
import { toValue } from '../../../../server/src/service/plist/value';
import { applyAction, assertMentions, diagnose, findings, plist, quickFixes, targetOf, type DiagnoseOptions } from '../../helpers';

const INFO_PLIST: DiagnoseOptions = { fileKind: 'infoPlist' };
const BUNDLE = '\n\t<key>CFBundleIdentifier</key>\n\t<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>';
/** The project says the app runs on iPad (TARGETED_DEVICE_FAMILY includes 2). */
const IPAD: DiagnoseOptions = { fileKind: 'infoPlist', target: targetOf(['iOS', 'iPadOS']) };
const list = (key: string, ...values: string[]) => `\n\t<key>${key}</key>\n\t<array>${values.map((value) => `\n\t\t<string>${value}</string>`).join('')}\n\t</array>`;
const PORTRAIT = ['UIInterfaceOrientationPortrait', 'UIInterfaceOrientationPortraitUpsideDown'];
const ALL = [...PORTRAIT, 'UIInterfaceOrientationLandscapeLeft', 'UIInterfaceOrientationLandscapeRight'];
const orientationProblems = (text: string, options: DiagnoseOptions = IPAD): Diagnostic[] =>
  diagnose(text, options).filter((diagnostic) => diagnostic.code === 'missing-companion' && typeof diagnostic.message === 'string' && diagnostic.message.includes('ITMS-90474'));

describe('missing-companion: iPad multitasking orientations (ITMS-90474)', () => {
  it('reports an iPad list without all four orientations as an error naming the missing ones', () => {
    const text = plist(`${BUNDLE}${list('UISupportedInterfaceOrientations~ipad', ...PORTRAIT)}\n`);
    const problems = orientationProblems(text);
    assert.deepEqual(findings(text, problems), [{ code: 'missing-companion', covered: 'UISupportedInterfaceOrientations~ipad' }]);
    assert.equal(problems[0]?.severity, DiagnosticSeverity.Error);
    assertMentions(problems[0], 'UIInterfaceOrientationLandscapeLeft', 'UIInterfaceOrientationLandscapeRight', 'UIRequiresFullScreen');
  });

  it('adds the missing orientations to the list', () => {
    const text = plist(`${BUNDLE}${list('UISupportedInterfaceOrientations~ipad', 'UIInterfaceOrientationPortrait')}\n`);
    const action = quickFixes(text, orientationProblems(text))[0];
    assert.ok(action !== undefined);
    const fixed = applyAction(text, action);
    const document = parsePlist(fixed);
    assert.deepEqual(document.problems, []);
    assert.deepEqual((toValue(document) as Record<string, unknown>)['UISupportedInterfaceOrientations~ipad'], ['UIInterfaceOrientationPortrait', ...ALL.slice(1)]);
    assert.ok(fixed.includes('\t\t<string>UIInterfaceOrientationLandscapeRight</string>\n\t</array>'), fixed);
    assert.deepEqual(orientationProblems(fixed), []);
  });

  it('reads the general list when there is no iPad list, where UIDeviceFamily or the project says the app runs on iPad', () => {
    const general = list('UISupportedInterfaceOrientations', 'UIInterfaceOrientationPortrait');
    assert.equal(orientationProblems(plist(`${BUNDLE}${general}<key>UIDeviceFamily</key><array><integer>1</integer><integer>2</integer></array>`), INFO_PLIST).length, 1);
    assert.equal(orientationProblems(plist(`${BUNDLE}${general}`)).length, 1);
    assert.deepEqual(orientationProblems(plist(`${BUNDLE}${general}`), INFO_PLIST), [], 'iPad not known');
    assert.deepEqual(orientationProblems(plist(`${BUNDLE}${list('UISupportedInterfaceOrientations~ipad', 'UIInterfaceOrientationPortrait')}`), INFO_PLIST), [], 'an ~ipad list alone: Xcode templates wrote one for iPhone-only apps');
    assert.deepEqual(orientationProblems(plist(`${BUNDLE}${general}`), { fileKind: 'infoPlist', target: targetOf(['iOS', 'iPadOS'], { platformSource: 'guess' }) }), [], 'iPad only guessed');
    assert.deepEqual(orientationProblems(plist(`${BUNDLE}${general}<key>UIDeviceFamily</key><array><integer>1</integer></array>`), { fileKind: 'infoPlist', target: targetOf(['iOS', 'iPadOS']) }), [], 'iPhone only');
    assert.deepEqual(orientationProblems(plist(`${BUNDLE}${list('UISupportedInterfaceOrientations~ipad', ...ALL)}${general}`)), [], 'the iPad list wins');
  });

  it('stays quiet when the app opts out, the values come from the build, or the file is an extension or a watch app', () => {
    const ipad = list('UISupportedInterfaceOrientations~ipad', 'UIInterfaceOrientationPortrait');
    for (const extra of ['<key>UIRequiresFullScreen</key><true/>', '<key>UIRequiresFullScreen</key><string>$(FULL_SCREEN)</string>', '<key>NSExtension</key><dict/>', '<key>WKApplication</key><true/>']) {
      assert.deepEqual(orientationProblems(plist(`${BUNDLE}${ipad}${extra}`)), [], extra);
    }
    assert.deepEqual(orientationProblems(plist(`${BUNDLE}${list('UISupportedInterfaceOrientations~ipad', '$(ORIENTATIONS)')}`)), []);
    assert.deepEqual(orientationProblems(plist(ipad)), [], 'no bundle named');
    assert.deepEqual(orientationProblems(plist(`${BUNDLE}${ipad}`), { ...IPAD, generatedInfoPlistKeys: ['UIRequiresFullScreen'] }), []);
    assert.deepEqual(orientationProblems(plist(`${BUNDLE}${ipad}`), { fileKind: 'infoPlist', target: targetOf(['iOS', 'iPadOS'], { productType: 'app-extension' }) }), []);
  });
});

describe('missing-companion: iPad multitasking launch screen (ITMS-90475)', () => {
  const launchProblems = (text: string, options: DiagnoseOptions = IPAD): Diagnostic[] =>
    diagnose(text, options).filter((diagnostic) => diagnostic.code === 'missing-companion' && typeof diagnostic.message === 'string' && diagnostic.message.includes('ITMS-90475'));
  const ipad = list('UISupportedInterfaceOrientations~ipad', ...ALL);

  it('reports an iPad app without a launch storyboard or launch screen, on its orientation list, and adds UILaunchScreen', () => {
    const text = plist(`${BUNDLE}${ipad}\n`);
    const problems = launchProblems(text);
    assert.deepEqual(findings(text, problems), [{ code: 'missing-companion', covered: 'UISupportedInterfaceOrientations~ipad' }]);
    assertMentions(problems[0], 'UILaunchStoryboardName', 'UILaunchScreen');
    const fixed = applyAction(text, quickFixes(text, problems)[0] as never);
    assert.equal(JSON.stringify((JSON.parse(JSON.stringify(toValue(parsePlist(fixed)))) as Record<string, unknown>).UILaunchScreen), '{}');
    assert.deepEqual(launchProblems(fixed), []);
  });

  it('stays quiet with a launch key written or generated, or without an orientation list', () => {
    assert.deepEqual(launchProblems(plist(`${BUNDLE}${ipad}<key>UILaunchStoryboardName</key><string>LaunchScreen</string>`)), []);
    assert.deepEqual(launchProblems(plist(`${BUNDLE}${ipad}`), { ...IPAD, generatedInfoPlistKeys: ['UILaunchScreen'] }), []);
    assert.deepEqual(launchProblems(plist(`${BUNDLE}`)), []);
    assert.deepEqual(launchProblems(plist(`${BUNDLE}${ipad}`), INFO_PLIST), [], 'iPad not known');
  });
});
