// Validates the server's OpenAPI document (the one GET /_offline-vault/openapi.json serves) with
// @seriousme/openapi-schema-validator, pinned in package.json: the document must match the OpenAPI 3.1 schema
// and every $ref must resolve. `npm run validate-openapi [FILE]`; `npm test` runs it first.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Validator } from '@seriousme/openapi-schema-validator';

const file = process.argv[2]
    ?? fileURLToPath(new URL('../vault-adapter-http/src/main/resources/io/offlinevault/http/openapi.json', import.meta.url));
const { version } = JSON.parse(await readFile(
    new URL('node_modules/@seriousme/openapi-schema-validator/package.json', import.meta.url), 'utf8'));

const validator = new Validator();
const result = await validator.validate(JSON.parse(await readFile(file, 'utf8')));
if (!result.valid) {
    console.error(`${file}: not a valid OpenAPI document (@seriousme/openapi-schema-validator ${version}):`);
    console.error(JSON.stringify(result.errors, null, 2));
    process.exit(1);
}
validator.resolveRefs();    // throws on a $ref that does not resolve
const paths = Object.values(validator.specification.paths);
const operations = paths.flatMap((item) => Object.keys(item)
    .filter((method) => ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'].includes(method)));
console.log(`${file}: valid OpenAPI ${validator.version} (${validator.specification.openapi}), ${paths.length} paths,`
    + ` ${operations.length} operations, every $ref resolved (@seriousme/openapi-schema-validator ${version})`);
