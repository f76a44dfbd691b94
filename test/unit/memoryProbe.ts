/**
 * Run in a child process by readerMemory.test.ts: reads one hostile input from a file (written by the test, so
 * building it costs this process nothing) with the shape's reader, and prints how far the process's peak resident
 * memory rose above its resident memory just before the read, in bytes. A process of its own per run, because the
 * peak (`maxRSS`) only ever rises.
 */
import { readFileSync } from 'node:fs';
import { HOSTILE_SHAPES } from './hostileInputs';

const [name, inputPath, encoding] = process.argv.slice(2);
const shape = name === undefined ? undefined : HOSTILE_SHAPES[name];
if (shape === undefined || inputPath === undefined) throw new Error(`usage: memoryProbe SHAPE FILE [text|bytes] (shapes: ${Object.keys(HOSTILE_SHAPES).join(', ')})`);
// Compile the reader on a tiny input first, so its code does not count as the input's memory.
shape.read(shape.build(Math.max(1, Math.round(shape.sizes[0] / 1000))));
const input = encoding === 'bytes' ? new Uint8Array(readFileSync(inputPath)) : readFileSync(inputPath, 'utf8');
(globalThis as { gc?: () => void }).gc?.();
const before = process.memoryUsage().rss;
shape.read(input);
process.stdout.write(JSON.stringify({ rise: Math.max(0, process.resourceUsage().maxRSS * 1024 - before) }));
