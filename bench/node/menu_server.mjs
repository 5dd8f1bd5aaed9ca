// The menu benchmark's Node.js baselines: the same menu JSON from Express or Fastify, parsed once
// and serialised on every request as a real Node app serving it from memory would.
// Usage: node bench/node/menu_server.mjs express|fastify PORT MENU_JSON_FILE
import { readFileSync } from 'node:fs';

const [framework, port, file] = process.argv.slice(2);
const menu = JSON.parse(readFileSync(file, 'utf8'));

if (framework === 'express') {
  const { default: express } = await import('express');
  const app = express();
  app.get('/menu', (request, response) => response.json(menu));
  app.listen(Number(port), '127.0.0.1');
} else if (framework === 'fastify') {
  const { default: Fastify } = await import('fastify');
  const app = Fastify({ logger: false });
  app.get('/menu', async () => menu);
  await app.listen({ port: Number(port), host: '127.0.0.1' });
} else {
  console.error(`unknown framework ${framework}: use express or fastify`);
  process.exit(2);
}
