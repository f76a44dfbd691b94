import * as assert from 'node:assert/strict';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { diagnose, findings, plist, quickFixes, type DiagnoseOptions } from '../../helpers';

const INFO_PLIST: DiagnoseOptions = { fileKind: 'infoPlist' };

function usageProblems(text: string, options: DiagnoseOptions = INFO_PLIST): Diagnostic[] {
  return diagnose(text, options).filter((diagnostic) => diagnostic.code === 'empty-usage-description');
}

function camera(value: string): string {
  return plist(`\n\t<key>NSCameraUsageDescription</key>\n\t${value}\n`);
}

describe('empty-usage-description', () => {
  it('reports an empty description as a warning covering the element', () => {
    for (const element of ['<string></string>', '<string/>']) {
      const text = camera(element);
      const problems = usageProblems(text);
      assert.deepEqual(findings(text, problems), [{ code: 'empty-usage-description', covered: element }], element);
      assert.equal(problems[0]?.severity, DiagnosticSeverity.Warning);
    }
  });

  it('reports a blank description, covering its text', () => {
    const text = camera('<string>  \n\t </string>');
    assert.deepEqual(findings(text, usageProblems(text)), [{ code: 'empty-usage-description', covered: '  \n\t ' }]);
  });

  const placeholders = [
    'TODO',
    'TODO: explain why we need the camera',
    'tbd',
    'FIXME',
    'Lorem ipsum dolor sit amet',
    'description',
    'Usage description',
    'xxx',
    'XXXXX',
    'test',
    '...',
    '?',
    'N/A',
    'Camera Usage Description',
    'Privacy - Camera Usage Description',
    'nscamerausagedescription',
  ];
  for (const placeholder of placeholders) {
    it(`reports the placeholder '${placeholder}'`, () => {
      const text = camera(`<string>${placeholder}</string>`);
      assert.deepEqual(findings(text, usageProblems(text)), [{ code: 'empty-usage-description', covered: placeholder }]);
    });
  }

  it('accepts a real sentence, and words that merely start like a placeholder', () => {
    for (const sentence of ['Scan QR codes to join a meeting.', 'Todos los escaneos se quedan en el dispositivo.', 'Test your eyesight with the camera.', '$(PRODUCT_NAME) scans documents with the camera.', '$(CAMERA_PURPOSE)']) {
      assert.deepEqual(usageProblems(camera(`<string>${sentence}</string>`)), [], sentence);
    }
  });

  it('accepts a sentence in any script, and reports punctuation alone in any form', () => {
    for (const sentence of ['扫描二维码以加入会议。', 'Сканируйте QR-коды, чтобы присоединиться.', '카메라로 QR 코드를 스캔합니다.', 'امسح رمز الاستجابة السريعة للانضمام', 'カメラ']) {
      assert.deepEqual(usageProblems(camera(`<string>${sentence}</string>`)), [], sentence);
    }
    for (const punctuation of ['。。。', '——', '…']) {
      const text = camera(`<string>${punctuation}</string>`);
      assert.deepEqual(findings(text, usageProblems(text)), [{ code: 'empty-usage-description', covered: punctuation }], punctuation);
    }
  });

  it('does not judge a purpose string for none of the target\'s platforms, which no prompt shows', () => {
    const documents = plist('<key>NSDocumentsFolderUsageDescription</key><string></string>');
    assert.deepEqual(usageProblems(documents, { fileKind: 'infoPlist', platform: 'iOS' }), []);
    assert.equal(usageProblems(documents, { fileKind: 'infoPlist', platform: 'macOS' }).length, 1);
    assert.equal(usageProblems(documents, INFO_PLIST).length, 1, 'with the platforms unknown it is judged');
    assert.equal(usageProblems(camera('<string></string>'), { fileKind: 'infoPlist', platform: 'iOS' }).length, 1);
  });

  it('accepts the exact key as its own value, the InfoPlist.strings idiom', () => {
    assert.deepEqual(usageProblems(camera('<string>NSCameraUsageDescription</string>')), []);
  });

  it('checks every purpose string of NSLocationTemporaryUsageDescriptionDictionary', () => {
    const text = plist('<key>NSLocationTemporaryUsageDescriptionDictionary</key><dict><key>Delivery</key><string>Shows where your order is.</string><key>Routing</key><string>TODO</string></dict>');
    assert.deepEqual(findings(text, usageProblems(text)), [{ code: 'empty-usage-description', covered: 'TODO' }]);
  });

  it('offers no quick fix: only the developer knows why the app needs access', () => {
    const text = camera('<string></string>');
    assert.deepEqual(quickFixes(text, usageProblems(text)), []);
  });

  it('leaves other keys, other files and allowed keys alone', () => {
    assert.deepEqual(usageProblems(plist('<key>CFBundleDisplayName</key><string></string>')), []);
    assert.deepEqual(usageProblems(camera('<string></string>'), { fileKind: 'entitlements' }), []);
    assert.deepEqual(usageProblems(camera('<string></string>'), { fileKind: 'infoPlist', allowedKeys: ['NSCameraUsageDescription'] }), []);
  });
});
