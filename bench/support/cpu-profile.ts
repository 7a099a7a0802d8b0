// `VTB_BENCH_CPU_PROF=<dir>`: the node flags that make a child server write
// `<dir>/<kind>-<time>.cpuprofile` when it stops (bench/README.md, "Profiling").

export function cpuProfileArgs(kind: string): string[] {
  const dir = process.env['VTB_BENCH_CPU_PROF'];
  if (!dir) return [];
  return [
    '--cpu-prof',
    `--cpu-prof-dir=${dir}`,
    `--cpu-prof-name=${kind}-${Date.now()}.cpuprofile`,
  ];
}
