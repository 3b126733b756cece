import { parseArgs, type ParseArgsConfig } from 'node:util';

/**
 * A script's command line, parsed by node:util `parseArgs` (strict). An unknown flag, a flag without its value or
 * an argument the script does not take stops the script with one plain line and its usage. A lone `--` is skipped:
 * npm passes the second one on when flags are given as `npm run x -- --a -- --b`.
 */
export function commandLine<T extends Omit<ParseArgsConfig, 'args' | 'strict'>>(
  usage: string,
  config: T,
): ReturnType<typeof parseArgs<T>> {
  const args = process.argv.slice(2).filter((arg) => arg !== '--');
  try {
    return parseArgs({ ...config, args, strict: true }) as ReturnType<typeof parseArgs<T>>;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code !== 'string' || !code.startsWith('ERR_PARSE_ARGS')) throw error;
    console.error(`${problem(code, (error as Error).message)}\nUsage: ${usage}`);
    process.exit(1);
  }
}

function problem(code: string, message: string): string {
  const quoted = /'([^']+)'/.exec(message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `Unknown flag ${quoted}.`;
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return `Unexpected argument ${quoted}.`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return message.replace(/ argument missing$/, ' needs a value.');
  return message;
}
