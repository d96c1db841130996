import { Command } from 'commander';
import { VERSION } from '../version';
import { reportAndExit } from './cli-error';
import { migrateCommand } from './commands/migrate.command';
import { packApplyCommand } from './commands/pack-apply.command';
import { packExportCommand } from './commands/pack-export.command';
import { packPlanCommand } from './commands/pack-plan.command';
import { packValidateCommand } from './commands/pack-validate.command';
import { startCommand } from './commands/start.command';
import { userAddCommand } from './commands/user-add.command';

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
  .description('check every file of a pack against the schemas and the cross-file references')
  .action(packValidateCommand);
pack
  .command('plan <dir>')
  .description('show what applying a pack would change (forms, roles), changing nothing')
  .action(packPlanCommand);
pack
  .command('apply <dir>')
  .description('plan a pack and apply it in one transaction (refused if the app changed meanwhile)')
  .action(packApplyCommand);
pack
  .command('export <app> <dir>')
  .description('write an installed app as a pack folder (into a new or empty folder)')
  .action(packExportCommand);

program.parseAsync(process.argv).catch(reportAndExit);
