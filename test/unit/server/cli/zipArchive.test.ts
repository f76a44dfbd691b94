import * as assert from 'node:assert/strict';
import { DEFAULT_ZIP_LIMITS, openZip, unsafeNameProblem } from '../../../../server/src/cli/zipArchive';
import { zipOf } from '../../../builders/appArchives';

describe('zipArchive', () => {
  it('lists file entries and reads one into memory', () => {
    const archive = openZip(zipOf({ 'Payload/X.app/Info.plist': '<plist/>', 'Payload/X.app/X': new Uint8Array([1, 2, 3]) }));
    assert.ok(typeof archive !== 'string', typeof archive === 'string' ? archive : '');
    assert.deepEqual([...archive.names].sort(), ['Payload/X.app/Info.plist', 'Payload/X.app/X']);
    assert.equal(new TextDecoder().decode(archive.read('Payload/X.app/Info.plist') as Uint8Array), '<plist/>');
    assert.equal(archive.read('Payload/X.app/missing'), 'no such entry');
  });

  it('refuses an archive with more entries than the limit before reading any', () => {
    const entries = Object.fromEntries(Array.from({ length: 5 }, (_, index) => [`f${index}`, 'x']));
    assert.equal(openZip(zipOf(entries), { ...DEFAULT_ZIP_LIMITS, maxEntries: 4 }), 'it has more than 4 entries');
    assert.notEqual(typeof openZip(zipOf(entries), { ...DEFAULT_ZIP_LIMITS, maxEntries: 5 }), 'string');
  });

  it('refuses an entry over the size limit, over the ratio, or past the total', () => {
    const limits = { ...DEFAULT_ZIP_LIMITS, maxEntryBytes: 1000, maxTotalBytes: 1500, ratioFloorBytes: 100, maxRatio: 10 };
    const random = (length: number) => Uint8Array.from({ length }, (_, index) => (index * 2654435761) >>> 24);
    const archive = openZip(zipOf({ big: random(2000), zeros: new Uint8Array(900), a: random(800), b: random(800) }), limits);
    assert.ok(typeof archive !== 'string');
    assert.match(archive.read('big') as string, /over the 1000-byte limit/);
    assert.match(archive.read('zeros') as string, /as a zip bomb does; refused/);
    assert.equal((archive.read('a') as Uint8Array).length, 800);
    assert.match(archive.read('b') as string, /pass the 1500-byte limit/);
  });

  it('refuses the whole archive for a name that climbs out of it', () => {
    assert.match(openZip(zipOf({ ok: 'x', 'a/../../b': 'x' })) as string, /its entry 'a\/\.\.\/\.\.\/b' climbs out of the archive with '\.\.'; refused/);
    assert.equal(unsafeNameProblem('/etc/passwd'), 'has an absolute path');
    assert.equal(unsafeNameProblem('C:/x'), 'has an absolute path');
    assert.equal(unsafeNameProblem('a\\..\\b'), 'has a backslash in its name');
    assert.equal(unsafeNameProblem('Payload/My..app/Info.plist'), undefined);
  });

  it('says why bytes that are not a zip cannot be read', () => {
    assert.match(openZip(new TextEncoder().encode('not a zip at all')) as string, /^not a readable zip archive/);
  });
});
