/**
 * Source code as the similarity report compares it: TypeScript's own scanner turns a file into tokens, comments and
 * whitespace are dropped, and every identifier becomes "id", every number "num", every string or template "str",
 * so that renaming variables, reformatting, re-commenting or changing constants does not hide copied code.
 * Keywords, operators and punctuation stay as they are. Each token keeps where it is in the file.
 *
 * @example
 * tokenize("const total = a + 1; // sum").map((t) => t.text); // ["const", "id", "=", "id", "+", "num", ";"]
 */
import * as ts from "typescript";

/** One token: its normalised text and where it is (0-based rows and columns, end exclusive). */
export interface Token {
  text: string;
  startRow: number;
  startCol: number;
  endRow: number;
  endCol: number;
}

/** The row and column of each offset, from the offsets where lines start. */
function locator(source: string): (pos: number) => [number, number] {
  const starts = [0];
  for (let i = 0; i < source.length; i++) if (source[i] === "\n") starts.push(i + 1);
  return (pos) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= pos) lo = mid;
      else hi = mid - 1;
    }
    return [lo, pos - starts[lo]];
  };
}

/** The normalised text of the scanner's current token. */
function normalise(kind: ts.SyntaxKind, text: string): string {
  if (kind === ts.SyntaxKind.Identifier || kind === ts.SyntaxKind.PrivateIdentifier) return "id";
  if (kind === ts.SyntaxKind.NumericLiteral || kind === ts.SyntaxKind.BigIntLiteral) return "num";
  if (
    kind === ts.SyntaxKind.StringLiteral ||
    kind === ts.SyntaxKind.NoSubstitutionTemplateLiteral ||
    kind === ts.SyntaxKind.TemplateHead ||
    kind === ts.SyntaxKind.TemplateMiddle ||
    kind === ts.SyntaxKind.TemplateTail ||
    kind === ts.SyntaxKind.RegularExpressionLiteral
  ) {
    return "str";
  }
  return text;
}

/** The tokens of TypeScript `source`, without comments and whitespace. */
export function tokenize(source: string): Token[] {
  const at = locator(source);
  const scanner = ts.createScanner(ts.ScriptTarget.ES2022, true, ts.LanguageVariant.Standard, source);
  const out: Token[] = [];
  // Open braces inside each template expression being scanned: a "}" at depth 0 continues the template.
  const templates: number[] = [];
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    if (kind === ts.SyntaxKind.Unknown) continue;
    if (templates.length > 0) {
      const top = templates.length - 1;
      if (kind === ts.SyntaxKind.OpenBraceToken) templates[top]++;
      else if (kind === ts.SyntaxKind.CloseBraceToken && templates[top] > 0) templates[top]--;
      else if (kind === ts.SyntaxKind.CloseBraceToken) {
        kind = scanner.reScanTemplateToken(false);
        if (kind === ts.SyntaxKind.TemplateTail) templates.pop();
      }
    }
    if (kind === ts.SyntaxKind.TemplateHead) templates.push(0);
    const start = scanner.getTokenStart();
    const end = scanner.getTextPos();
    const [startRow, startCol] = at(start);
    const [endRow, endCol] = at(end);
    out.push({ text: normalise(kind, scanner.getTokenText()), startRow, startCol, endRow, endCol });
  }
  return out;
}
