import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * No Docker engine on the development machines: these read the Dockerfiles
 * for the rules that keep the development issuer out of the production image.
 */
interface Instruction {
  readonly keyword: string;
  readonly text: string;
}
interface Stage {
  readonly from: string;
  readonly instructions: readonly Instruction[];
}

function stagesOf(file: string): Stage[] {
  const source = readFileSync(resolve(__dirname, file), 'utf8');
  const lines = source
    .replace(/\\\n/g, ' ') // continuation lines
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const stages: Array<{ from: string; instructions: Instruction[] }> = [];
  for (const line of lines) {
    const [keyword = '', ...rest] = line.split(/\s+/);
    const text = rest.join(' ');
    if (keyword.toUpperCase() === 'FROM') stages.push({ from: text, instructions: [] });
    else stages.at(-1)?.instructions.push({ keyword: keyword.toUpperCase(), text });
  }
  return stages;
}

const ignored = (file: string): string[] =>
  readFileSync(resolve(__dirname, file), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));

const texts = (stage: Stage, keyword: string): string[] =>
  stage.instructions.filter((instruction) => instruction.keyword === keyword).map((instruction) => instruction.text);

describe('the production image (deploy/docker/Dockerfile)', () => {
  const stages = stagesOf('Dockerfile');
  const build = stages.find((stage) => stage.from.endsWith(' AS build'))!;
  const image = stages.at(-1)!;

  it('keeps the development issuer and local state out of its build context', () => {
    expect(ignored('Dockerfile.dockerignore')).toEqual(
      expect.arrayContaining(['apps/dev-issuer', '.stack', 'node_modules', 'dist']),
    );
  });

  it('removes the development issuer before building, and fails the build if any of it was compiled', () => {
    const run = texts(build, 'RUN').join(' && ');
    const removed = run.indexOf('rm -rf apps/dev-issuer');
    expect(removed).toBeGreaterThanOrEqual(0);
    expect(run.indexOf('npm run build')).toBeGreaterThan(removed);
    expect(run.lastIndexOf('test ! -e dist/apps/dev-issuer')).toBeGreaterThan(run.indexOf('npm run build'));
  });

  it('copies only the pruned dependencies, the build output and package.json into the image', () => {
    expect(texts(image, 'COPY')).toEqual([
      '--from=build /app/node_modules ./node_modules',
      '--from=build /app/dist ./dist',
      'package.json ./',
    ]);
    expect(texts(image, 'ENV')).toContain('NODE_ENV=production');
    expect(JSON.stringify(image)).not.toMatch(/dev-issuer/);
  });
});

describe("the development issuer's image (deploy/docker/dev-issuer.Dockerfile)", () => {
  const image = stagesOf('dev-issuer.Dockerfile').at(-1)!;

  it('runs the issuer under NODE_ENV=development, without the local stack state', () => {
    expect(texts(image, 'ENV')).toContain('NODE_ENV=development');
    expect(texts(image, 'CMD').join(' ')).toContain('dist/apps/dev-issuer/src/main.js');
    expect(ignored('dev-issuer.Dockerfile.dockerignore')).toEqual(expect.arrayContaining(['.stack']));
  });
});
