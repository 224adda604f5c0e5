/**
 * Notebook display helpers: rich output (HTML, Markdown, LaTeX), tables, plotly.js figures and progress bars.
 * Everything also works without a notebook: each output then prints its plain-text form.
 */
export * from "./bundle";
export * from "./escape";
export * from "./rich";
export * from "./table";
export { resetDisplaySession } from "./session";
export * from "./plotlyLibrary";
export * from "./plot";
export * from "./charts";
export * from "./progress";
export * from "./slides";
export * from "./claim";
export { NOTICE_METADATA_KEY, type NoticeKind } from "./notice";
