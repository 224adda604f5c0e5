/**
 * Escaping for text placed inside generated HTML and for JSON placed inside an inline <script>.
 */

/**
 * Text made safe to put inside HTML (element content or a quoted attribute).
 *
 * @example
 * escapeHtml('a < b & "c"'); // 'a &lt; b &amp; &quot;c&quot;'
 */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** JSON.stringify's replacer: typed arrays and Matrix-like objects become plain nested arrays. */
function plainArrays(_key: string, value: unknown): unknown {
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    return Array.from(value as unknown as ArrayLike<number>);
  }
  if (value !== null && typeof value === "object" && typeof (value as { toArray?: unknown }).toArray === "function") {
    return (value as { toArray(): unknown }).toArray();
  }
  return value;
}

/**
 * JSON that can sit inside an inline <script>: typed arrays become arrays, NaN/±Infinity become null, and `<`,
 * U+2028 and U+2029 are written as \u escapes so the text can never close the script element.
 *
 * @example
 * scriptJson({ s: "</script>" }); // '{"s":"\\u003c/script>"}'
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value, plainArrays)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}
