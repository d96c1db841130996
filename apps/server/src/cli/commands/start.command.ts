import { redact } from '@tessera/store';
import { startServer } from '../../server';
import { readConfig } from '../read-config';

export async function startCommand(): Promise<void> {
  const config = readConfig();
  const server = await startServer(config);
  const where =
    server.database.kind === 'pglite'
      ? `embedded PGlite in ${config.DATA_DIR}`
      : redact(config.DATABASE_URL!);
  const lines = [
    '',
    `  Tessera is running at ${server.url}`,
    `  database: ${where}`,
    `  API docs: ${server.url}/api/docs`,
  ];
  if (server.firstAdmin.created) {
    lines.push(
      `  first admin created — user: ${server.firstAdmin.username}  password: ${server.firstAdmin.password}`,
      server.firstAdmin.generated
        ? '  (the generated password is shown only this once; set TESSERA_ADMIN_PASSWORD to choose it)'
        : '',
    );
  }
  if (server.demo.installed) {
    lines.push(
      `  Customer ERP demo installed (app ${server.demo.app}) — demo users, password ${server.demo.password}:`,
      ...server.demo.users.map((u) => `    ${u.username.padEnd(12)} ${u.roles.join(', ')}`),
      '  demo data (customers, orders, invoices, tickets…) is being generated in the background',
    );
  }
  process.stdout.write(`${lines.filter(Boolean).join('\n')}\n\n`);
  void server.demoData?.done.then((result) => {
    if (result?.kind === 'generated' && !result.stopped)
      process.stdout.write(
        `  demo data generated: ${result.total} records in ${Math.round(result.seconds)} s\n`,
      );
  });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    server.app.log.info({ signal }, 'shutting down');
    // the stop is bounded by TESSERA_SHUTDOWN_TIMEOUT_MS; this is the backstop if a step hangs
    const timer = setTimeout(() => process.exit(1), config.TESSERA_SHUTDOWN_TIMEOUT_MS + 2_000);
    await server.stop();
    clearTimeout(timer);
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}
