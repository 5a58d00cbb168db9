// npm run docs:routes: writes the route table (contract/routes) into contract/README.md.
import { readFileSync, writeFileSync } from 'node:fs';
import { withRouteTable } from '../contract/routes/docs';

const file = new URL('../contract/README.md', import.meta.url);
const before = readFileSync(file, 'utf8');
const after = withRouteTable(before);
writeFileSync(file, after);
console.log(before === after ? 'contract/README.md is up to date' : 'contract/README.md: route table updated');
