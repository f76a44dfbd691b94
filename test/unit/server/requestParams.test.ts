import * as assert from 'node:assert/strict';
import { readClientCapabilities, readCodeActionDiagnostics, readDocumentPosition, readDocumentUri, readPosition, readWorkspaceFolderUris } from '../../../server/src/requestParams';

const RANGE = { start: { line: 3, character: 6 }, end: { line: 3, character: 20 } };
const OURS = { range: RANGE, message: 'Unknown key', source: 'plist-sentinel', code: 'unknown-key', severity: 1, data: { replacements: ['x'] } };

describe('requestParams', () => {
  it('keeps the well-formed diagnostics of a code-action request and drops null and malformed ones', () => {
    const diagnostics = readCodeActionDiagnostics({
      context: { diagnostics: [null, 7, 'text', [], {}, { range: null, message: 'x' }, { range: RANGE }, { range: { start: { line: -1, character: 0 }, end: RANGE.end }, message: 'x' }, OURS] },
    });
    assert.deepEqual(diagnostics, [OURS]);
  });

  it('answers no diagnostics for a missing or malformed context', () => {
    for (const params of [undefined, null, {}, { context: null }, { context: { diagnostics: 'none' } }, { context: { diagnostics: { 0: OURS } } }]) {
      assert.deepEqual(readCodeActionDiagnostics(params), [], JSON.stringify(params));
    }
  });

  it('drops fields of the wrong type and malformed related information', () => {
    const [diagnostic] = readCodeActionDiagnostics({
      context: { diagnostics: [{ ...OURS, source: 5, code: {}, relatedInformation: [null, { location: { uri: 'file:///a', range: RANGE }, message: 'first' }, { location: { uri: 9 } }] }] },
    });
    assert.equal(diagnostic?.source, undefined);
    assert.equal(diagnostic?.code, undefined);
    assert.deepEqual(diagnostic?.relatedInformation, [{ location: { uri: 'file:///a', range: RANGE }, message: 'first' }]);
  });

  it('reads a document uri and a position only when they are there and well-typed', () => {
    assert.equal(readDocumentUri({ textDocument: { uri: 'file:///a' } }), 'file:///a');
    for (const params of [null, {}, { textDocument: null }, { textDocument: { uri: 42 } }]) assert.equal(readDocumentUri(params), undefined);
    assert.deepEqual(readDocumentPosition({ textDocument: { uri: 'file:///a' }, position: { line: 1, character: 2 } }), { uri: 'file:///a', position: { line: 1, character: 2 } });
    for (const position of [null, 'here', { line: 1 }, { line: 1.5, character: 0 }, { line: 0, character: -1 }, { line: Number.NaN, character: 0 }]) {
      assert.equal(readPosition(position), undefined, JSON.stringify(position));
    }
  });

  it('reads the workspace folders and capabilities of an initialize request, whatever is missing', () => {
    assert.deepEqual(readWorkspaceFolderUris({ workspaceFolders: [null, { uri: 'file:///a' }, { uri: 7 }], rootUri: 'file:///r' }), ['file:///a']);
    assert.deepEqual(readWorkspaceFolderUris({ workspaceFolders: null, rootUri: 'file:///r' }), ['file:///r']);
    assert.deepEqual(readWorkspaceFolderUris(null), []);
    assert.deepEqual(readClientCapabilities({ capabilities: null }), {});
    assert.deepEqual(readClientCapabilities({ capabilities: { workspace: { configuration: true } } }), { workspace: { configuration: true } });
  });
});
