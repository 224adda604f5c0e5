/**
 * The command lines of the project's programs (the grader's, the tools', the benchmark's), parsed by Node's
 * `util.parseArgs`, with a mistake reported in a few plain words instead of Node's: "unknown option --fast",
 * "--out needs a value", "--check takes no value", "unexpected argument x". Each program adds its usage line.
 *
 * @example
 * const { values } = parseCommandLine({ args: ["--out", "x.zip"], options: { out: { type: "string" } } });
 * values.out; // "x.zip"
 */
import { parseArgs, type ParseArgsConfig } from "util";

/** What was wrong with a command line: an unknown option, an option's value missing or extra, a stray argument. */
export type UsageProblem = "unknown option" | "needs a value" | "takes no value" | "unexpected argument";

/** A mistake in how a program was called; programs print its message (and their usage) without a stack trace. */
export class UsageError extends Error {
  constructor(
    message: string,
    /** What was wrong, when parsing found it. */
    readonly problem?: UsageProblem,
    /** The option or argument it was about ("--fast"). */
    readonly arg?: string,
  ) {
    super(message);
    this.name = "UsageError";
  }
}

/** What util.parseArgs's error `e` says was wrong, and about which argument; null for any other error. */
function problemOf(e: unknown): { problem: UsageProblem; arg: string } | null {
  const code = (e as { code?: unknown })?.code;
  const message = e instanceof Error ? e.message : "";
  const arg = /'([^' ]+)/.exec(message)?.[1] ?? "";
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") return { problem: "unknown option", arg };
  if (code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL") return { problem: "unexpected argument", arg };
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
    return { problem: /does not take an argument/.test(message) ? "takes no value" : "needs a value", arg };
  }
  return null;
}

/**
 * `util.parseArgs(config)` (strict unless the config says otherwise). A mistake is thrown as a UsageError whose
 * message says what is wrong, followed by `usage` on a line of its own when given.
 */
export function parseCommandLine<T extends ParseArgsConfig>(
  config: T,
  usage?: string,
): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (e) {
    const found = problemOf(e);
    if (found === null) throw e;
    const { problem, arg } = found;
    const what =
      problem === "unknown option" || problem === "unexpected argument" ? `${problem} ${arg}` : `${arg} ${problem}`;
    throw new UsageError(usage ? `${what}\n${usage}` : what, problem, arg);
  }
}

/** Runs `parse` (a program's reading of its command line); a UsageError ends the program: its message, status 2. */
export function exitOnUsageError<R>(parse: () => R): R {
  try {
    return parse();
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    console.error(e.message);
    return process.exit(2);
  }
}
