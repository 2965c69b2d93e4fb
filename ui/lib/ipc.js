// The only way the page talks to Harbour's Rust side: its own commands, through Tauri's IPC.
// There is no network access at all (see the CSP in src-tauri/tauri.conf.json).

/**
 * Calls a Harbour command. Rejects with `{ kind, message }` (see src-tauri/src/error.rs).
 */
export function call(command, args = {}) {
  const tauri = window.__TAURI__;
  if (!tauri || !tauri.core) {
    return Promise.reject({ kind: "content", message: "Harbour's window is not connected." });
  }
  return tauri.core.invoke(command, args);
}
