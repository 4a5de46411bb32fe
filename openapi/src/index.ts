/** Server-side documentation tooling: the OpenAPI document and the Postman collection derived from it. */
export { buildOpenApiDocument } from './openapi.js';
export { toPostmanCollection } from './postman.js';
