import { render } from 'ink';
import { ThemeProvider, defaultTheme as inkUiTheme, extendTheme } from '@inkjs/ui';
import { defaultConfigFile, defaultDataDir, sampleFile } from '../config/paths.js';
import { readProfile } from '../config/profile.js';
import { passwordWarning, resolveTarget } from '../config/target.js';
import type { Database } from '../db/database.js';
import { UserError } from '../errors.js';
import { App, type AppStart, type Farewell } from './app.js';
import { chooseTheme, ThemeContext } from './theme.js';

export interface AppOptions {
  db?: string;
  configFile?: string;
  /** Run the setup wizard even when a profile exists (the `setup` command). */
  setup?: boolean;
  /** false for `--no-color`; read from the command line when not given. */
  color?: boolean;
}

const ENTER_ALTERNATE_SCREEN = '\u001B[?1049h';
const LEAVE_ALTERNATE_SCREEN = '\u001B[?1049l';
const SHOW_CURSOR = '\u001B[?25h';

/** First run (no profile, no --db, no DATABASE_URL) or `setup`: the wizard; otherwise the saved database. */
function startOf(options: AppOptions, configFile: string): AppStart {
  if (options.setup || (!options.db && !process.env.DATABASE_URL && !readProfile(configFile))) return { kind: 'setup' };
  const resolved = resolveTarget({ db: options.db, configFile });
  const warning = passwordWarning(resolved);
  // before the alternate screen, so that it stays on the terminal
  if (warning) process.stderr.write(`session-explorer: ${warning}\n`);
  const { target, source } = resolved;
  // The configured folder is created when missing; a folder typed on the command line must exist (a typo would
  // otherwise become a new, empty database).
  return { kind: 'open', target, create: source === 'profile' || source === 'default' };
}

/**
 * Opens the terminal app in the alternate screen. The terminal is given back as it was however the app
 * ends: quit, an error, or the process being killed.
 */
export async function openTerminalApp(options: AppOptions): Promise<number> {
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    throw new UserError('The terminal app needs an interactive terminal; run with --help for the commands that print instead.', 2);
  }
  const configFile = options.configFile ?? defaultConfigFile();
  const start = startOf(options, configFile);
  const theme = chooseTheme({ env: process.env, colorFlag: options.color ?? !process.argv.includes('--no-color') });
  const uiTheme = theme.colour ? inkUiTheme : extendTheme(inkUiTheme, { components: { Spinner: { styles: { frame: () => ({}) } } } });

  const databases: Database[] = [];
  let restored = false;
  const restore = () => {
    if (restored) return;
    restored = true;
    process.stdout.write(SHOW_CURSOR + LEAVE_ALTERNATE_SCREEN);
  };
  process.stdout.write(ENTER_ALTERNATE_SCREEN);
  process.once('exit', restore);

  const app = render(
    <ThemeContext.Provider value={theme}>
      <ThemeProvider theme={uiTheme}>
        <App
          start={start}
          configFile={configFile}
          dataDir={defaultDataDir()}
          sampleFile={sampleFile}
          exportDir={process.cwd()}
          onDatabase={(db) => databases.push(db)}
        />
      </ThemeProvider>
    </ThemeContext.Provider>,
    { exitOnCtrlC: false },
  );
  const closeDatabases = () => Promise.all(databases.map((db) => db.close().catch(() => {})));
  // Killed or hung up: the terminal is still given back (a signal ends the process without an 'exit' event), and
  // the databases are closed, so that the embedded server stops if no other app uses it; a hung close does not
  // keep the process alive past a few seconds.
  const signals = { SIGTERM: 143, SIGHUP: 129 } as const;
  const onSignal = (signal: keyof typeof signals) => {
    app.unmount();
    restore();
    const exit = () => process.exit(signals[signal]);
    setTimeout(exit, 3000);
    void closeDatabases().then(exit);
  };
  for (const signal of Object.keys(signals) as (keyof typeof signals)[]) process.once(signal, onSignal);

  let farewell: Farewell | undefined;
  try {
    farewell = (await app.waitUntilExit()) as Farewell | undefined;
  } finally {
    restore();
    process.off('exit', restore);
    for (const signal of Object.keys(signals)) process.off(signal, onSignal);
    await closeDatabases();
  }
  if (farewell) process.stderr.write(`${farewell.message}\n`);
  return farewell?.exitCode ?? 0;
}
