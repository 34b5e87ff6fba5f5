/**
 * Which SQLite errors are storage faults (the person is told nothing was saved) rather than bugs
 * (an apology with an error id). better-sqlite3 puts SQLite's extended result code on `code`.
 */
import type { StorageFault } from "../core/storage-fault.ts";

export function faultOf(error: unknown): StorageFault | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== "string" || !code.startsWith("SQLITE_")) return undefined;
  if (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED")) return "busy";
  if (code === "SQLITE_READONLY_DBMOVED") return "moved";
  if (code.startsWith("SQLITE_READONLY")) return "read-only";
  if (code === "SQLITE_FULL") return "full";
  if (
    code.startsWith("SQLITE_IOERR") ||
    code.startsWith("SQLITE_CANTOPEN") ||
    code.startsWith("SQLITE_CORRUPT") ||
    code === "SQLITE_NOTADB" ||
    code === "SQLITE_PERM" ||
    code === "SQLITE_PROTOCOL"
  ) {
    return "failing";
  }
  return undefined; // constraints, misuse, bad SQL: bugs
}
