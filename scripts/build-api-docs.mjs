// Writes /docs (build/docs): a page that renders docs/openapi.yaml with Redoc in the browser,
// under the same Content-Security-Policy as the portals and without any request to another host.
//
// The page is rendered on the client only: `redocly build-docs` pre-renders the reference and
// hydrates it, and its markup never matches the client's (a hundred React hydration errors per
// load), and it inlines its state in a script that the policy forbids. Redoc's bundle is copied
// from node_modules with three changes, each checked here so that an upgrade cannot drop one
// silently:
//   - its sidebar logo, fetched from Redocly's CDN, is left out (the attribution text stays);
//   - its search index runs in a worker served from /docs instead of one made from a blob: URL,
//     which the policy's script-src 'self' forbids;
//   - the perfect-scrollbar style sheet that it injects as an inline <style> is left out: the
//     page uses native scroll bars. styled-components' own <style> elements, created empty and
//     filled through the CSSOM, are the only inline styles left, allowed by the policy through
//     the hash of the empty string.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(repo, 'build/docs');
const bundlePath = join(repo, 'node_modules/redoc/bundles/redoc.standalone.js');
const workerFile = 'redoc-search.worker.js';

function fail(message) {
  console.error(`build-api-docs: ${message}`);
  process.exit(1);
}

/** Replaces the one occurrence of `from` in `text`; fails when there is none or several. */
function replaceOnce(text, from, to, what) {
  const at = text.indexOf(from);
  if (at < 0 || text.indexOf(from, at + 1) >= 0)
    fail(`expected exactly one ${what} in Redoc's bundle; was Redoc upgraded?`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

/** The end (exclusive) of the single-quoted JavaScript string literal that starts at `start`. */
function endOfStringLiteral(text, start) {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === "'") return i + 1;
  }
  return fail('unterminated string literal in the search worker');
}

/** Moves the search worker's source out of its blob: URL into `workerFile`. */
function extractSearchWorker(bundle) {
  const opening = "new Worker(URL.createObjectURL(new Blob([";
  const at = bundle.indexOf(opening);
  if (at < 0 || bundle.indexOf(opening, at + 1) >= 0 || bundle[at + opening.length] !== "'")
    fail("expected one search worker made from a blob: URL in Redoc's bundle; was Redoc upgraded?");
  const literalStart = at + opening.length;
  const literalEnd = endOfStringLiteral(bundle, literalStart);
  const closing = ']))';
  if (bundle.slice(literalEnd, literalEnd + closing.length) !== closing)
    fail('the search worker is not a single string literal');
  // A lone string literal: evaluating it runs no code.
  const source = vm.runInNewContext(bundle.slice(literalStart, literalEnd));
  writeFileSync(join(out, workerFile), source);
  return (
    bundle.slice(0, at) + `new Worker("/docs/${workerFile}"` + bundle.slice(literalEnd + closing.length)
  );
}

function patchBundle(bundle) {
  let patched = replaceOnce(bundle, 'src:"https://cdn.redoc.ly/redoc/logo-mini.svg"', 'src:""', 'CDN logo');
  patched = extractSearchWorker(patched);
  // The only style sheet bundled through style-loader (perfect-scrollbar's): its injection is
  // the call after `insertStyleElement=...()`.
  const injections = [...patched.matchAll(/(\.insertStyleElement=\w+\(\),)\w+\(\)\(\w+\.A,\w+\),/g)];
  if (injections.length !== 1)
    fail("expected one injected style sheet in Redoc's bundle; was Redoc upgraded?");
  return patched.replace(injections[0][0], injections[0][1]);
}

const page = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>ReskFlow API reference</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/docs/page.css">
</head>
<body>
<noscript>The API reference needs JavaScript. The OpenAPI document is at <a href="/docs/openapi.yaml">/docs/openapi.yaml</a>.</noscript>
<redoc spec-url="/docs/openapi.yaml" native-scrollbars></redoc>
<script src="/docs/redoc.standalone.js"></script>
</body>
</html>
`;

mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'redoc.standalone.js'), patchBundle(readFileSync(bundlePath, 'utf8')));
copyFileSync(join(repo, 'docs/openapi.yaml'), join(out, 'openapi.yaml'));
writeFileSync(join(out, 'page.css'), 'body { margin: 0; padding: 0; }\n');
writeFileSync(join(out, 'index.html'), page);
if (/(src|href)="https?:\/\//.test(page)) fail('the page loads something from an outside host');
