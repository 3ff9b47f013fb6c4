// Writes src/examples.js as JSON to the file named by argv[2] (or stdout),
// so the Go package playground can test the examples without Node.js.
import { writeFileSync } from 'node:fs';
import { examples } from '../src/examples.js';

const json = JSON.stringify(examples, null, 2) + '\n';
if (process.argv[2]) writeFileSync(process.argv[2], json);
else process.stdout.write(json);
