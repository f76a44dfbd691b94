import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-types';
import { escapeData, escapeProperty, formatGithub } from '../../../../../server/src/cli/formats/github';
import type { CheckReport, FileReport } from '../../../../../server/src/cli/report';

const BASE = path.resolve('/work/project');

function diagnostic(severity: 1 | 2 | 3 | 4, code: string, message: string): Diagnostic {
  return { range: { start: { line: 4, character: 6 }, end: { line: 4, character: 20 } }, severity, code, source: 'plist-sentinel', message };
}

function report(file: Partial<FileReport> & { findings: FileReport['findings'] }): CheckReport {
  return { files: [{ path: path.join(BASE, 'App', 'App.entitlements'), fileKind: 'entitlements', view: 'text', ...file }], baselined: 0 };
}

describe('github format', () => {
  it('writes one workflow command per finding, 1-based, with the path relative to the base and the code as title', () => {
    const text = formatGithub(report({ findings: [{ diagnostic: diagnostic(1, 'unknown-key', 'Unknown entitlement'), coveredText: 'x', occurrence: 0 }] }), { base: BASE });
    assert.equal(text, '::error file=App/App.entitlements,line=5,col=7,endLine=5,endColumn=21,title=unknown-key::Unknown entitlement\n');
  });

  it('maps warnings to warning, and infos and hints to notice', () => {
    const findings = ([1, 2, 3, 4] as const).map((severity) => ({ diagnostic: diagnostic(severity, 'code', 'm'), coveredText: 'x', occurrence: 0 }));
    const commands = formatGithub(report({ findings }), { base: BASE }).trim().split('\n').map((line) => line.slice(2, line.indexOf(' ')));
    assert.deepEqual(commands, ['error', 'warning', 'notice', 'notice']);
  });

  it('annotates converted text (a binary plist) on the file without a position, and says why in the message', () => {
    const text = formatGithub(report({ view: 'binary-plist', findings: [{ diagnostic: diagnostic(2, 'unknown-key', 'Unknown key'), coveredText: 'x', occurrence: 0 }] }), { base: BASE });
    assert.match(text, /^::warning file=App\/App\.entitlements,title=unknown-key::Unknown key \(.*a binary property list/);
  });

  it('writes nothing for no findings', () => {
    assert.equal(formatGithub(report({ findings: [] }), { base: BASE }), '');
  });

  it('escapes what would end the command: newlines and % in the message, also , and : in properties', () => {
    assert.equal(escapeData('50% done\nnext\r'), '50%25 done%0Anext%0D');
    assert.equal(escapeProperty('a,b:c%'), 'a%2Cb%3Ac%25');
    const text = formatGithub(report({ path: path.join(BASE, 'A,B:C.entitlements'), findings: [{ diagnostic: diagnostic(1, 'x', 'one\ntwo'), coveredText: 'x', occurrence: 0 }] }), { base: BASE });
    assert.equal(text, '::error file=A%2CB%3AC.entitlements,line=5,col=7,endLine=5,endColumn=21,title=x::one%0Atwo\n');
  });
});
