// typst14.mjs — compiles a typst document with typst 0.14 through the Node
// binding @myriaddreamin/typst-ts-node-compiler (installed by `make
// bench-peers` into build/peers) and writes its tagged PDF, for `make bench`.
//
// usage: node tests/bench/typst14.mjs [--peers DIR] [--font-path DIR]... MAIN.typ OUT.pdf
//        --version prints the typst version the binding embeds
//
// The workspace (typst's root) is MAIN's directory.  Prints "pages N" on
// success; exit 1 when the document does not compile, 2 on a usage error.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const usage = 'usage: typst14.mjs [--peers DIR] [--font-path DIR]... MAIN.typ OUT.pdf | --version';

function parseArgs(argv) {
	const a = { peers: path.join(here, '..', '..', 'build', 'peers'), fontPaths: [], files: [], version: false };
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (arg === '--peers' || arg === '--font-path') {
			if (i + 1 >= argv.length) return null;
			if (arg === '--peers') a.peers = argv[++i];
			else a.fontPaths.push(path.resolve(argv[++i]));
		} else if (arg === '--version') {
			a.version = true;
		} else if (arg.startsWith('-')) {
			return null;
		} else {
			a.files.push(arg);
		}
	}
	return a.version || a.files.length === 2 ? a : null;
}

// The binding as npm installed it under PEERS (never a global module).
function loadBinding(peers) {
	const require = createRequire(path.join(path.resolve(peers), 'node_modules', '/'));
	return require('@myriaddreamin/typst-ts-node-compiler');
}

// compile WORKSPACE MAIN: the compiled document, or the diagnostics printed and null.
function compile(NodeCompiler, fontPaths, workspace, main) {
	const compiler = NodeCompiler.create({ workspace, fontArgs: [{ fontPaths }] });
	const result = compiler.compile({ mainFilePath: main });
	if (result.hasError() || !result.result) {
		result.printErrors();
		return null;
	}
	return { compiler, doc: result.result };
}

function main() {
	const a = parseArgs(process.argv.slice(2));
	if (!a) {
		console.error(usage);
		return 2;
	}
	let binding;
	try {
		binding = loadBinding(a.peers);
	} catch (e) {
		console.error(`typst14.mjs: the binding is not installed under ${a.peers} (make bench-peers): ${e.message}`);
		return 2;
	}
	const { NodeCompiler } = binding;
	if (a.version) {
		// the version typst itself reports, from a one-line document
		const compiler = NodeCompiler.create({ fontArgs: [{ fontPaths: [] }] });
		const r = compiler.compile({ mainFileContent: '#metadata(str(sys.version)) <v>' });
		if (r.hasError()) {
			r.printErrors();
			return 1;
		}
		console.log('typst ' + compiler.query(r.result, { selector: '<v>', field: 'value' })[0]);
		return 0;
	}
	const [mainFile, outFile] = a.files.map((f) => path.resolve(f));
	const compiled = compile(NodeCompiler, a.fontPaths, path.dirname(mainFile), mainFile);
	if (!compiled) return 1;
	const pdf = compiled.compiler.pdf(compiled.doc, { pdfTags: true });
	// a whole file or none: written beside and renamed
	const tmp = outFile + '.tmp';
	fs.writeFileSync(tmp, pdf);
	fs.renameSync(tmp, outFile);
	console.log(`pages ${compiled.doc.numOfPages}`);
	return 0;
}

process.exitCode = main();
