// `npm run bench -- <name> [args…]`: each benchmark is bench/<name>.ts exporting `run(args)`.
// Benchmarks print rates, ratios against a reference measured in the same run, and the machine.
import * as os from 'node:os';

export interface BenchModule {
  run(args: string[]): Promise<void>;
}

export function describeMachine(): string {
  const cpus = os.cpus();
  return `${cpus.length} × ${cpus[0]?.model ?? 'unknown cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`;
}

async function main(): Promise<void> {
  const [name, ...args] = process.argv.slice(2);
  if (!name || !/^[a-z][a-z0-9-]*$/.test(name)) {
    console.error('usage: npm run bench -- <name> [args…]   (names: files in bench/)');
    process.exit(2);
  }
  let mod: BenchModule;
  try {
    mod = (await import(`./${name}`)) as BenchModule;
  } catch {
    console.error(`unknown benchmark "${name}"`);
    process.exit(2);
  }
  console.log(`# ${name} — ${describeMachine()}`);
  await mod.run(args);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
