/**
 * Formatting over the apps corpus (test/corpus/apps): every one of the 432 real files, formatted to Xcode's layout, still parses to
 * the same value, is well-formed, and formats to itself a second time.
 */
import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CATALOG } from '../../shared/src/catalogData';
import { createLanguageService } from '../../server/src/service/languageService';
import { toValue } from '../../server/src/service/plist/value';
import { loadCorpusFiles, normalizeValue } from './corpusFiles';

describe('formatting the corpus (test/corpus/apps)', () => {
  const service = createLanguageService(CATALOG);
  const corpus = loadCorpusFiles();

  it('keeps the value of every file, gives a well-formed file, and is stable', () => {
    assert.equal(corpus.length, 432);
    let changed = 0;
    for (const { file, text } of corpus) {
      const document = TextDocument.create(`file:///${file}`, 'plist', 1, text);
      const parsed = service.parse(text);
      assert.deepEqual(parsed.problems, [], `${file} is well-formed to begin with`);
      const edits = service.format(document, parsed);
      if (edits.length > 0) changed++;
      const formatted = TextDocument.applyEdits(document, edits);
      const reparsed = service.parse(formatted);
      assert.deepEqual(reparsed.problems, [], `${file} is well-formed after formatting`);
      assert.deepEqual(normalizeValue(toValue(reparsed)), normalizeValue(toValue(parsed)), `${file} keeps its value`);
      assert.ok(formatted.startsWith(text.slice(0, text.indexOf('<plist'))), `${file} keeps its XML declaration and DOCTYPE`);
      const again = TextDocument.create(`file:///${file}`, 'plist', 2, formatted);
      assert.deepEqual(service.format(again, reparsed), [], `${file} formats to itself`);
    }
    // Most real files are written by Xcode already, but not all: the test would prove little if nothing changed.
    assert.ok(changed > 0 && changed < corpus.length, `${changed} of ${corpus.length} files changed`);
  });

  it('matches the plist package on every formatted file', async () => {
    const plist = await import('plist');
    for (const { file, text } of corpus) {
      const document = TextDocument.create(`file:///${file}`, 'plist', 1, text);
      const formatted = TextDocument.applyEdits(document, service.format(document, service.parse(text)));
      assert.deepEqual(normalizeValue(plist.parse(formatted)), normalizeValue(plist.parse(text)), file);
    }
  });
});
