/** Server-side documentation tooling: the OpenAPI document and the Postman collection derived from it. */
export { LOCAL_SERVER, buildOpenApiDocument } from './openapi.js';
export { toPostmanCollection } from './postman.js';
