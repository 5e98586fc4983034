import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Db } from '../db/connection.ts';

/**
 * Where report files live: `<db file>.files/`, beside the database so that a reset or a copied
 * database keeps its files together. An in-memory database gets a temporary directory.
 */
export function filesDirectoryFor(db: Db): string {
  if (db.memory) return mkdtempSync(join(tmpdir(), 'canvas-admin-files-'));
  const directory = `${db.name}.files`;
  mkdirSync(directory, { recursive: true });
  return directory;
}

/** Every file of one run sits in its own folder, so a failed run is cleaned up in one go. */
export function runStoragePath(runId: number, filename: string): string {
  return join('reports', String(runId), filename);
}

export function runDirectory(filesDirectory: string, runId: number): string {
  return join(filesDirectory, 'reports', String(runId));
}

export function removeRunFiles(filesDirectory: string, runId: number): void {
  rmSync(runDirectory(filesDirectory, runId), { recursive: true, force: true });
}
