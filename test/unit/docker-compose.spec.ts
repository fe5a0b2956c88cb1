import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { DEPLOYED_SCRIPTS, REPO_ROOT } from 'test/support/processes';

// No Docker engine runs here, so the deployment is checked by reading it: every command the
// compose file runs must be an npm script that the test suite itself starts.
describe('docker/compose.yml', () => {
  const compose = parse(fs.readFileSync(path.join(REPO_ROOT, 'docker/compose.yml'), 'utf8'), { merge: true }) as {
    services: Record<string, { image?: string; command?: string[]; secrets?: string[]; environment?: Record<string, string>; healthcheck?: unknown }>;
    secrets: Record<string, { file: string }>;
  };
  const scripts = (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  const ours = Object.entries(compose.services).filter(([, s]) => s.image === 'hybrid-ballot:latest');

  it('runs the web app, a worker and the migrations from our image, beside PostgreSQL and Redis', () => {
    expect(ours.map(([name]) => name).sort()).toEqual(['migrate', 'web', 'worker']);
    expect(compose.services.postgres).toBeDefined();
    expect(compose.services.redis).toBeDefined();
  });

  it('starts each of our services with an npm script the test suite exercises', () => {
    for (const [name, service] of ours) {
      expect({ name, command: service.command?.slice(0, 2) }).toEqual({ name, command: ['npm', 'run'] });
      const script = service.command![2];
      expect(DEPLOYED_SCRIPTS).toContain(script);
      expect(scripts[script]).toBeDefined();
    }
  });

  it('gives the database URL as a secret file, never as a plain variable', () => {
    for (const [name, service] of ours) {
      expect({ name, url: service.environment?.DATABASE_URL }).toEqual({ name, url: undefined });
      expect(service.environment?.DATABASE_URL_FILE).toBe('/run/secrets/database_url');
      expect(service.secrets).toContain('database_url');
    }
    expect(Object.keys(compose.secrets).sort()).toEqual(['credential_seed', 'database_url', 'postgres_password']);
  });

  it('health-checks the web app, PostgreSQL and Redis', () => {
    for (const name of ['web', 'postgres', 'redis']) expect(compose.services[name].healthcheck).toBeDefined();
  });

  it('builds a non-root image whose default command is the web script', () => {
    const dockerfile = fs.readFileSync(path.join(REPO_ROOT, 'docker/Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/npm prune --omit=dev/);
    expect(dockerfile).toMatch(/^CMD \["npm", "run", "serve"\]$/m);
  });
});
