import * as fs from 'node:fs';
import * as path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';

export const repositoryRoot = path.resolve(__dirname, '../../..');
export const grammarPath = path.join(repositoryRoot, 'syntaxes/plist.tmLanguage.json');
export const plistScopeName = 'text.xml.plist.apple';

/** One token of one line; `line` and `column` are 1-based, as an editor shows them. */
export interface GrammarToken {
  line: number;
  column: number;
  text: string;
  /** Scopes from outermost to innermost, without the grammar's root scope. */
  scopes: string[];
}

/** The tokens of a text, plus the rule stack depth left after its last line (1 means back at the root). */
export interface TokenizedText {
  tokens: GrammarToken[];
  lines: string[];
  finalDepth: number;
}

let onigLibPromise: Promise<vsctm.IOnigLib> | undefined;

// vscode-oniguruma refuses a second loadWASM call, so every grammar in this process shares one load.
function loadOnigLib(): Promise<vsctm.IOnigLib> {
  onigLibPromise ??= (async () => {
    const wasmPath = path.join(repositoryRoot, 'node_modules/vscode-oniguruma/release/onig.wasm');
    const wasm = fs.readFileSync(wasmPath);
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    return {
      createOnigScanner: (sources: string[]) => new oniguruma.OnigScanner(sources),
      createOnigString: (text: string) => new oniguruma.OnigString(text),
    };
  })();
  return onigLibPromise;
}

/** Loads the plist grammar from disk, failing loudly if it does not parse. */
export async function loadPlistGrammar(): Promise<vsctm.IGrammar> {
  const registry = new vsctm.Registry({
    onigLib: loadOnigLib(),
    loadGrammar: (scopeName) => {
      if (scopeName !== plistScopeName) {
        return Promise.resolve(null);
      }
      return Promise.resolve(vsctm.parseRawGrammar(fs.readFileSync(grammarPath, 'utf8'), grammarPath));
    },
  });
  const grammar = await registry.loadGrammar(plistScopeName);
  if (!grammar) {
    throw new Error(`Could not load ${plistScopeName} from ${grammarPath}`);
  }
  return grammar;
}

/** Tokenizes a whole text line by line, carrying the rule stack across lines as VS Code does. */
export function tokenizeText(grammar: vsctm.IGrammar, text: string): TokenizedText {
  const lines = text.split(/\r?\n/);
  const tokens: GrammarToken[] = [];
  let ruleStack: vsctm.StateStack = vsctm.INITIAL;
  lines.forEach((lineText, lineIndex) => {
    const result = grammar.tokenizeLine(lineText, ruleStack);
    for (const token of result.tokens) {
      tokens.push({
        line: lineIndex + 1,
        column: token.startIndex + 1,
        text: lineText.slice(token.startIndex, token.endIndex),
        scopes: token.scopes.filter((scope) => scope !== plistScopeName),
      });
    }
    ruleStack = result.ruleStack;
  });
  return { tokens, lines, finalDepth: ruleStack.depth };
}

/**
 * Renders tokens as snapshot text: each source line as `> text`, then one row per token,
 * `line:column "text" -> scopes`. Whitespace that carries no scope is left out as noise.
 */
export function formatSnapshot(fixtureName: string, tokenized: TokenizedText): string {
  const rows = [`# ${fixtureName}: line:column "token text" -> scopes (root scope ${plistScopeName} omitted)`];
  tokenized.lines.forEach((lineText, lineIndex) => {
    rows.push(`> ${lineText}`);
    for (const token of tokenized.tokens) {
      if (token.line !== lineIndex + 1) {
        continue;
      }
      if (token.scopes.length === 0 && token.text.trim() === '') {
        continue;
      }
      const scopes = token.scopes.length > 0 ? token.scopes.join(' ') : '(root)';
      rows.push(`${token.line}:${token.column} ${JSON.stringify(token.text)} -> ${scopes}`);
    }
  });
  return rows.join('\n') + '\n';
}

/**
 * A line diff of two snapshots, in unified style with two lines of context, capped in length. Snapshots stay in the
 * low hundreds of lines, so a plain longest-common-subsequence table is fast enough.
 */
export function diffLines(expectedText: string, actualText: string): string {
  const expected = expectedText.split('\n');
  const actual = actualText.split('\n');
  const commonAfter: number[][] = Array.from({ length: expected.length + 1 }, () =>
    new Array<number>(actual.length + 1).fill(0),
  );
  const cell = (i: number, j: number): number => commonAfter[i]?.[j] ?? 0;
  for (let i = expected.length - 1; i >= 0; i--) {
    const row = commonAfter[i];
    if (!row) {
      continue;
    }
    for (let j = actual.length - 1; j >= 0; j--) {
      row[j] = expected[i] === actual[j] ? cell(i + 1, j + 1) + 1 : Math.max(cell(i + 1, j), cell(i, j + 1));
    }
  }

  const edits: { kind: ' ' | '-' | '+'; text: string }[] = [];
  let i = 0;
  let j = 0;
  while (i < expected.length || j < actual.length) {
    if (i < expected.length && j < actual.length && expected[i] === actual[j]) {
      edits.push({ kind: ' ', text: expected[i] ?? '' });
      i++;
      j++;
    } else if (i < expected.length && (j === actual.length || cell(i + 1, j) >= cell(i, j + 1))) {
      edits.push({ kind: '-', text: expected[i] ?? '' });
      i++;
    } else {
      edits.push({ kind: '+', text: actual[j] ?? '' });
      j++;
    }
  }

  const context = 2;
  const output: string[] = ['--- snapshot (expected)', '+++ grammar (actual)'];
  let lastPrinted = -1;
  edits.forEach((edit, index) => {
    if (edit.kind === ' ') {
      return;
    }
    const from = Math.max(index - context, lastPrinted + 1);
    if (from > lastPrinted + 1 && lastPrinted >= 0) {
      output.push('...');
    }
    for (let k = from; k < index; k++) {
      output.push(`  ${edits[k]?.text ?? ''}`);
    }
    output.push(`${edit.kind} ${edit.text}`);
    lastPrinted = index;
    const trailingEnd = Math.min(edits.length - 1, index + context);
    for (let k = index + 1; k <= trailingEnd && edits[k]?.kind === ' '; k++) {
      output.push(`  ${edits[k]?.text ?? ''}`);
      lastPrinted = k;
    }
  });
  // Inserting a fixture line renumbers every later token, so cap the message at a readable length.
  const maxLines = 120;
  if (output.length > maxLines) {
    const hidden = output.length - maxLines;
    output.length = maxLines;
    output.push(`... ${hidden} more diff lines`);
  }
  return output.join('\n');
}
