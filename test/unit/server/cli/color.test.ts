import * as assert from 'node:assert/strict';
import { paint, shouldColor } from '../../../../server/src/cli/color';

describe('shouldColor', () => {
  const terminal = { flag: undefined, env: {}, isTerminal: true };
  const pipe = { flag: undefined, env: {}, isTerminal: false };

  it('colours a terminal and not a pipe, nor a dumb terminal', () => {
    assert.equal(shouldColor(terminal), true);
    assert.equal(shouldColor(pipe), false);
    assert.equal(shouldColor({ ...terminal, env: { TERM: 'dumb' } }), false);
  });

  it('turns colour off for any non-empty NO_COLOR, and ignores an empty one', () => {
    assert.equal(shouldColor({ ...terminal, env: { NO_COLOR: '1' } }), false);
    assert.equal(shouldColor({ ...terminal, env: { NO_COLOR: 'false' } }), false);
    assert.equal(shouldColor({ ...terminal, env: { NO_COLOR: '' } }), true);
  });

  it('forces colour with FORCE_COLOR over NO_COLOR and a pipe, except FORCE_COLOR=0 or false', () => {
    assert.equal(shouldColor({ ...pipe, env: { FORCE_COLOR: '1' } }), true);
    assert.equal(shouldColor({ ...pipe, env: { FORCE_COLOR: '3', NO_COLOR: '1' } }), true);
    assert.equal(shouldColor({ ...terminal, env: { FORCE_COLOR: '0' } }), false);
    assert.equal(shouldColor({ ...terminal, env: { FORCE_COLOR: 'false' } }), false);
    assert.equal(shouldColor({ ...pipe, env: { FORCE_COLOR: '' } }), false);
  });

  it('lets --color and --no-color decide over everything', () => {
    assert.equal(shouldColor({ ...pipe, flag: true, env: { NO_COLOR: '1' } }), true);
    assert.equal(shouldColor({ ...terminal, flag: false, env: { FORCE_COLOR: '1' } }), false);
  });
});

describe('paint', () => {
  it('wraps the text in its style and resets only that style', () => {
    assert.equal(paint('error', 'red'), '\u001b[31merror\u001b[39m');
    assert.equal(paint('code', 'dim'), '\u001b[2mcode\u001b[22m');
  });
});
