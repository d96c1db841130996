import { Command } from 'commander';
import { VERSION } from '../version';
import { reportAndExit } from './cli-error';

/** Loads a command's module only when it runs: `start` never pays for the pack, import or user code. */
function lazy<M>(load: () => Promise<M>, name: keyof M) {
  return async (...args: unknown[]): Promise<void> => {
    const command = (await load())[name] as (...a: unknown[]) => Promise<void>;
    return command(...args);
  };
}
const demoDataCommand = lazy(() => import('./commands/demo-data.command'), 'demoDataCommand');
const importCommand = lazy(() => import('./commands/import.command'), 'importCommand');
const migrateCommand = lazy(() => import('./commands/migrate.command'), 'migrateCommand');
const packApplyCommand = lazy(() => import('./commands/pack-apply.command'), 'packApplyCommand');
const packExportCommand = lazy(() => import('./commands/pack-export.command'), 'packExportCommand');
const packPlanCommand = lazy(() => import('./commands/pack-plan.command'), 'packPlanCommand');
const packValidateCommand = lazy(() => import('./commands/pack-validate.command'), 'packValidateCommand');
const startCommand = lazy(() => import('./commands/start.command'), 'startCommand');
const userAddCommand = lazy(() => import('./commands/user-add.command'), 'userAddCommand');

const program = new Command('tessera')
  .description('Tessera — forms, flows, rules and reports on Postgres')
  .version(VERSION)
  .showHelpAfterError();

program
  .command('start')
  .description('serve the API and run the background workers (embedded database unless DATABASE_URL is set)')
  .action(startCommand);

program.command('migrate').description('bring the database schema up to date').action(migrateCommand);

const user = program.command('user').description('manage users');
user
  .command('add <username>')
  .description('create a user')
  .option('-p, --password <password>', 'the password (or set TESSERA_PASSWORD)')
  .option('--admin', 'make the user an administrator')
  .option('--name <display name>', 'display name')
  .option('--email <email>', 'e-mail address')
  .action(userAddCommand);

const pack = program.command('pack').description('template packs: whole apps as folders of JSON files');
pack
  .command('validate <dir>')
  .description(
    'check every file of a pack (folder or .zip) against the schemas and the cross-file references',
  )
  .action(packValidateCommand);
pack
  .command('plan <dir>')
  .description('show what applying a pack (folder or .zip) would change, changing nothing')
  .action(packPlanCommand);
pack
  .command('apply <dir>')
  .description(
    'plan a pack (folder or .zip) and apply it in one transaction (refused if the app changed meanwhile)',
  )
  .action(packApplyCommand);
pack
  .command('export <app> <dir>')
  .description('write an installed app as a pack folder (new or empty), or as a .zip when <dir> ends in .zip')
  .action(packExportCommand);

program
  .command('demo-data')
  .description(
    'generate seeded Customer ERP demo data through the records service (installs the pack if needed)',
  )
  .option('--customers <n>', 'customers to generate', '200')
  .option('--orders <n>', 'sales orders to generate (default 4 per customer)')
  .option('--seed <n>', 'the same seed gives the same data', '1')
  .option(
    '--batch <n>',
    'customers (with all their documents) per transaction (default: ~10 000 orders each)',
  )
  .action(demoDataCommand);

program
  .command('import <app> <form> <file>')
  .description('import a CSV or XLSX file into a form (columns matched by label in zh-CN or en, or by key)')
  .option('--key <field>', 'the field that identifies a record (duplicates are looked up by it)')
  .option('--duplicates <mode>', 'update | skip: what a row matching an existing record does', 'skip')
  .option('--mode <mode>', 'all-or-nothing | valid-only', 'all-or-nothing')
  .option('--dry-run', 'validate and report, write nothing')
  .option('--mapping <json>', 'column header → field key, e.g. {"Cust.":"name"}')
  .option('--as <username>', 'the user the records are written as (default: the system)')
  .option('--report <path>', 'where to write the per-row report (default <file>.report.csv)')
  .option('--chunk-size <rows>', 'rows per chunk (default 500)')
  .action(importCommand);

program.parseAsync(process.argv).catch(reportAndExit);
