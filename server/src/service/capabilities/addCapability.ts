/**
 * Add Capability, as Xcode's Signing & Capabilities editor does it: the catalog's capabilities that fit a target,
 * and for one of them the edits to the target's entitlements and Info.plist that add what is missing. What is
 * already there is left alone: a key present keeps its value, an array gains only the items it lacks, and a file
 * that is not a well-formed plist dict gets no edit at all. Text in, plain edits out; no I/O.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextEdit } from 'vscode-languageserver-types';
import type { Capability, CapabilityValue, CapabilityWrite, Catalog, Platform } from '../../../../shared/src/catalog';
import type { ProductType } from '../../../../shared/src/target';
import { isAvailableOn } from '../platforms';
import { escapeText } from '../plist/entities';
import type { ArrayNode, DictNode, PlistDocument } from '../plist/nodes';
import { parsePlist } from '../plist/parser';

/** The target as far as capabilities care: its platforms (empty when unknown) and kind. */
export interface CapabilityTarget {
  readonly platforms: readonly Platform[];
  readonly productType: ProductType | undefined;
}

/** One of the target's two files: where it is, and its text when it exists. */
export interface CapabilityFile {
  readonly uri: string;
  /** `undefined` when the file does not exist yet (it is then created). */
  readonly text: string | undefined;
}

export interface CapabilityFiles {
  readonly entitlements: CapabilityFile;
  readonly infoPlist: CapabilityFile;
}

/** What happens to one key: added, array items merged in, already there, or there with another value (kept). */
export type WriteStatus = 'add' | 'merge' | 'present' | 'kept';

/** The two files a capability writes to. */
export type CapabilityFileKind = CapabilityWrite['file'];

export interface PlannedWrite {
  readonly file: CapabilityFileKind;
  readonly key: string;
  /** The value as plist XML, for people to read (`<string>development</string>`). */
  readonly valueXml: string;
  readonly status: WriteStatus;
  /** For `merge`: the array items added. */
  readonly added?: readonly string[];
  readonly fill?: string;
}

/** The edits to one file; `isNew` when the file does not exist and `edits` hold its whole text. */
export interface FileEdit {
  readonly uri: string;
  readonly file: CapabilityFileKind;
  readonly isNew: boolean;
  readonly edits: readonly TextEdit[];
}

export interface CapabilityPlan {
  readonly capability: Capability;
  /** The platforms the writes were chosen for: the target's, or iOS when it had none (then `notes` says so). */
  readonly platforms: readonly Platform[];
  readonly writes: readonly PlannedWrite[];
  /** Only files that change; empty when everything is already there or the capability writes nothing. */
  readonly fileEdits: readonly FileEdit[];
  /** Sentences for people: approval, placeholders to fill, files that could not be edited, assumptions. */
  readonly notes: readonly string[];
}

/** The capabilities Xcode would offer this target: its platforms and kind fit (unknown ones fit everything). */
export function capabilitiesFor(catalog: Catalog, target: CapabilityTarget): Capability[] {
  return catalog.capabilities.filter((capability) => fitsKind(capability, target.productType) && isAvailableOn(capability.platforms, target.platforms));
}

/** A capability by id, Xcode name or other name, ignoring case, spaces and punctuation. */
export function findCapability(catalog: Catalog, name: string): Capability | undefined {
  const wanted = normalized(name);
  if (wanted === '') return undefined;
  return (
    catalog.capabilities.find((capability) => normalized(capability.id) === wanted || normalized(capability.name) === wanted) ??
    catalog.capabilities.find((capability) => (capability.names ?? []).some((other) => normalized(other) === wanted))
  );
}

/** Whether the target may take the capability, and if not, why, in a sentence. */
export function whyNotFor(capability: Capability, target: CapabilityTarget): string | undefined {
  if (!fitsKind(capability, target.productType)) return `${capability.name} is not offered to ${target.productType ?? 'this'} targets (only ${capability.targetKinds.join(', ')}).`;
  if (!isAvailableOn(capability.platforms, target.platforms)) return `${capability.name} is for ${capability.platforms.join(', ')}, not ${target.platforms.join(', ')}.`;
  return undefined;
}

/** The writes that apply to the target and the edits that make them, leaving what is there alone. */
export function planCapability(capability: Capability, target: CapabilityTarget, files: CapabilityFiles): CapabilityPlan {
  const notes: string[] = [];
  const platforms: readonly Platform[] = target.platforms.length > 0 ? target.platforms : ['iOS'];
  if (target.platforms.length === 0) notes.push("The target's platforms are unknown, so the keys for iOS are written.");
  const applicable = capability.writes.filter((write) => writeApplies(write, capability, platforms));
  const writes: PlannedWrite[] = [];
  const fileEdits: FileEdit[] = [];
  for (const fileKind of ['entitlements', 'infoPlist'] as const) {
    const forFile = applicable.filter((write) => write.file === fileKind);
    if (forFile.length === 0) continue;
    const file = files[fileKind];
    const planned = file.text === undefined ? newFile(file, fileKind, forFile) : existingFile(file, fileKind, forFile, notes);
    writes.push(...planned.writes);
    if (planned.edit !== undefined) fileEdits.push(planned.edit);
    if (file.text === undefined && fileKind === 'infoPlist') {
      notes.push("There was no Info.plist, so a new one is made: point the target's INFOPLIST_FILE build setting at it.");
    }
  }
  if (capability.writes.length === 0 && capability.note !== undefined) notes.push(capability.note);
  if (capability.approval.required) notes.push(`Apple must approve ${capability.name} before distribution: ${capability.approval.howToAsk ?? ''} ${capability.approval.requestUrl ?? ''}`.trim());
  for (const write of writes) {
    if (write.fill !== undefined && write.status !== 'present' && write.status !== 'kept') notes.push(`Fill in ${write.key}: ${write.fill}.`);
  }
  return { capability, platforms, writes, fileEdits, notes };
}

// ---------------------------------------------------------------------------------------------------------------

/** Kinds only the project knows fit any capability; an unknown kind is treated as an app. */
function fitsKind(capability: Capability, productType: ProductType | undefined): boolean {
  return capability.targetKinds.includes(productType ?? 'app');
}

/**
 * A write with its own platforms applies when the target is on one of them. Mac Catalyst apps build from iOS
 * code, so for them the iOS write is chosen over the macOS one where a capability has both.
 */
function writeApplies(write: CapabilityWrite, capability: Capability, platforms: readonly Platform[]): boolean {
  const own = write.platforms ?? capability.platforms;
  const targetPlatforms = platforms.map((platform): Platform => (platform === 'MacCatalyst' ? 'iOS' : platform));
  return isAvailableOn(own, targetPlatforms);
}

interface Planned {
  readonly writes: PlannedWrite[];
  readonly edit: FileEdit | undefined;
}

const HEADER = '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n<plist version="1.0">\n';

function newFile(file: CapabilityFile, fileKind: CapabilityFileKind, forFile: readonly CapabilityWrite[]): Planned {
  const body = forFile.map((write) => entryXml(write.key, write.value, '\t', '\n')).join('');
  const text = `${HEADER}<dict>\n${body}</dict>\n</plist>\n`;
  const writes = forFile.map((write) => planned(write, 'add'));
  return { writes, edit: { uri: file.uri, file: fileKind, isNew: true, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: text }] } };
}

function existingFile(file: CapabilityFile, fileKind: CapabilityFileKind, forFile: readonly CapabilityWrite[], notes: string[]): Planned {
  const text = file.text ?? '';
  const parsed = parsePlist(text);
  const root = parsed.root;
  const fileName = fileKind === 'entitlements' ? 'The entitlements file' : 'Info.plist';
  if (root?.kind !== 'dict' || !root.isClosed || parsed.problems.length > 0) {
    notes.push(`${fileName} is not a well-formed plist dict, so it is left alone: fix its syntax first.`);
    return { writes: [], edit: undefined };
  }
  const lines = TextDocument.create(file.uri, 'plist', 0, text);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const keyIndent = indentOfRootEntries(text, root);
  // The root's entries sit one level in, so their indentation is the file's unit.
  const unit = keyIndent;
  const writes: PlannedWrite[] = [];
  const edits: TextEdit[] = [];
  const appended: string[] = [];
  for (const write of forFile) {
    const entry = root.entries.find((candidate) => candidate.key.text === write.key);
    const value = entry?.value;
    if (entry === undefined || value === undefined) {
      if (entry === undefined) {
        appended.push(entryXml(write.key, write.value, keyIndent, eol, unit));
        writes.push(planned(write, 'add'));
      } else {
        notes.push(`${write.key} has no value in ${fileName}; it is left for you to complete.`);
        writes.push(planned(write, 'kept'));
      }
      continue;
    }
    if (Array.isArray(write.value) && value.kind === 'array') {
      const items = write.value as readonly string[];
      const have = new Set(value.items.flatMap((item) => (item.kind === 'string' ? [item.text] : [])));
      const missing = items.filter((item) => !have.has(item));
      if (missing.length === 0) {
        writes.push(planned(write, 'present'));
        continue;
      }
      edits.push(mergeEdit(text, lines, value, missing, leadingWhitespace(text, entry.key.offset) || keyIndent, eol, unit));
      writes.push({ ...planned(write, 'merge'), added: missing });
      continue;
    }
    writes.push(planned(write, sameValue(write.value, value) ? 'present' : 'kept'));
    if (!sameValue(write.value, value)) notes.push(`${write.key} is already in ${fileName} with another value, which is kept.`);
  }
  if (appended.length > 0) edits.push(appendEdit(text, lines, root, appended.join(''), eol));
  edits.sort((a, b) => lines.offsetAt(a.range.start) - lines.offsetAt(b.range.start));
  return { writes, edit: edits.length === 0 ? undefined : { uri: file.uri, file: fileKind, isNew: false, edits } };
}

/** New entries go before the root's `</dict>`, on their own lines; `<dict/>` becomes an open dict holding them. */
function appendEdit(text: string, lines: TextDocument, root: DictNode, entries: string, eol: string): TextEdit {
  if (/^<dict\s*\/>$/.test(text.slice(root.offset, root.end))) {
    return { range: { start: lines.positionAt(root.offset), end: lines.positionAt(root.end) }, newText: `<dict>${eol}${entries}</dict>` };
  }
  const close = text.lastIndexOf('</dict>', root.end);
  const lineStart = text.lastIndexOf('\n', close - 1) + 1;
  const isOwnLine = /^[ \t]*$/.test(text.slice(lineStart, close));
  const offset = isOwnLine ? lineStart : close;
  const position = lines.positionAt(offset);
  return { range: { start: position, end: position }, newText: isOwnLine ? entries : `${eol}${entries}` };
}

/** Missing items go before the array's `</array>` with its items' indentation; `<array/>` is opened to hold them. */
function mergeEdit(text: string, lines: TextDocument, array: ArrayNode, missing: readonly string[], keyIndent: string, eol: string, unit: string): TextEdit {
  const items = missing.map((item) => `<string>${escapeText(item)}</string>`);
  if (/^<array\s*\/>$/.test(text.slice(array.offset, array.end))) {
    const itemIndent = `${keyIndent}${unit}`;
    const newText = `<array>${eol}${items.map((item) => `${itemIndent}${item}${eol}`).join('')}${keyIndent}</array>`;
    return { range: { start: lines.positionAt(array.offset), end: lines.positionAt(array.end) }, newText };
  }
  const close = text.lastIndexOf('</array>', array.end);
  const lineStart = text.lastIndexOf('\n', close - 1) + 1;
  const first = array.items[0];
  if (/^[ \t]*$/.test(text.slice(lineStart, close)) && lineStart > array.offset) {
    const itemIndent = first === undefined ? `${keyIndent}${unit}` : leadingWhitespace(text, first.offset) || `${keyIndent}${unit}`;
    const position = lines.positionAt(lineStart);
    return { range: { start: position, end: position }, newText: items.map((item) => `${itemIndent}${item}${eol}`).join('') };
  }
  // An array written on one line stays on one line.
  const position = lines.positionAt(close);
  return { range: { start: position, end: position }, newText: items.join('') };
}

function indentOfRootEntries(text: string, root: DictNode): string {
  const first = root.entries[0]?.key;
  return first === undefined ? '\t' : leadingWhitespace(text, first.offset) || '\t';
}

function leadingWhitespace(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const prefix = text.slice(lineStart, offset);
  return /^[ \t]*$/.test(prefix) ? prefix : '';
}

/** `<key>` and value lines at `indent`, each line ended. */
function entryXml(key: string, value: CapabilityValue, indent: string, eol: string, unit = '\t'): string {
  return `${indent}<key>${escapeText(key)}</key>${eol}${indent}${valueXml(value, indent, eol, unit)}${eol}`;
}

function valueXml(value: CapabilityValue, indent = '', eol = '', unit = '\t'): string {
  if (typeof value === 'boolean') return value ? '<true/>' : '<false/>';
  if (typeof value === 'string') return `<string>${escapeText(value)}</string>`;
  if (value.length === 0) return '<array/>';
  return `<array>${eol}${value.map((item) => `${indent}${unit}<string>${escapeText(item)}</string>${eol}`).join('')}${indent}</array>`;
}

function planned(write: CapabilityWrite, status: WriteStatus): PlannedWrite {
  return { file: write.file, key: write.key, valueXml: valueXml(write.value), status, ...(write.fill === undefined ? {} : { fill: write.fill }) };
}

function sameValue(wanted: CapabilityValue, node: NonNullable<PlistDocument['root']>): boolean {
  if (typeof wanted === 'boolean') return node.kind === 'boolean' && node.text === String(wanted);
  if (typeof wanted === 'string') return node.kind === 'string' && node.text === wanted;
  return node.kind === 'array';
}

function normalized(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}
