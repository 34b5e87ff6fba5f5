/** Databases for tests: each in a fresh temporary folder, removed by `cleanup()`. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { RequestOrigin } from "../../src/core/command.ts";
import { openStorage, type Storage, type StorageOptions } from "../../src/storage/index.ts";
import { fromAdapter } from "./origin.ts";

export interface TempDir {
  dir: string;
  file(name?: string): string;
  cleanup(): void;
}

export function tempDir(prefix = "policywatch-test-"): TempDir {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return {
    dir,
    file: (name = "test.db") => path.join(dir, name),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A settable clock, for the scheduler and every stored time. */
export class FakeClock {
  constructor(private current: Date) {}
  now = (): Date => new Date(this.current);
  set(iso: string | Date): void {
    this.current = new Date(iso);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export function tempStorage(
  dir: TempDir,
  options: Omit<StorageOptions, "path"> & { name?: string } = {},
): Storage {
  return openStorage({ path: dir.file(options.name), ...options });
}

/** Someone who may manage a Slack channel: who can subscribe it to briefings. */
export function channelManager(channelId: string): RequestOrigin {
  return {
    platform: "slack",
    userId: "U1",
    channelId,
    workspaceId: "T1",
    ...fromAdapter("slack", true),
  };
}
