import * as assert from 'assert';
import * as vscode from 'vscode';
import { hoverText } from '../helpers';

const HEADER = '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n<plist version="1.0">\n';

/** An untitled document of our language, shown in an editor (the client's selector includes untitled files). */
async function openUntitled(language: 'entitlements' | 'info-plist', content: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument({ language, content });
  await vscode.window.showTextDocument(document, { preview: false });
  return document;
}

function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

async function completionsAt(document: vscode.TextDocument, position: vscode.Position, trigger?: string): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, position, trigger);
  return list?.items ?? [];
}

describe('completion and value hover', () => {
  it('completes a half-typed key, replacing just the typed text', async () => {
    const typed = 'com.apple.security.app-sand';
    const document = await openUntitled('entitlements', `${HEADER}<dict>\n\t<key>${typed}`);
    const end = document.positionAt(document.getText().length);
    const items = await completionsAt(document, end, '.');
    const sandbox = items.find((item) => labelOf(item) === 'com.apple.security.app-sandbox');
    assert.ok(sandbox, `offered: ${items.slice(0, 10).map(labelOf).join(', ')}`);
    const range = sandbox.range instanceof vscode.Range ? sandbox.range : sandbox.range?.replacing;
    assert.ok(range, 'the item says which text it replaces');
    assert.strictEqual(document.getText(range), typed);
  });

  it('completes enumerated values', async () => {
    const document = await openUntitled('entitlements', `${HEADER}<dict>\n\t<key>aps-environment</key>\n\t<string>prod</string>\n</dict>\n</plist>\n`);
    const inside = document.positionAt(document.getText().indexOf('prod') + 'prod'.length);
    const labels = (await completionsAt(document, inside)).map(labelOf);
    assert.ok(labels.includes('production') && labels.includes('development'), `offered: ${labels.join(', ')}`);
  });

  it('explains an enumerated value on hover', async () => {
    const document = await openUntitled('entitlements', `${HEADER}<dict>\n\t<key>aps-environment</key>\n\t<string>production</string>\n</dict>\n</plist>\n`);
    const position = document.positionAt(document.getText().indexOf('production') + 3);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
    const text = hoverText(hovers ?? []);
    assert.match(text, /production/);
    assert.match(text, /https:\/\/developer\.apple\.com\//);
  });

  it('lists the plist in the outline', async () => {
    const document = await openUntitled('info-plist', `${HEADER}<dict>\n\t<key>CFBundleName</key>\n\t<string>App</string>\n\t<key>UIBackgroundModes</key>\n\t<array>\n\t\t<string>audio</string>\n\t</array>\n</dict>\n</plist>\n`);
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', document.uri);
    const names = JSON.stringify(symbols ?? []);
    assert.match(names, /CFBundleName/);
    assert.match(names, /UIBackgroundModes/);
  });
});
