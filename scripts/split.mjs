// The page's module, split: the screens behind the split points of src/main.rs move out of
// it into wasm files of their own, fetched the first time their screen opens.
//
// Trunk 0.21 runs cargo, wasm-bindgen and wasm-opt in one go, with no hook between cargo and
// wasm-bindgen, so trunk's own output for the page is thrown away here (index.html asks it
// not to run wasm-opt on it) and rebuilt from the linked module cargo left in target/:
//   1. wasm-split-cli (linked with --emit-relocs by build.rs) writes main.wasm, one
//      split_<screen>_<id>.wasm per screen, chunk_<n>.wasm for code several screens share,
//      and __wasm_split.js, the loader the page's module imports (it fetches a screen's files
//      relative to its own URL and instantiates them against the page's memory and table);
//   2. wasm-bindgen writes the glue for main.wasm (keeping the exports the screens import);
//   3. in a release build, wasm-opt on every module, with the flags below;
//   4. every file gets a name that changes with the content; the glue and the loader import
//      each other, so both are named after the hash of the pair. index.html's preload links
//      (with their integrity) and trunk's loader follow the new names.
// Called by post-build.mjs before anything else; returns the new index.html.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const APP = 'cobro-app';
// wasm-opt -Oz, then:
//   --low-memory-unused: Rust never uses the lowest 1 KiB (data starts at 1 MiB, the stack grows
//     down towards 0 and would be overflowing long before), so constant offsets fold into loads
//     and stores (0.5 % smaller raw, gzip and brotli);
//   --remove-exports *intounderlying*, then --remove-unused-module-elements: Leptos always builds
//     server_fn, whose wasm-streams dependency exports JS stream adapters this app never creates;
//     without the exports their code goes too (post-build.mjs drops the matching glue classes);
//   --strip-producers, --strip-target-features: sections no browser reads.
// The features are the ones rustc's wasm32 target uses; a split module carries no
// target_features section to tell wasm-opt.
const WASM_OPT = [
  '-Oz',
  '--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext',
  '--enable-mutable-globals', '--enable-reference-types', '--enable-multivalue',
  '--low-memory-unused',
  '--remove-exports', '--pass-arg=remove-exports@*intounderlying*',
  '--remove-unused-module-elements',
  '--strip-producers', '--strip-target-features',
];

const hash16 = (...parts) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest('hex').slice(0, 16);
};
const sri = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
function fail(msg) {
  console.error(`post-build (split): ${msg}`);
  process.exit(1);
}
function run(cmd, args) {
  try {
    execFileSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'] });
  } catch (e) {
    fail(`${cmd} ${args.join(' ')} failed (${e.message.split('\n')[0]})`);
  }
}
/**
 * Replaces every occurrence of each quoted name (after `prefix`), and fails when there is none
 * (a silent miss would ship a 404) or, with `once`, more than one. The prefix keeps the glue's
 * imports object (keyed by the wasm's import module name, which stays "./__wasm_split.js")
 * apart from its `import … from` lines (wasm-bindgen writes one per imported loader).
 */
function renameRefs(text, pairs, what, prefix = '', once = true) {
  let out = text;
  for (const [from, to] of pairs) {
    const quoted = [`${prefix}"${from}"`, `${prefix}'${from}'`];
    const n = quoted.reduce((k, q) => k + out.split(q).length - 1, 0);
    if (n === 0 || (once && n !== 1)) fail(`${what} names ${from} ${n} times, expected ${once ? 'once' : 'at least once'}`);
    for (const q of quoted) out = out.split(q).join(q.replace(from, to));
  }
  return out;
}

export function splitApp(staging, html) {
  const root = process.env.TRUNK_SOURCE_DIR || process.cwd();
  const release = process.env.TRUNK_PROFILE === 'release';
  const targetDir = process.env.CARGO_TARGET_DIR || join(root, 'target');
  const linked = join(targetDir, 'wasm32-unknown-unknown', release ? 'release' : 'debug', `${APP}.wasm`);
  if (!existsSync(linked)) fail(`no linked module at ${linked}`);

  // Trunk's unsplit files for the page: referenced by its loader and its preload links.
  const old = html.match(new RegExp(`\\./(${APP}-[0-9a-f]+)\\.js`));
  const oldWasm = html.match(new RegExp(`\\./(${APP}-[0-9a-f]+_bg\\.wasm)`));
  if (!old || !oldWasm) fail(`index.html names no ${APP} glue and module from trunk`);

  const work = join(targetDir, 'split');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  run('wasm-split-cli', [linked, work]);
  run('wasm-bindgen', [
    '--target=web', '--no-typescript', '--keep-lld-exports', '--no-demangle',
    '--out-dir', work, '--out-name', 'main', join(work, 'main.wasm'),
  ]);
  const pieces = readdirSync(work).filter((f) => /^(split|chunk)_.*\.wasm$/.test(f)).sort();
  if (pieces.length === 0) fail('wasm-split-cli wrote no screen module (no split point of src/main.rs reached?)');
  if (release) {
    for (const f of ['main_bg.wasm', ...pieces]) run('wasm-opt', [join(work, f), '-o', join(work, f), ...WASM_OPT]);
  }

  // The screens' modules, each named by its content.
  const renames = [];
  for (const f of pieces) {
    const bytes = readFileSync(join(work, f));
    const name = `${APP}-${f.startsWith('chunk_') ? 'shared' : 'screen'}-${hash16(bytes)}.wasm`;
    writeFileSync(join(staging, name), bytes);
    renames.push([`./${f}`, `./${name}`]);
  }
  const mainWasm = readFileSync(join(work, 'main_bg.wasm'));
  const mainWasmName = `${APP}-${hash16(mainWasm)}_bg.wasm`;
  writeFileSync(join(staging, mainWasmName), mainWasm);

  // The glue imports the loader, the loader imports the glue (its initSync): one hash for both.
  let glue = readFileSync(join(work, 'main.js'), 'utf8');
  let loader = renameRefs(readFileSync(join(work, '__wasm_split.js'), 'utf8'), renames, '__wasm_split.js');
  const pair = hash16(glue, '\0', loader);
  const glueName = `${APP}-${pair}.js`;
  const loaderName = `${APP}-split-${pair}.js`;
  glue = renameRefs(glue, [['./__wasm_split.js', `./${loaderName}`]], 'the glue', 'from ', false);
  loader = renameRefs(loader, [['./main.js', `./${glueName}`]], '__wasm_split.js', 'from ');
  writeFileSync(join(staging, glueName), glue);
  writeFileSync(join(staging, loaderName), loader);

  unlinkSync(join(staging, `${old[1]}.js`));
  unlinkSync(join(staging, oldWasm[1]));
  // Preload links: trunk's carry the old names and integrity; write them afresh.
  const preloads = new RegExp(`<link rel="(modulepreload|preload)" href="\\./${APP}-[0-9a-f]+(_bg\\.wasm|\\.js)"[^>]*>`, 'g');
  const found = html.match(preloads) || [];
  if (found.length !== 2) fail(`expected trunk's two preload links for ${APP}, found ${found.length}`);
  const links =
    `<link rel="modulepreload" href="./${glueName}" crossorigin="anonymous" integrity="${sri(glue)}">` +
    `<link rel="modulepreload" href="./${loaderName}" crossorigin="anonymous" integrity="${sri(loader)}">` +
    `<link rel="preload" href="./${mainWasmName}" crossorigin="anonymous" integrity="${sri(mainWasm)}" as="fetch" type="application/wasm">`;
  let out = html.replace(found[0], links).replace(found[1], '');
  out = out.split(`./${old[1]}.js`).join(`./${glueName}`).split(`./${oldWasm[1]}`).join(`./${mainWasmName}`);
  if (out.includes(old[1])) fail('index.html still names trunk\'s unsplit files');
  console.log(`post-build: split the page into ${glueName}, ${mainWasmName} and ${pieces.length} modules on demand`);
  return out;
}
