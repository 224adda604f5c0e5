#!/usr/bin/env node
// The course kernel's entry point (named in the kernelspec): loads TypeScript support, then starts the kernel.
// Plain JavaScript because it runs before any TypeScript loader exists.
//
// tsx compiles TypeScript files with esbuild. By default esbuild keeps one compiler process running for the whole
// kernel, and Kernel → Interrupt (SIGINT to the kernel's process group) kills it: every file loaded afterwards, such
// as a freshly saved exercise, would fail with "The service is no longer running". With worker threads off, each
// compile starts its own short-lived esbuild process, and an interrupt cannot break later ones.
// Only when esbuild is not loaded yet (as when Jupyter starts the kernel): esbuild reads the variable once when it
// loads, and its worker thread reads it again when it starts, so setting it later (say, under `node --require
// tsx/cjs`) would leave that worker waiting forever.
const esbuildLoaded = Object.keys(require.cache).some((f) => /[\\/]esbuild[\\/]lib[\\/]main\.js$/.test(f));
if (!esbuildLoaded) process.env.ESBUILD_WORKER_THREADS = "0";
require("tsx/cjs");
require("./main.ts").main(process.argv.slice(2));
