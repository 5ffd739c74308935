// Where the console's modules live: the HTTP adapter's resources, as the jar serves them.
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const consoleDir = resolve(dirname(fileURLToPath(import.meta.url)),
    '../../../vault-adapter-http/src/main/resources/io/offlinevault/http/console');

/** {@return the module `name` of the console} */
export function load(name) {
    return import(pathToFileURL(resolve(consoleDir, name)).href);
}
