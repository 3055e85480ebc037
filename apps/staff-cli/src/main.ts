// refugio staff CLI: `npm run -s cli -- <command> ...` (see --help).
import { runCli } from './cli';

void runCli(process.argv.slice(2), process.env).then((result) => {
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  // exitCode, not exit(): let stdout drain when it is a pipe.
  process.exitCode = result.exitCode;
});
