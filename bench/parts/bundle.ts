import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { manifestFile } from '../harness.ts';
import type { Figure, PartResult } from '../results.ts';

// What a visitor downloads, gzipped as a server would send it: the shell that index.html loads
// (entry script, its modulepreloads, stylesheets), the first page (/accounts: the shell plus the
// accounts page's lazy chunk) and each page's lazy chunk with the chunks only it needs.

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}

type Manifest = Record<string, ManifestChunk>;

/** The route the app lands on (`/` redirects to it), whose chunk is part of the first page. */
const FIRST_PAGE_SOURCE = 'src/features/accounts/AccountsPage.tsx';

/** Files referenced by dist/index.html: scripts, module preloads and stylesheets. */
export function shellFiles(indexHtml: string): string[] {
  const files = new Set<string>();
  for (const match of indexHtml.matchAll(/<(?:script|link)\b[^>]*>/g)) {
    const tag = match[0];
    const isScript = tag.startsWith('<script') && /type="module"/.test(tag);
    const isLoadedLink = /rel="(?:modulepreload|stylesheet)"/.test(tag);
    if (!isScript && !isLoadedLink) continue;
    const url = /(?:src|href)="([^"]+)"/.exec(tag)?.[1];
    if (url?.startsWith('/')) files.add(url.slice(1));
  }
  return [...files];
}

/** A chunk, its CSS and every chunk it imports statically, transitively. */
function closure(manifest: Manifest, key: string, into = new Set<string>()): Set<string> {
  const chunk = manifest[key];
  if (!chunk || into.has(chunk.file)) return into;
  into.add(chunk.file);
  for (const css of chunk.css ?? []) into.add(css);
  for (const imported of chunk.imports ?? []) closure(manifest, imported, into);
  return into;
}

function sizes(distDir: string, files: Iterable<string>): { js: number; css: number } {
  const gzipBytes = (file: string) => gzipSync(readFileSync(join(distDir, file))).length;
  let js = 0;
  let css = 0;
  for (const file of files) {
    if (file.endsWith('.css')) css += gzipBytes(file);
    else if (file.endsWith('.js')) js += gzipBytes(file);
  }
  return { js, css };
}

function kilobytes(bytes: number): number {
  return bytes / 1024;
}

export function runBundle(distDir: string): PartResult {
  const manifest = JSON.parse(readFileSync(manifestFile(distDir), 'utf8')) as Manifest;
  const shell = new Set(shellFiles(readFileSync(join(distDir, 'index.html'), 'utf8')));
  const figures: Figure[] = [];
  const add = (name: string, files: Iterable<string>, note?: string) => {
    const { js, css } = sizes(distDir, files);
    figures.push({
      part: 'bundle',
      name: `${name}: JS`,
      unit: 'KB gz',
      value: kilobytes(js),
      higherIsBetter: false,
      note,
    });
    if (css > 0)
      figures.push({
        part: 'bundle',
        name: `${name}: CSS`,
        unit: 'KB gz',
        value: kilobytes(css),
        higherIsBetter: false,
      });
  };
  add('shell (index.html)', shell);

  const pages = Object.entries(manifest)
    .filter(([, chunk]) => chunk.isDynamicEntry && chunk.src?.endsWith('Page.tsx'))
    .sort(([a], [b]) => a.localeCompare(b));
  const firstPage = pages.find(([, chunk]) => chunk.src === FIRST_PAGE_SOURCE);
  if (firstPage)
    add('first page /accounts (shell + page)', new Set([...shell, ...closure(manifest, firstPage[0])]));
  for (const [key, chunk] of pages) {
    const own = [...closure(manifest, key)].filter((file) => !shell.has(file));
    add(`lazy ${chunk.src?.replace(/^src\/features\//, '') ?? key}`, own);
  }
  return { figures };
}
