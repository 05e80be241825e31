// Text made safe to print: no character that a terminal acts on reaches stdout or stderr raw.
//
// A token's description, a subject, an error body's message are written by whoever created the
// token or runs the server. Printed raw, an ESC (or the one-character C1 CSI, U+009B) starts a
// control sequence that recolours the terminal, clears it or retitles its window (OSC 0), a CR
// overwrites the line, a bidirectional override reorders what the reader sees: the class of
// CVE-2021-25743, which kubectl fixed by escaping such characters in its output
// (kubernetes/kubernetes#112553). Node has nothing that shows them: util.stripVTControlCharacters
// removes whole ANSI sequences (text is lost, a lone BEL or CR stays), and JSON.stringify leaves
// DEL, C1 and bidi characters raw. So one replace, here.

/** C0 controls, DEL, C1 controls, bidirectional overrides (U+202A-U+202E) and isolates (U+2066-U+2069). */
const TERMINAL_CONTROLS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

const SHORT = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/** `\n`, `\r`, `\t`, else `\u` and four lowercase hex digits, as JSON writes them. */
const visible = (c) => SHORT[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;

/**
 * `text` with each of {@link TERMINAL_CONTROLS} shown as its escape (`\u001b`, `\n`). Backslashes
 * are left alone, so a table stays readable (and an `ApiError` message, whose service text the
 * library already escaped, is not escaped twice); the exact value is what `--json` prints.
 * Applied to JSON text, which holds such characters only inside strings (JSON.stringify writes
 * C0 as escapes already), it gives JSON text of the same value.
 */
export function escapeControls(text) {
  return text.replace(TERMINAL_CONTROLS, visible);
}
