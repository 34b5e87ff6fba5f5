/**
 * Watches the knowledge folder by watching each of its directories, not its files. An editor's
 * atomic save (write a temporary file, rename it over the old one; `sed -i` does the same)
 * replaces the file's inode, and a watch on the old inode goes quiet for good: the bot kept
 * serving stale knowledge with nothing logged. A directory outlives its files, and its watch
 * reports the rename by name. New folders (a new source) are watched as they appear; symlinked
 * folders are not followed.
 */
import { type FSWatcher, readdirSync, watch } from "node:fs";
import path from "node:path";

/** More folders than any knowledge tree has (about one per source): a bound, not a target. */
const MAX_FOLDERS = 2000;

export class FolderWatch {
  private readonly watchers = new Map<string, FSWatcher>();

  constructor(
    private readonly root: string,
    /** Called with the changed path, relative to the root ("" for the root itself). */
    private readonly onChange: (file: string) => void,
    private readonly onError: (error: unknown) => void,
  ) {}

  start(): void {
    this.sync();
  }

  close(): void {
    for (const watcher of this.watchers.values()) watcher.close();
    this.watchers.clear();
  }

  /** Watches every folder now under the root, and stops watching those gone. */
  private sync(): void {
    const folders = new Set(this.folders());
    for (const [dir, watcher] of this.watchers) {
      if (folders.has(dir)) continue;
      watcher.close();
      this.watchers.delete(dir);
    }
    for (const dir of folders) {
      if (this.watchers.has(dir)) continue;
      try {
        const watcher = watch(dir, (event, name) => {
          this.onChange(path.relative(this.root, name ? path.join(dir, name) : dir));
          if (event === "rename") this.sync();
        });
        watcher.on("error", (error) => {
          this.watchers.delete(dir);
          watcher.close();
          // A folder removed is no failure; anything else is reported.
          if ((error as NodeJS.ErrnoException).code !== "ENOENT") this.onError(error);
        });
        watcher.unref();
        this.watchers.set(dir, watcher);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "ENOENT") this.onError(error);
      }
    }
  }

  /** The root and every real folder below it (symlinks not followed), up to MAX_FOLDERS. */
  private folders(): string[] {
    const found = [this.root];
    for (let i = 0; i < found.length && found.length < MAX_FOLDERS; i++) {
      const dir = found[i] as string;
      try {
        for (const entry of readdirSync(dir, { withFileTypes: true })) {
          if (entry.isDirectory() && !entry.name.startsWith("."))
            found.push(path.join(dir, entry.name));
        }
      } catch {
        // Gone meanwhile: its parent's watch reports it.
      }
    }
    return found.slice(0, MAX_FOLDERS);
  }
}
