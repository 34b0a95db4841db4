#!/usr/bin/env node
// Placeholder until the benchmarks issue (step 4): says so instead of pretending to measure.
console.log('bench: no benchmark yet — the benchmarks are built in step 4 (see bench/README.md).');
