export default async function globalTeardown(): Promise<void> {
  const pid = Number(process.env.TEST_REDIS_PID);
  if (pid) {
    try { process.kill(pid, 'SIGKILL'); } catch { /* already gone */ }
  }
}
