#!/usr/bin/env node
// Validates SARIF files against the OASIS SARIF 2.1.0 JSON schema shipped beside this
// script (sarif-schema-2.1.0.json, a JSON Schema draft-04 document), with Ajv.
//
//   node validate.js [--schema FILE] FILE...
//
// The npm packages come from package-lock.json (`npm ci`); the build installs them in
// its own directory, so run with NODE_PATH=<build>/test/sarif/node_modules (the lit
// substitution %sarif_validate does).
//
// Prints "FILE: valid" or "FILE: invalid" followed by one line per schema violation
// ("  error: <JSON pointer>: <message> (<schema keyword>)").
// Exit status: 0 every file is valid, 1 a file is invalid (or not JSON), 2 usage error
// (bad arguments, an unreadable file or schema, the npm packages missing).
'use strict';

const fs = require('fs');
const path = require('path');

const USAGE = 'usage: validate.js [--schema FILE] FILE...';

function fail(message) {
  process.stderr.write(`validate.js: error: ${message}\n`);
  process.exit(2);
}

function parseArgs(argv) {
  const files = [];
  let schema = path.join(__dirname, 'sarif-schema-2.1.0.json');
  for (let i = 0; i < argv.length; ++i) {
    const arg = argv[i];
    if (arg === '-h' || arg === '--help') {
      process.stdout.write(USAGE + '\n');
      process.exit(0);
    } else if (arg === '--schema') {
      if (i + 1 >= argv.length) fail(`--schema needs a file\n${USAGE}`);
      schema = argv[++i];
    } else if (arg.startsWith('--schema=')) {
      schema = arg.slice('--schema='.length);
    } else if (arg === '--') {
      files.push(...argv.slice(i + 1));
      break;
    } else if (arg.startsWith('-') && arg !== '-') {
      fail(`unknown option '${arg}'\n${USAGE}`);
    } else {
      files.push(arg);
    }
  }
  if (files.length === 0) fail(`no SARIF file given\n${USAGE}`);
  return { schema, files };
}

function loadModule(name) {
  try {
    return require(name);
  } catch (e) {
    if (e.code !== 'MODULE_NOT_FOUND') throw e;
    fail(`npm package '${name}' not found: run 'npm ci' in a copy of test/sarif/ ` +
         'and set NODE_PATH to its node_modules (the build does this)');
  }
}

function readText(file, what) {
  try {
    return file === '-' ? fs.readFileSync(0, 'utf8') : fs.readFileSync(file, 'utf8');
  } catch (e) {
    fail(`cannot read ${what} '${file}': ${e.message}`);
  }
}

// One readable line for an Ajv error, naming what the generic message leaves out.
function describe(error) {
  const where = error.instancePath === '' ? '(root)' : error.instancePath;
  let message = error.message;
  const p = error.params || {};
  if (error.keyword === 'enum' && p.allowedValues) {
    message += ': ' + p.allowedValues.map((v) => JSON.stringify(v)).join(', ');
  } else if (error.keyword === 'additionalProperties' && p.additionalProperty) {
    message += `: '${p.additionalProperty}'`;
  } else if (error.keyword === 'format' && p.format) {
    message += ` (value ${JSON.stringify(error.data)})`;
  }
  // Ajv's schemaPath is relative to the innermost $ref'd definition, so name only the
  // keyword that failed.
  return `${where}: ${message} (${error.keyword})`;
}

function main() {
  const { schema: schemaFile, files } = parseArgs(process.argv.slice(2));
  const Ajv = loadModule('ajv-draft-04');
  const addFormats = loadModule('ajv-formats');

  let schema;
  try {
    schema = JSON.parse(readText(schemaFile, 'schema'));
  } catch (e) {
    fail(`schema '${schemaFile}' is not JSON: ${e.message}`);
  }
  // allErrors: report every violation, not only the first; verbose: keep the offending
  // value (printed for format errors).
  const ajv = new Ajv({ allErrors: true, verbose: true });
  addFormats(ajv);
  let validate;
  try {
    validate = ajv.compile(schema);
  } catch (e) {
    fail(`cannot compile schema '${schemaFile}': ${e.message}`);
  }

  let status = 0;
  for (const file of files) {
    const text = readText(file, 'file');
    let data;
    try {
      data = JSON.parse(text);
    } catch (e) {
      process.stdout.write(`${file}: invalid\n  error: not JSON: ${e.message}\n`);
      status = 1;
      continue;
    }
    if (validate(data)) {
      process.stdout.write(`${file}: valid\n`);
      continue;
    }
    status = 1;
    process.stdout.write(`${file}: invalid\n`);
    for (const error of validate.errors) {
      process.stdout.write(`  error: ${describe(error)}\n`);
    }
  }
  process.exit(status);
}

main();
