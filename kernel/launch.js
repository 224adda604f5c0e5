#!/usr/bin/env node
// The course kernel's entry point (named in the kernelspec): loads TypeScript support, then starts the kernel.
// Plain JavaScript because it runs before any TypeScript loader exists.
require("tsx/cjs");
require("./main.ts").main(process.argv.slice(2));
